import type { Bundle } from '../../src/bundle/schema.ts';
import { evaluateRules } from '../../src/graph/rules/index.ts';
import type { FlagCandidate, RuleId } from '../../src/graph/rules/types.ts';
import { worldFromBundle } from '../../src/graph/world.ts';
import { DEFAULT_POLICY, type PolicyValues } from '../../src/policy/values.ts';

// Small worlds for rule tests, written as bundles (the same records an import carries).

type Staff = NonNullable<Bundle['staff']>[number];
type Org = NonNullable<Bundle['organizations']>[number];
type Affiliation = NonNullable<Bundle['affiliations']>[number];

export function world(parts: Omit<Bundle, 'format'>): Bundle {
  const people = new Map((parts.people ?? []).map((p) => [p.ref, p]));
  // Anyone named by a staff record, kinship or affiliation exists as a person.
  const mention = (ref: string) => {
    if (!people.has(ref)) people.set(ref, { ref, name: `姓名${ref}` });
  };
  for (const s of parts.staff ?? []) mention(s.person);
  for (const k of parts.kinship ?? []) {
    mention(k.person);
    mention(k.relative);
  }
  for (const a of parts.affiliations ?? []) mention(a.person);
  return { format: 'coi-bundle/1', ...parts, people: [...people.values()] };
}

export const staff = (staffNo: string, person: string, more: Partial<Staff> = {}): Staff => ({
  staffNo,
  person,
  category: 'enforcement_cadre',
  unit: '支队',
  jurisdiction: '230500',
  hiredOn: '2000-01-01',
  departedOn: null,
  departureKind: null,
  ...more,
});

export const org = (creditCode: string, kind: Org['kind'], region = '230502'): Org => ({
  creditCode,
  name: `单位${creditCode}`,
  kind,
  region,
});

export const tie = (
  person: string,
  orgCode: string,
  role: Affiliation['role'],
  more: Partial<Affiliation> = {},
): Affiliation => ({
  person,
  org: orgCode,
  role,
  share: null,
  paid: false,
  from: '2015-01-01',
  to: null,
  source: 'registry',
  ...more,
});

export function screen(bundle: Bundle, asOf: string, policy: Partial<PolicyValues> = {}, version = 0) {
  return evaluateRules(worldFromBundle(bundle), asOf, { version, values: { ...DEFAULT_POLICY, ...policy } });
}

/** The flags of one rule as compact keys: [staffNo, org, action, post, year] without the nulls. */
export function flagsOf(flags: FlagCandidate[], rule: RuleId): string[] {
  return flags
    .filter((f) => f.rule === rule)
    .map((f) => [f.staffNo, f.org, f.action, f.post, f.year].filter((p) => p !== null).join(' '));
}

export const only = (flags: FlagCandidate[], rule: RuleId) => flags.filter((f) => f.rule === rule);
