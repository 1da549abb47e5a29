import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEPARTURE_KINDS,
  ORG_KINDS,
  RELATIONS,
  ROLES_IN_ORG,
  STAFF_CATEGORIES,
  type Bundle,
} from '../src/bundle/schema.ts';
import { screenIncrementally } from '../src/graph/rules/incremental.ts';
import { evaluateRules } from '../src/graph/rules/index.ts';
import { keyOf, worldFromBundle, type World } from '../src/graph/world.ts';
import { addDaysToDay } from '../src/lib/days.ts';
import { DEFAULT_POLICY, type Policy } from '../src/policy/values.ts';
import { day, randomWorld } from './rules/random-world.ts';
import { loadFixture } from './support/test-app.ts';

// A screening after a change re-evaluates only what the change can reach; it must still give exactly the
// flags, evidence included, of screening the whole changed world.

const pick = <T>(items: Iterable<T>, n: number): T | undefined => {
  const list = [...items];
  return list.length === 0 ? undefined : list[n % list.length];
};

/** One small change to a world: a tie, an event or a record put, changed or removed. */
const change = fc.record({
  what: fc.constantFrom(
    'kinship',
    'unkin',
    'affiliation',
    'unaffiliate',
    'ownership',
    'unown',
    'engagement',
    'designation',
    'undesignate',
    'action',
    'unaction',
    'staff',
    'person',
    'org',
    'qualification',
    'unqualify',
    'suspension',
    'assignment',
    'declaration',
    'post',
    'campaign',
  ),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  on: day,
  length: fc.option(fc.integer({ min: 1, max: 2500 }), { nil: null }),
  relation: fc.constantFrom(...RELATIONS),
  role: fc.constantFrom(...ROLES_IN_ORG),
  orgKind: fc.constantFrom(...ORG_KINDS),
  category: fc.constantFrom(...STAFF_CATEGORIES),
  departure: fc.constantFrom(...DEPARTURE_KINDS),
  flag: fc.boolean(),
});
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function apply(w: World, c: Change): void {
  const people = [...w.persons()].map((p) => p.ref);
  const orgs = [...w.orgs.keys()];
  const staffNos = [...w.staff.keys()];
  const person = (n: number) => people[n % people.length]!;
  const org = (n: number) => orgs[n % orgs.length]!;
  const staffNo = (n: number) => staffNos[n % staffNos.length]!;
  const to = c.length === null ? null : addDaysToDay(c.on, c.length);
  switch (c.what) {
    case 'kinship':
      if (person(c.a) !== person(c.b))
        w.putKinship({ person: person(c.a), relative: person(c.b), relation: c.relation });
      return;
    case 'unkin': {
      const k = pick(w.ties('kinship'), c.a);
      if (k) w.remove('kinship', keyOf.kinship(k));
      return;
    }
    case 'affiliation': {
      // Either a new tie or the same tie with other dates, pay or source.
      const old = c.flag ? pick(w.ties('affiliation'), c.a) : undefined;
      w.putAffiliation(
        old
          ? { ...old, to, paid: !old.paid }
          : {
              person: person(c.a),
              org: org(c.b),
              role: c.role,
              share: null,
              paid: c.flag,
              from: c.on,
              to,
              source: c.c % 2 ? 'registry' : 'declaration',
            },
      );
      return;
    }
    case 'unaffiliate': {
      const a = pick(w.ties('affiliation'), c.a);
      if (a) w.remove('affiliation', keyOf.affiliation(a));
      return;
    }
    case 'ownership':
      if (org(c.a) !== org(c.b))
        w.putOwnership({ owner: org(c.a), org: org(c.b), share: 50, from: c.on, to });
      return;
    case 'unown': {
      const o = pick(w.ties('ownership'), c.a);
      if (o) w.remove('ownership', keyOf.ownership(o));
      return;
    }
    case 'engagement':
      w.putEngagement({ client: org(c.a), contractor: org(c.b), on: c.on });
      return;
    case 'designation':
      if (staffNos.length)
        w.putDesignation({ staffNo: staffNo(c.a), org: org(c.b), on: c.on, source: '96119', note: null });
      return;
    case 'undesignate': {
      const d = pick(w.designations.values(), c.a);
      if (d) w.remove('designation', keyOf.designation(d));
      return;
    }
    case 'action': {
      const old = c.flag ? pick(w.actions.values(), c.a) : undefined;
      const officers = staffNos.length ? [...new Set([staffNo(c.b), staffNo(c.c)])] : [];
      w.putAction(
        old
          ? { ...old, officers: c.length === null ? officers : old.officers.slice(1), on: c.on }
          : { ref: `AX${c.a % 5}`, kind: 'inspection', org: org(c.b), on: c.on, officers },
      );
      return;
    }
    case 'unaction': {
      const a = pick(w.actions.keys(), c.a);
      if (a) w.removeAction(a);
      return;
    }
    case 'staff': {
      const s = pick(w.staff.values(), c.a);
      if (!s) return;
      w.putStaff({
        ...s,
        person: c.flag ? person(c.b) : s.person,
        category: c.category,
        departedOn: to,
        departureKind: to === null ? null : c.departure,
      });
      return;
    }
    case 'person':
      w.putPerson({ ref: person(c.a), name: `改名${c.b % 7}` });
      return;
    case 'org': {
      const o = w.orgs.get(org(c.a))!;
      w.putOrg({ ...o, kind: c.orgKind, name: `改名${c.b % 7}` });
      return;
    }
    case 'qualification':
      if (staffNos.length)
        w.putQualification({
          staffNo: staffNo(c.a),
          kind: c.flag ? 'enforcement' : 'auxiliary',
          certNo: `CX${c.b % 4}`,
          passedOn: c.on,
          expiresOn: to,
        });
      return;
    case 'unqualify': {
      const q = pick(w.qualifications.values(), c.a);
      if (q) w.remove('qualification', keyOf.qualification(q));
      return;
    }
    case 'suspension':
      if (staffNos.length) w.putSuspension({ staffNo: staffNo(c.a), from: c.on, to, reason: '停职' });
      return;
    case 'assignment':
      if (staffNos.length) w.putAssignment({ staffNo: staffNo(c.a), post: `POST${c.b % 2}`, from: c.on, to });
      return;
    case 'declaration':
      if (staffNos.length)
        w.putDeclaration({
          staffNo: staffNo(c.a),
          year: 2025,
          submittedOn: c.flag ? c.on : null,
          items: [...w.ties('affiliation')]
            .filter((_, i) => i % 3 === c.b % 3)
            .map((a) => ({ type: 'affiliation' as const, person: a.person, org: a.org, role: a.role })),
        });
      return;
    case 'post': {
      const p = pick(w.posts.values(), c.a);
      if (p) w.putPost({ ...p, rotationYears: c.length === null ? null : 1 + (c.b % 4) });
      return;
    }
    case 'campaign':
      w.putCampaign({ year: 2025, dueOn: c.on });
      return;
  }
}

const policy: Policy = { version: 0, values: DEFAULT_POLICY };
const policies = fc.constantFrom<Policy>(
  policy,
  { version: 7, values: { ...DEFAULT_POLICY, maxOwnershipHops: 1 } },
  { version: 8, values: { ...DEFAULT_POLICY, maxOwnershipHops: 0, closeRelatives: ['spouse', 'sibling'] } },
);

describe('incremental screening', () => {
  it('after random small changes gives exactly the flags of screening the whole world', () => {
    fc.assert(
      fc.property(
        randomWorld,
        fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        policies,
        ({ bundle, asOf }, rounds, p) => {
          const w = worldFromBundle(bundle);
          expect(screenIncrementally(w, asOf, p)).toEqual(evaluateRules(w, asOf, p));
          for (const round of rounds) {
            for (const c of round) apply(w, c);
            expect(screenIncrementally(w, asOf, p)).toEqual(evaluateRules(w, asOf, p));
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  it('after changes to the worked example gives the same flags as a full screening', () => {
    const fixture = loadFixture<Bundle>('world-small.json');
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 4 }), (changes) => {
        const w = worldFromBundle(fixture);
        expect(screenIncrementally(w, '2026-06-30', policy)).toHaveLength(24);
        for (const c of changes) {
          apply(w, c);
          expect(screenIncrementally(w, '2026-06-30', policy)).toEqual(
            evaluateRules(w, '2026-06-30', policy),
          );
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('re-evaluates only the subjects a change reaches', () => {
    const fixture = loadFixture<Bundle>('world-small.json');
    const w = worldFromBundle(fixture);
    const before = screenIncrementally(w, '2026-06-30', policy);
    // Nothing changed: the same flags, the same objects (nothing was evaluated again).
    const again = screenIncrementally(w, '2026-06-30', policy);
    expect(again).toEqual(before);
    expect(again.every((f, i) => f === before[i])).toBe(true);
  });
});
