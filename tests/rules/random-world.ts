import fc from 'fast-check';
import {
  DEPARTURE_KINDS,
  ORG_KINDS,
  RELATIONS,
  ROLES_IN_ORG,
  STAFF_CATEGORIES,
  TIE_SOURCES,
  type Bundle,
} from '../../src/bundle/schema.ts';
import { addDaysToDay } from '../../src/lib/days.ts';

// Small random worlds that exercise every rule, for the screening properties.

export const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDaysToDay('2018-01-01', n));
const span = fc.option(fc.integer({ min: 1, max: 2500 }), { nil: null });

/** Keeps the first record of each natural key, as a valid bundle has one. */
export function unique<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && Boolean(seen.add(key(t))));
}

/** Small random worlds that exercise every rule: ties, chains (cycles too), actions, declarations. */
export const randomWorld = fc
  .record({
    people: fc.integer({ min: 2, max: 10 }),
    orgs: fc.array(fc.constantFrom(...ORG_KINDS), { minLength: 1, maxLength: 6 }),
    regions: fc.array(fc.constantFrom('230502', '230503', '230100'), { minLength: 6, maxLength: 6 }),
    staff: fc.array(
      fc.record({
        person: fc.nat(),
        category: fc.constantFrom(...STAFF_CATEGORIES),
        hiredOn: day,
        served: span,
        kind: fc.constantFrom(...DEPARTURE_KINDS),
        jurisdiction: fc.constantFrom('230500', '230502', '230000'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    kinship: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), relation: fc.constantFrom(...RELATIONS) }), {
      maxLength: 10,
    }),
    ties: fc.array(
      fc.record({
        person: fc.nat(),
        org: fc.nat(),
        role: fc.constantFrom(...ROLES_IN_ORG),
        from: fc.option(day, { nil: null }),
        length: span,
        paid: fc.boolean(),
        source: fc.constantFrom(...TIE_SOURCES),
      }),
      { maxLength: 14 },
    ),
    ownerships: fc.array(fc.record({ owner: fc.nat(), org: fc.nat(), from: fc.option(day, { nil: null }) }), {
      maxLength: 8,
    }),
    actions: fc.array(
      fc.record({ org: fc.nat(), on: day, officers: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
      {
        maxLength: 5,
      },
    ),
    engagements: fc.array(fc.record({ client: fc.nat(), contractor: fc.nat(), on: day }), { maxLength: 5 }),
    designations: fc.array(fc.record({ staff: fc.nat(), org: fc.nat(), on: day }), { maxLength: 3 }),
    certificates: fc.array(
      fc.record({
        staff: fc.nat(),
        kind: fc.constantFrom('enforcement' as const, 'auxiliary' as const),
        passedOn: day,
        length: span,
      }),
      { maxLength: 8 },
    ),
    suspensions: fc.array(fc.record({ staff: fc.nat(), from: day, length: span }), { maxLength: 3 }),
    assignments: fc.array(fc.record({ staff: fc.nat(), post: fc.nat({ max: 1 }), from: day, length: span }), {
      maxLength: 4,
    }),
    declarations: fc.array(
      fc.record({
        staff: fc.nat(),
        submittedOn: fc.option(day, { nil: null }),
        declares: fc.array(fc.nat(), { maxLength: 3 }),
      }),
      { maxLength: 5 },
    ),
    asOf: day,
  })
  .map((g) => {
    const person = (n: number) => `P${n % g.people}`;
    const orgCode = (n: number) => `O${n % g.orgs.length}`;
    const staffNo = (n: number) => `S${n % g.staff.length}`;
    const end = (from: string | null, length: number | null) =>
      from !== null && length !== null ? addDaysToDay(from, length) : null;
    const affiliations = unique(
      g.ties.map((t) => ({
        person: person(t.person),
        org: orgCode(t.org),
        role: t.role,
        share: null,
        paid: t.paid,
        from: t.from,
        to: end(t.from, t.length),
        source: t.source,
      })),
      (a) => [a.person, a.org, a.role, a.from].join('|'),
    );
    const bundle: Bundle = {
      format: 'coi-bundle/1',
      people: Array.from({ length: g.people }, (_, i) => ({ ref: `P${i}`, name: `人${i}` })),
      organizations: g.orgs.map((kind, i) => ({
        creditCode: `O${i}`,
        name: `单位${i}`,
        kind,
        region: g.regions[i]!,
      })),
      staff: g.staff.map((s, i) => ({
        staffNo: `S${i}`,
        person: person(s.person),
        category: s.category,
        unit: '支队',
        jurisdiction: s.jurisdiction,
        hiredOn: s.hiredOn,
        departedOn: end(s.hiredOn, s.served),
        departureKind: s.served === null ? null : s.kind,
      })),
      kinship: unique(
        g.kinship
          .map((k) => ({ person: person(k.a), relative: person(k.b), relation: k.relation }))
          .filter((k) => k.person !== k.relative),
        (k) => `${k.person}|${k.relative}`,
      ),
      affiliations,
      ownerships: unique(
        g.ownerships
          .map((o) => ({ owner: orgCode(o.owner), org: orgCode(o.org), share: 50, from: o.from, to: null }))
          .filter((o) => o.owner !== o.org),
        (o) => [o.owner, o.org, o.from].join('|'),
      ),
      posts: [
        { code: 'POST0', name: '监督员', unit: '大队', kind: 'enforcement', rotationYears: 2 },
        { code: 'POST1', name: '文员', unit: '大队', kind: 'administrative', rotationYears: null },
      ],
      assignments: unique(
        g.assignments.map((a) => ({
          staffNo: staffNo(a.staff),
          post: `POST${a.post}`,
          from: a.from,
          to: end(a.from, a.length),
        })),
        (a) => [a.staffNo, a.post, a.from].join('|'),
      ),
      qualifications: g.certificates.map((q, i) => ({
        staffNo: staffNo(q.staff),
        kind: q.kind,
        certNo: `C${i}`,
        passedOn: q.passedOn,
        expiresOn: end(q.passedOn, q.length),
      })),
      suspensions: unique(
        g.suspensions.map((s) => ({
          staffNo: staffNo(s.staff),
          from: s.from,
          to: end(s.from, s.length),
          reason: '停职',
        })),
        (s) => `${s.staffNo}|${s.from}`,
      ),
      enforcementActions: g.actions.map((a, i) => ({
        ref: `A${i}`,
        kind: 'inspection' as const,
        org: orgCode(a.org),
        on: a.on,
        officers: [...new Set(a.officers.map(staffNo))],
      })),
      engagements: unique(
        g.engagements.map((e) => ({
          client: orgCode(e.client),
          contractor: orgCode(e.contractor),
          on: e.on,
        })),
        (e) => [e.client, e.contractor, e.on].join('|'),
      ),
      designations: unique(
        g.designations.map((d) => ({
          staffNo: staffNo(d.staff),
          org: orgCode(d.org),
          on: d.on,
          source: '96119',
        })),
        (d) => [d.staffNo, d.org, d.on].join('|'),
      ),
      campaigns: [
        { year: 2022, dueOn: '2023-01-31' },
        { year: 2025, dueOn: '2026-01-31' },
      ],
      declarations: unique(
        g.declarations.map((d) => ({
          staffNo: staffNo(d.staff),
          year: 2025,
          submittedOn: d.submittedOn,
          items: d.declares
            .map((n) => affiliations[n % Math.max(affiliations.length, 1)])
            .filter((a) => a !== undefined)
            .map((a) => ({ type: 'affiliation' as const, person: a.person, org: a.org, role: a.role })),
        })),
        (d) => `${d.staffNo}|${d.year}`,
      ),
    };
    return { bundle, asOf: g.asOf };
  });
