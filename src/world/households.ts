import { intervalsOverlap, type Day } from '../lib/days.ts';
import { daysFrom, plusDays, plusYears } from './calendar.ts';
import { PREFECTURES } from './divisions.ts';
import { addTie } from './eligibility.ts';
import { CLOSE_RELATIONS_DEFAULT } from './kinship.ts';
import type { Household, Relative, Sex, StaffCore, WorldContext } from './model.ts';
import { person, tie } from './registry.ts';
import type { ExpectedRotation, RecordOf, WorldRecord } from './types.ts';

// Phase C: one household at a time — the staff member, 3–6 relatives, their ties, certificates,
// suspensions, assignments and a declaration that lists every known tie (unless a planted case
// says otherwise). A married couple on the roll is written as one household.

type Out = Generator<WorldRecord, void, undefined>;
type Relation = Relative['relation'];

function ageOn(born: Day, day: Day): number {
  return daysFrom(born, day) / 365.25;
}

function birthRegion(ctx: WorldContext, s: StaffCore): string {
  if (ctx.rng.chance(0.15)) return ctx.rng.pick(ctx.rng.pick(PREFECTURES).counties).code;
  return ctx.rng.pick(s.unit.pref.prefecture.counties).code;
}

class RelativeFactory {
  private n = 0;
  constructor(
    private readonly ctx: WorldContext,
    private readonly s: StaffCore,
  ) {}

  make(relation: Relation, sex: Sex, born: Day, surname?: string): Relative {
    const { rng, asOf } = this.ctx;
    const day = born > asOf ? asOf : born;
    const family = surname ?? rng.faker.person.lastName();
    return {
      ref: `${this.s.personRef}R${++this.n}`,
      surname: family,
      name: family + rng.faker.person.firstName(sex),
      sex,
      born: day,
      relation,
      staff: null,
      region: birthRegion(this.ctx, this.s),
    };
  }
}

function other(sex: Sex): Sex {
  return sex === 'male' ? 'female' : 'male';
}

/** 3–6 relatives by plausibility for the staff member's age; `spouse` and `children` may be given. */
function relativesOf(
  ctx: WorldContext,
  s: StaffCore,
  factory: RelativeFactory,
  given: { spouse: Relative | null; children: Relative[] | null },
): Relative[] {
  const { rng, asOf } = ctx;
  const age = ageOn(s.born, asOf);
  const wanted = rng.int(3, 6);
  const years = (n: number) => plusYears(s.born, n);
  const near = (lo: number, hi: number) => rng.day(years(lo), years(hi));

  const spouse =
    given.spouse ??
    (age >= 24 && rng.chance(0.85) ? factory.make('spouse', other(s.sex), near(-5, 4)) : null);
  const core: Relative[] = [];
  if (spouse) core.push(spouse);
  if (age < 62 && rng.chance(age < 45 ? 0.85 : 0.6))
    core.push(factory.make('parent', 'male', near(-34, -24), s.surname));
  if (age < 64 && rng.chance(age < 45 ? 0.9 : 0.7))
    core.push(factory.make('parent', 'female', near(-33, -22)));
  let children = given.children;
  if (!children) {
    children = [];
    const count = age < 27 ? 0 : age < 33 ? rng.int(0, 1) : rng.int(1, 2);
    const childSurname = s.sex === 'male' ? s.surname : spouse ? spouse.surname : s.surname;
    for (let i = 0; i < count; i++) {
      const born = rng.day(years(24), years(38));
      if (born <= plusDays(asOf, -1))
        children.push(factory.make('child', rng.chance(0.5) ? 'male' : 'female', born, childSurname));
    }
  }
  core.push(...children);
  for (let i = rng.int(0, 2); i > 0; i--) {
    core.push(factory.make('sibling', rng.chance(0.5) ? 'male' : 'female', near(-8, 8), s.surname));
  }
  const extra: Relative[] = [];
  if (spouse && !spouse.staff && rng.chance(0.3))
    extra.push(factory.make('spouse_parent', rng.chance(0.5) ? 'male' : 'female', near(-36, -24)));
  if (spouse && rng.chance(0.2))
    extra.push(factory.make('spouse_sibling', rng.chance(0.5) ? 'male' : 'female', near(-8, 8)));
  if (age < 33 && rng.chance(0.3))
    extra.push(factory.make('grandparent', rng.chance(0.5) ? 'male' : 'female', near(-62, -48), s.surname));
  if (age > 56 && rng.chance(0.3))
    extra.push(factory.make('grandchild', rng.chance(0.5) ? 'male' : 'female', near(50, 56)));
  if (rng.chance(0.1)) extra.push(factory.make('other', rng.chance(0.5) ? 'male' : 'female', near(-10, 10)));

  // the spouse and children given by a couple always stay; the rest fill up to the wanted count
  const keep = [...core, ...extra].filter((r) => r.born <= asOf);
  const fixed = keep.filter((r) => r === given.spouse || (given.children ?? []).includes(r));
  const rest = keep.filter((r) => !fixed.includes(r));
  const list = [...fixed, ...rest.slice(0, Math.max(0, wanted - fixed.length))];
  while (list.length < 3)
    list.push(factory.make('sibling', rng.chance(0.5) ? 'male' : 'female', near(-8, 8), s.surname));
  return list;
}

/** An adult relative (22–74) of one of `relations` who is not staff; made with the first relation when none is. */
export function ensureRelative(
  ctx: WorldContext,
  h: Household,
  relations: readonly Relation[],
  minAge = 22,
): Relative {
  const found = h.relatives.find(
    (r) =>
      relations.includes(r.relation) &&
      !r.staff &&
      ageOn(r.born, ctx.asOf) >= minAge &&
      ageOn(r.born, ctx.asOf) < 75,
  );
  if (found) return found;
  const relation = relations[0]!;
  const s = h.staff;
  const lo = relation === 'parent' || relation === 'spouse_parent' ? -32 : relation === 'child' ? 24 : -8;
  let born = ctx.rng.day(plusYears(s.born, lo), plusYears(s.born, lo + 6));
  const latest = plusYears(ctx.asOf, -minAge);
  if (born > latest) born = latest;
  const made = h.newRelative(
    relation,
    ctx.rng.chance(0.5) ? 'male' : 'female',
    born,
    relation === 'sibling' ? s.surname : undefined,
  );
  if (h.relatives.length >= 6) {
    // make room (at most 6) by dropping a relative no case has tied to anything yet
    const tied = new Set(h.affiliations.map((a) => a.person));
    const drop = h.relatives.findLastIndex((r) => !r.staff && r.relation !== 'spouse' && !tied.has(r.ref));
    if (drop < 0) throw new Error(`no room for another relative of ${s.staffNo}`);
    h.relatives.splice(drop, 1);
  }
  h.relatives.push(made);
  return made;
}

function newHousehold(
  ctx: WorldContext,
  s: StaffCore,
  relatives: Relative[],
  factory: RelativeFactory,
): Household {
  return {
    staff: s,
    relatives,
    affiliations: [],
    declaration: { mode: 'on-time', omitRelatives: new Set(), omitAffiliations: new Set() },
    assignment: { currentFrom: null, leaveOpen: false },
    newRelative: (relation, sex, born, surname) => factory.make(relation, sex, born, surname),
  };
}

/** Day jobs and small shareholdings of relatives; never an operating role in a fire-industry firm. */
function noiseTies(ctx: WorldContext, h: Household): void {
  const { rng, asOf } = ctx;
  const pref = h.staff.unit.pref;
  for (const r of h.relatives) {
    if (r.staff) continue;
    const age = ageOn(r.born, asOf);
    if (age < 20 || age > 68) continue;
    const earliest = plusYears(r.born, 18);
    const start = () =>
      rng.day(earliest > plusYears(asOf, -15) ? earliest : plusYears(asOf, -15), plusDays(asOf, -30));
    if (rng.chance(0.35)) {
      const org = rng.chance(0.55) ? rng.pick(pref.venues) : rng.pick(pref.trading);
      const from = start();
      const to = rng.chance(0.25) ? rng.day(plusDays(from, 30), asOf) : null;
      h.affiliations.push(
        tie(r.ref, org.code, 'employee', from, to && to > from ? to : null, { paid: true }),
      );
    }
    if (rng.chance(0.07)) {
      const org = rng.pick(pref.trading);
      const from = start();
      h.affiliations.push(tie(r.ref, org.code, 'shareholder', from, null, { share: rng.int(5, 60) }));
      if (rng.chance(0.4)) h.affiliations.push(tie(r.ref, org.code, 'legal_representative', from, null));
    }
    if (pref.venueHoldings.length > 0 && rng.chance(0.015)) {
      h.affiliations.push(
        tie(r.ref, rng.pick(pref.venueHoldings).code, 'shareholder', start(), null, {
          share: rng.int(5, 30),
        }),
      );
    }
    if (rng.chance(0.02)) {
      const org = rng.chance(0.5) || !pref.association ? rng.pick(pref.intermediaries) : pref.association;
      h.affiliations.push(
        tie(r.ref, org.code, rng.pick(['employee', 'executive'] as const), start(), null, { paid: true }),
      );
    }
  }
  // the staff member's own ties: association membership (not a post), retirees' unpaid posts
  const s = h.staff;
  const association = pref.association;
  if (!association) return;
  if (s.departedOn === null && rng.chance(0.06)) {
    h.affiliations.push(
      tie(s.personRef, association.code, 'member', rng.day(s.hiredOn, asOf), null, { source: 'hr' }),
    );
  } else if (s.departureKind === 'retired' && rng.chance(0.25)) {
    h.affiliations.push(
      tie(
        s.personRef,
        association.code,
        rng.pick(['director', 'consultant'] as const),
        rng.day(s.departedOn!, asOf),
        null,
        { paid: false },
      ),
    );
  } else if (s.departureKind === 'resigned' && rng.chance(0.1)) {
    h.affiliations.push(
      tie(s.personRef, association.code, 'employee', rng.day(s.departedOn!, asOf), null, { paid: true }),
    );
  }
}

function* certificatesAndSuspensions(s: StaffCore): Out {
  for (const q of s.quals) {
    yield {
      kind: 'qualifications',
      record: {
        staffNo: s.staffNo,
        kind: q.kind,
        certNo: q.certNo,
        passedOn: q.passedOn,
        expiresOn: q.expiresOn,
      },
    };
  }
  for (const x of s.suspensions) {
    yield { kind: 'suspensions', record: { staffNo: s.staffNo, from: x.from, to: x.to, reason: x.reason } };
  }
}

/** The current post (started within its rotation period unless a case fixes the day) and maybe one before it. */
function* assignments(ctx: WorldContext, h: Household, rotations: ExpectedRotation[]): Out {
  const { rng, asOf } = ctx;
  const s = h.staff;
  const slot = s.slot;
  const end = s.departedOn;
  let from: Day;
  if (h.assignment.currentFrom) {
    from = h.assignment.currentFrom;
  } else if (end !== null) {
    from = rng.day(s.hiredOn, plusDays(end, -1));
  } else if (slot.rotationYears !== null) {
    let earliest = plusDays(plusYears(asOf, -slot.rotationYears), 1);
    while (plusYears(earliest, slot.rotationYears) <= asOf) earliest = plusDays(earliest, 1);
    from = rng.day(earliest > s.hiredOn ? earliest : s.hiredOn, asOf);
  } else {
    from = rng.day(s.hiredOn, asOf);
  }
  if (daysFrom(s.hiredOn, from) > 400) {
    const candidates = s.unit.pref.slots.get(slot.code.slice(0, slot.code.lastIndexOf('-'))) ?? [];
    const earlier = candidates.length > 1 ? rng.pick(candidates.filter((c) => c !== slot)) : null;
    if (earlier) {
      const prevFrom = rng.day(s.hiredOn, plusDays(from, -365));
      yield {
        kind: 'assignments',
        record: { staffNo: s.staffNo, post: earlier.code, from: prevFrom, to: from },
      };
    }
  }
  const to = end !== null && !h.assignment.leaveOpen ? end : null;
  yield { kind: 'assignments', record: { staffNo: s.staffNo, post: slot.code, from, to } };
  if (end === null && slot.rotationYears !== null && from <= asOf) {
    const dueOn = plusYears(from, slot.rotationYears);
    if (dueOn <= asOf)
      rotations.push({ staffNo: s.staffNo, post: slot.code, since: from, dueOn, status: 'overdue' });
    else if (dueOn <= plusDays(asOf, 90))
      rotations.push({ staffNo: s.staffNo, post: slot.code, since: from, dueOn, status: 'due' });
  }
}

function isServingOn(s: StaffCore, day: Day): boolean {
  return s.hiredOn <= day && (s.departedOn === null || day < s.departedOn);
}

/** The declaration for the campaign year: every relative and every tie of the declarant and close relatives in the year. */
function* declaration(ctx: WorldContext, h: Household, affiliations: RecordOf<'affiliations'>[]): Out {
  const { rng, year, dueOn, asOf } = ctx;
  const s = h.staff;
  const plan = h.declaration;
  if (plan.mode === 'none' || !isServingOn(s, `${year}-12-31`)) return;
  const opens = `${year + 1}-01-02`;
  const lastDay = s.departedOn && s.departedOn <= dueOn ? plusDays(s.departedOn, -1) : dueOn;
  const submittedOn =
    plan.mode === 'on-due-date'
      ? dueOn
      : plan.mode === 'late'
        ? rng.day(plusDays(dueOn, 1), asOf)
        : plan.mode === 'after-as-of'
          ? rng.day(plusDays(asOf, 1), plusDays(asOf, 30))
          : lastDay < opens
            ? lastDay
            : rng.day(opens, lastDay);
  const items: RecordOf<'declarations'>['items'] = [];
  const close = new Set([s.personRef]);
  for (const r of h.relatives) {
    if (CLOSE_RELATIONS_DEFAULT.has(r.relation)) close.add(r.ref);
    if (!plan.omitRelatives.has(r.ref)) items.push({ type: 'relative', person: r.ref, relation: r.relation });
  }
  const seen = new Set<string>();
  for (const a of affiliations) {
    if (
      !close.has(a.person) ||
      !intervalsOverlap(a.from ?? null, a.to ?? null, `${year}-01-01`, `${year + 1}-01-01`)
    )
      continue;
    if (plan.omitAffiliations.has(`${a.person}|${a.org}`)) continue;
    const key = `${a.person}|${a.org}|${a.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ type: 'affiliation', person: a.person, org: a.org, role: a.role });
  }
  yield { kind: 'declarations', record: { staffNo: s.staffNo, year, submittedOn, items } };
}

function* staffRecords(ctx: WorldContext, s: StaffCore): Out {
  const region = s.unit.county?.code ?? ctx.rng.pick(s.unit.pref.prefecture.counties).code;
  yield* person(ctx, s.personRef, region, s.born, s.sex, s.name);
  yield {
    kind: 'staff',
    record: {
      staffNo: s.staffNo,
      person: s.personRef,
      category: s.category,
      unit: s.unit.name,
      jurisdiction: s.unit.jurisdiction,
      hiredOn: s.hiredOn,
      departedOn: s.departedOn,
      departureKind: s.departureKind,
    },
  };
}

/** Writes every household; returns the rotations due (for the expected file). */
export function* writeHouseholds(ctx: WorldContext, rotations: ExpectedRotation[]): Out {
  for (const s of ctx.staff) {
    if (s.spouse && s.spouse.index < s.index) continue;
    yield* writeHousehold(ctx, s, rotations);
  }
}

function asRelative(s: StaffCore): Relative {
  return {
    ref: s.personRef,
    surname: s.surname,
    name: s.name,
    sex: s.sex,
    born: s.born,
    relation: 'spouse',
    staff: s,
    region: '',
  };
}

function* writeHousehold(ctx: WorldContext, a: StaffCore, rotations: ExpectedRotation[]): Out {
  const b = a.spouse;
  const members = b ? [a, b] : [a];
  for (const m of members) yield* staffRecords(ctx, m);

  const factoryA = new RelativeFactory(ctx, a);
  const relativesA = relativesOf(ctx, a, factoryA, { spouse: b ? asRelative(b) : null, children: null });
  const households = [newHousehold(ctx, a, relativesA, factoryA)];
  if (b) {
    const shared = relativesA.filter((r) => r.relation === 'child');
    const factoryB = new RelativeFactory(ctx, b);
    households.push(
      newHousehold(
        ctx,
        b,
        relativesOf(ctx, b, factoryB, { spouse: asRelative(a), children: shared }),
        factoryB,
      ),
    );
  }
  for (const h of households) for (const hook of h.staff.hooks) hook(ctx, h);
  for (const h of households) noiseTies(ctx, h);

  const written = new Set(members.map((m) => m.personRef));
  for (const h of households) {
    for (const r of h.relatives) {
      if (written.has(r.ref)) continue;
      written.add(r.ref);
      yield* person(ctx, r.ref, r.region, r.born, r.sex, r.name);
    }
  }
  for (const h of households) {
    for (const r of h.relatives) {
      if (r.staff && h.staff === b) continue; // the couple's own kinship is written once, from a
      yield { kind: 'kinship', record: { person: h.staff.personRef, relative: r.ref, relation: r.relation } };
    }
  }
  const affiliations = households.flatMap((h) => h.affiliations);
  for (const record of affiliations) yield { kind: 'affiliations', record };
  for (const m of members) for (const record of affiliations) addTie(ctx, m, record.org);

  for (const h of households) {
    yield* certificatesAndSuspensions(h.staff);
    yield* assignments(ctx, h, rotations);
    yield* declaration(ctx, h, affiliations);
  }
}
