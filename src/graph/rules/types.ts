import type { Relation } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Day } from '../../lib/days.ts';
import type { Policy, PolicyValues } from '../../policy/values.ts';
import type { Neighbourhoods } from '../traverse.ts';
import { renderWalk, type Hop, type Walk } from '../walk.ts';
import type { ActionRecord, StaffRecord } from '../model.ts';
import { naturalKey, type World, type WorldGraph } from '../world.ts';

export { RULE_IDS, type RuleId } from '../rule-ids.ts';
import type { RuleId } from '../rule-ids.ts';
export type Severity = 'violation' | 'risk';

export interface Citation {
  article: string;
  text: string;
}

/** The parts of a flag's identity (RULES.md "flag key"); null where the rule's key has no such part. */
export interface FlagKeyParts {
  staffNo: string | null;
  org: string | null;
  action: string | null;
  post: string | null;
  year: number | null;
}

export interface Evidence {
  asOf: Day;
  /** The graph paths that raised the flag, each hop with its node and the record on the edge into it. */
  paths: Hop[][];
  /** Facts the paths do not show (dates compared, certificates held, windows computed). */
  facts: Record<string, unknown>[];
  /** The policy version and the values this rule used. */
  policy: Record<string, unknown>;
}

export interface FlagCandidate extends FlagKeyParts {
  rule: RuleId;
  severity: Severity;
  flagKey: string;
  citation: Citation;
  evidence: Evidence;
}

/** The subjects to evaluate a rule for: staff numbers and action refs (null: every one in the world). */
export interface Scope {
  staff: ReadonlySet<string> | null;
  actions: ReadonlySet<string> | null;
}

export interface RuleContext {
  world: World;
  graph: WorldGraph;
  asOf: Day;
  policy: Policy;
  closeRelatives: ReadonlySet<Relation>;
  /** Close relatives and people tied to organisations, shared by the rules of one evaluation. */
  near: Neighbourhoods;
  /** Evaluate only for these subjects (an incremental screening); absent: everyone. */
  scope?: Scope;
}

/** The staff records a rule evaluates: all, or those in scope. */
export function staffInScope(ctx: RuleContext): Iterable<StaffRecord> {
  const only = ctx.scope?.staff;
  if (!only) return ctx.world.staff.values();
  const list: StaffRecord[] = [];
  for (const staffNo of only) {
    const s = ctx.world.staff.get(staffNo);
    if (s) list.push(s);
  }
  return list;
}

/** The enforcement actions a rule evaluates: all, or those in scope. */
export function actionsInScope(ctx: RuleContext): Iterable<ActionRecord> {
  const only = ctx.scope?.actions;
  if (!only) return ctx.world.actions.values();
  const list: ActionRecord[] = [];
  for (const ref of only) {
    const a = ctx.world.actions.get(ref);
    if (a) list.push(a);
  }
  return list;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  citation: Citation;
  /** The policy values the rule reads; shown in each of its flags. */
  policyKeys: readonly (keyof PolicyValues)[];
  /** What each flag is about, to re-evaluate only what a change can reach: its staff member or its action. */
  subject: 'staff' | 'action';
  evaluate(ctx: RuleContext): FlagCandidate[];
}

export const flagKeyOf = (rule: RuleId, k: FlagKeyParts) =>
  naturalKey(rule, k.staffNo, k.org, k.action, k.post, k.year);

const NO_KEY: FlagKeyParts = { staffNo: null, org: null, action: null, post: null, year: null };

const sortedUnique = <T>(items: T[]): T[] => {
  const byText = new Map<string, T>();
  for (const item of items) byText.set(canonicalJson(item), item);
  return [...byText.keys()].sort().map((k) => byText.get(k)!);
};

/**
 * Gathers what a rule finds, one flag per key however many paths lead to it, and renders the flags with
 * their evidence in a canonical order (so the result never depends on the order records were loaded in).
 */
export class Findings {
  readonly #found = new Map<string, { key: FlagKeyParts; walks: Walk[]; facts: Record<string, unknown>[] }>();

  constructor(
    readonly rule: Rule,
    readonly ctx: RuleContext,
  ) {}

  add(key: Partial<FlagKeyParts>, walk: Walk | null, facts?: Record<string, unknown>): void {
    const parts = { ...NO_KEY, ...key };
    const id = flagKeyOf(this.rule.id, parts);
    let entry = this.#found.get(id);
    if (!entry) this.#found.set(id, (entry = { key: parts, walks: [], facts: [] }));
    if (walk) entry.walks.push(walk);
    if (facts) entry.facts.push(facts);
  }

  list(): FlagCandidate[] {
    const { rule, ctx } = this;
    const policy: Record<string, unknown> = { version: ctx.policy.version };
    for (const k of rule.policyKeys) policy[k] = ctx.policy.values[k];
    return [...this.#found.entries()].map(([flagKey, { key, walks, facts }]) => ({
      rule: rule.id,
      severity: rule.severity,
      flagKey,
      ...key,
      citation: rule.citation,
      evidence: {
        asOf: ctx.asOf,
        paths: sortedUnique(walks.map((w) => renderWalk(ctx.graph, w))),
        facts: sortedUnique(facts),
        policy,
      },
    }));
  }
}
