import { OPERATING_ROLES } from '../bundle/schema.ts';
import { type Day } from '../lib/days.ts';
import { plusDays, plusYears } from './calendar.ts';
import { jurisdictionCovers, PREFECTURES, shortName } from './divisions.ts';
import { isQualifiedOfficer, isQualifiedParticipant, isTiedTo } from './eligibility.ts';
import { actionKind, actionRecord, conflictSet, nextActionRef, partners, pickStaff } from './enforcement.ts';
import { ensureRelative } from './households.ts';
import type {
  Category,
  DepartureKind,
  Household,
  OrgKind,
  OrgRef,
  PrefectureWorld,
  StaffCore,
  WorldContext,
} from './model.ts';
import { DESIGNATION_NOTES, DESIGNATION_SOURCES, SUSPENSION_REASONS } from './names.ts';
import { assignSlot, buildQualifications, setFormerDates, setServingDates } from './population.ts';
import {
  founders,
  foundingDay,
  independent,
  organization,
  ownership,
  tie,
  type TieExtra,
} from './registry.ts';
import type { ExpectedFlag, RecordOf, RuleId, WorldRecord } from './types.ts';

// Phase B: planted violations — each makes exactly the flags it records, and nothing else — and
// boundary cases that sit one day or one hop outside a rule and must raise nothing.

type Out = Generator<WorldRecord, void, undefined>;
type Variant = (ctx: WorldContext) => Out;
type Role = RecordOf<'affiliations'>['role'];

interface Scenario {
  rule: RuleId | null;
  /** How many of the variants a world below SMALL_WORLD staff plants (always at least one). */
  small: number;
  variants: Variant[];
}

const SMALL_WORLD = 200;
const STAFF_PER_PLANT = 300;
const STAFF_PER_BOUNDARY_CASE = 600;
const BOUNDARY_CASES_FROM = 150;
const CLOSE_ADULT = ['spouse', 'sibling', 'child'] as const;
const FIRE_KINDS: OrgKind[] = [
  'fire_engineering',
  'technical_service_maintenance',
  'technical_service_assessment',
  'fire_product',
];
const CADRES: Category[] = ['leader_cadre', 'enforcement_cadre', 'cadre'];

// ---------------------------------------------------------------------------------------------
// helpers

function flag(ctx: WorldContext, rule: RuleId, key: Partial<Omit<ExpectedFlag, 'rule'>>): void {
  ctx.flags.push({
    rule,
    staffNo: key.staffNo ?? null,
    org: key.org ?? null,
    action: key.action ?? null,
    post: key.post ?? null,
    year: key.year ?? null,
  });
}

function daysAgo(ctx: WorldContext, n: number): Day {
  return plusDays(ctx.asOf, -n);
}

function yearsAgo(ctx: WorldContext, n: number): Day {
  return plusYears(ctx.asOf, -n);
}

function min(a: Day, b: Day): Day {
  return a < b ? a : b;
}

function max(a: Day, b: Day): Day {
  return a > b ? a : b;
}

/** Serving on asOf and on the roll for three years: through the whole campaign year and beyond. */
function veteran(ctx: WorldContext, s: StaffCore): boolean {
  return s.departedOn === null && s.hiredOn <= yearsAgo(ctx, 3);
}

/** Cases that may fall on anyone leave the enforcement cadres (the scarce pool) to cases that need them. */
function anyoneButAnOfficer(ctx: WorldContext, s: StaffCore): boolean {
  return veteran(ctx, s) && s.category !== 'enforcement_cadre';
}

/** Reserves a single (no spouse on the roll), never-suspended staff member matching `accept`. */
function take(ctx: WorldContext, label: string, accept: (s: StaffCore) => boolean): StaffCore {
  const ok = (s: StaffCore) => !s.reserved && s.spouse === null && s.suspensions.length === 0 && accept(s);
  const [s] = pickStaff(ctx, ctx.staff, 1, ok);
  if (!s) throw new Error(`the world is too small to plant ${label}: no staff member left who fits`);
  s.reserved = true;
  return s;
}

function hook(s: StaffCore, fn: (h: Household) => void): void {
  s.hooks.push((_ctx, h) => fn(h));
}

function addTieTo(
  h: Household,
  personRef: string,
  org: OrgRef,
  role: Role,
  from: Day | null,
  to: Day | null,
  extra: TieExtra = {},
): void {
  h.affiliations.push(tie(personRef, org.code, role, from, to, extra));
}

function regionNear(ctx: WorldContext, s: StaffCore): string {
  return s.unit.county?.code ?? ctx.rng.pick(s.unit.pref.prefecture.counties).code;
}

/** A firm made for one case: never in the noise pools, so no noise action or engagement touches it. */
function* dedicated(
  ctx: WorldContext,
  pref: PrefectureWorld,
  kind: OrgKind,
  region: string,
  options: { style?: 'holding' | 'trading'; founders?: boolean } = {},
): Generator<WorldRecord, OrgRef, undefined> {
  const org = yield* organization(ctx, {
    kind,
    region,
    pref,
    ...(options.style ? { style: options.style } : {}),
  });
  if (options.founders ?? true) yield* founders(ctx, org, pref, foundingDay(ctx));
  return org;
}

/** A registry owner for a firm whose operating roles in the case belong to someone else. */
function* registryOwner(ctx: WorldContext, pref: PrefectureWorld, org: OrgRef, from: Day, share = 100): Out {
  const ref = yield* independent(ctx, pref);
  yield {
    kind: 'affiliations',
    record: tie(ref, org.code, share === 100 ? 'owner' : 'shareholder', from, null, { share }),
  };
}

function reshapeFormer(
  ctx: WorldContext,
  s: StaffCore,
  category: Category,
  kind: DepartureKind,
  departedOn: Day,
): void {
  if (s.category !== category) {
    s.category = category;
    assignSlot(s);
  }
  setFormerDates(ctx, s, kind, departedOn);
  s.quals = buildQualifications(ctx, s);
}

/** A noise venue of the prefecture none of `staff` is tied to (directly or through its contractors). */
function untiedVenue(ctx: WorldContext, pref: PrefectureWorld, staff: StaffCore[]): OrgRef {
  for (let attempt = 0; attempt < 200; attempt++) {
    const venue = ctx.rng.pick(pref.venues);
    if (!staff.some((s) => isTiedTo(s, conflictSet(venue)))) return venue;
  }
  throw new Error('no untied venue for a planted action');
}

interface PlantedAction {
  ref: string;
  pref: PrefectureWorld;
  on: Day;
  /** The participants the case is about; the rest are qualified, conflict-free partners. */
  fixed: StaffCore[];
  partners: number;
  /** A fixed target (a dedicated venue); otherwise a noise venue none of `fixed` is tied to. */
  target?: OrgRef;
  engagements?: Array<{ contractor: OrgRef; on: Day }>;
}

function plantAction(ctx: WorldContext, spec: PlantedAction): void {
  ctx.late.push(function* () {
    const target = spec.target ?? untiedVenue(ctx, spec.pref, spec.fixed);
    if (spec.engagements) target.contractors = spec.engagements.map((e) => e.contractor.code);
    for (const e of spec.engagements ?? []) {
      yield { kind: 'engagements', record: { client: target.code, contractor: e.contractor.code, on: e.on } };
    }
    const team = [...spec.fixed];
    if (spec.partners > 0) {
      const found = partners(ctx, spec.pref, target, spec.on, spec.partners, team);
      if (found.length < spec.partners)
        throw new Error(`not enough qualified officers for planted action ${spec.ref}`);
      team.push(...found);
    }
    yield actionRecord(spec.ref, actionKind(ctx), target, spec.on, ctx.rng.shuffle(team));
  });
}

/** A day in [from, to] on which `s` is a qualified officer; null when there is none to be found. */
function qualifiedDay(ctx: WorldContext, s: StaffCore, from: Day, to: Day): Day | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const d = ctx.rng.day(from, to);
    if (isQualifiedOfficer(s, d)) return d;
  }
  return null;
}

/** Takes an enforcement cadre qualified on some day in [from, to], and that day. */
function takeOfficer(ctx: WorldContext, label: string, from: Day, to: Day): { s: StaffCore; d: Day } {
  let d: Day | null = null;
  const s = take(ctx, label, (c) => {
    if (c.category !== 'enforcement_cadre' || !veteran(ctx, c)) return false;
    d = qualifiedDay(ctx, c, from, to);
    return d !== null;
  });
  return { s, d: d! };
}

// ---------------------------------------------------------------------------------------------
// COI-DESIGNATE

const designate: Variant = function* (ctx) {
  const s = take(ctx, 'COI-DESIGNATE', (c) => anyoneButAnOfficer(ctx, c) && c.category !== 'firefighter');
  const org = ctx.rng.pick(s.unit.pref.fireFirms);
  const on = ctx.rng.day(max(s.hiredOn, daysAgo(ctx, 540)), daysAgo(ctx, 1));
  ctx.late.push(function* () {
    yield {
      kind: 'designations',
      record: {
        staffNo: s.staffNo,
        org: org.code,
        on,
        source: ctx.rng.pick(DESIGNATION_SOURCES),
        note: ctx.rng.pick(DESIGNATION_NOTES),
      },
    };
  });
  flag(ctx, 'COI-DESIGNATE', { staffNo: s.staffNo, org: org.code });
};

// ---------------------------------------------------------------------------------------------
// COI-DESIGNATE-COVERT: a relative's firm is engaged by a venue within a year of the staff member's inspection

function covert(stillOperating: boolean): Variant {
  return function* (ctx) {
    const { rng } = ctx;
    const { s, d } = takeOfficer(ctx, 'COI-DESIGNATE-COVERT', daysAgo(ctx, 330), daysAgo(ctx, 45));
    const pref = s.unit.pref;
    const venue = yield* dedicated(ctx, pref, 'public_venue', regionNear(ctx, s));
    const firm = yield* dedicated(ctx, pref, 'technical_service_maintenance', regionNear(ctx, s), {
      founders: false,
    });
    const engagedOn = rng.day(plusDays(d, 3), min(plusDays(d, 40), daysAgo(ctx, 2)));
    const since = rng.day(plusDays(engagedOn, -900), plusDays(engagedOn, -100));
    const until = stillOperating ? null : rng.day(plusDays(engagedOn, 1), ctx.asOf);
    if (until) {
      const buyer = yield* independent(ctx, pref);
      yield { kind: 'affiliations', record: tie(buyer, firm.code, 'owner', until, null, { share: 100 }) };
      yield { kind: 'affiliations', record: tie(buyer, firm.code, 'legal_representative', until, null) };
    }
    hook(s, (h) => {
      const r = ensureRelative(ctx, h, CLOSE_ADULT);
      addTieTo(h, r.ref, firm, 'owner', since, until, { share: 100 });
      addTieTo(h, r.ref, firm, 'legal_representative', since, until);
    });
    const ref = nextActionRef(ctx);
    plantAction(ctx, {
      ref,
      pref,
      on: d,
      fixed: [s],
      partners: 1,
      target: venue,
      engagements: [{ contractor: firm, on: engagedOn }],
    });
    flag(ctx, 'COI-DESIGNATE-COVERT', { staffNo: s.staffNo, org: firm.code, action: ref });
    if (stillOperating) flag(ctx, 'COI-RELATIVE-BUSINESS', { staffNo: s.staffNo, org: firm.code });
  };
}

// ---------------------------------------------------------------------------------------------
// COI-RELATIVE-BUSINESS

function takeCadre(ctx: WorldContext, label: string): StaffCore {
  return take(ctx, label, (c) => veteran(ctx, c) && CADRES.includes(c.category));
}

const relativeRunsFirm: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'COI-RELATIVE-BUSINESS (direct)');
  const pref = s.unit.pref;
  const firm = yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), regionNear(ctx, s), { founders: false });
  const role = ctx.rng.pick(OPERATING_ROLES);
  const since = ctx.rng.day(yearsAgo(ctx, 8), daysAgo(ctx, 60));
  if (role !== 'owner')
    yield* registryOwner(ctx, pref, firm, since, role === 'shareholder' || role === 'partner' ? 60 : 100);
  hook(s, (h) => {
    const r = ensureRelative(ctx, h, CLOSE_ADULT);
    const owning = role === 'owner' ? 100 : role === 'shareholder' || role === 'partner' ? 40 : null;
    addTieTo(h, r.ref, firm, role, since, null, { share: owning });
  });
  flag(ctx, 'COI-RELATIVE-BUSINESS', { staffNo: s.staffNo, org: firm.code });
};

/** A relative's holding company reaches a fire firm through `hops` ownership records. */
function relativeOwnsChain(hops: number): Variant {
  return function* (ctx) {
    const s = takeCadre(ctx, `COI-RELATIVE-BUSINESS (${hops}-hop chain)`);
    const pref = s.unit.pref;
    const region = regionNear(ctx, s);
    const chain: OrgRef[] = [];
    for (let i = 0; i < hops; i++)
      chain.push(yield* dedicated(ctx, pref, 'other', region, { style: 'holding', founders: i > 0 }));
    const firm = yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), region);
    chain.push(firm);
    const since = ctx.rng.day(yearsAgo(ctx, 10), daysAgo(ctx, 90));
    for (let i = 0; i + 1 < chain.length; i++)
      yield ownership(ctx, chain[i]!.code, chain[i + 1]!.code, ctx.rng.int(51, 100), since);
    yield* registryOwner(ctx, pref, chain[0]!, since, 55);
    hook(s, (h) => {
      const r = ensureRelative(ctx, h, CLOSE_ADULT);
      addTieTo(h, r.ref, chain[0]!, 'shareholder', since, null, { share: 45 });
    });
    flag(ctx, 'COI-RELATIVE-BUSINESS', { staffNo: s.staffNo, org: firm.code });
  };
}

const cadreHoldsShares: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'COI-RELATIVE-BUSINESS (the cadre)');
  const pref = s.unit.pref;
  const firm = yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), regionNear(ctx, s));
  const since = ctx.rng.day(yearsAgo(ctx, 6), daysAgo(ctx, 60));
  hook(s, (h) =>
    addTieTo(h, s.personRef, firm, 'shareholder', since, null, {
      share: ctx.rng.int(10, 40),
      source: 'investigation',
    }),
  );
  flag(ctx, 'COI-RELATIVE-BUSINESS', { staffNo: s.staffNo, org: firm.code });
};

/** Two relatives, two paths (a direct role and a one-hop chain), one flag. */
const twoPathsOneFlag: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'COI-RELATIVE-BUSINESS (two paths)');
  const pref = s.unit.pref;
  const region = regionNear(ctx, s);
  const holding = yield* dedicated(ctx, pref, 'other', region, { style: 'holding' });
  const firm = yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), region, { founders: false });
  const since = ctx.rng.day(yearsAgo(ctx, 7), daysAgo(ctx, 90));
  yield ownership(ctx, holding.code, firm.code, 100, since);
  hook(s, (h) => {
    const first = ensureRelative(ctx, h, ['spouse', 'child']);
    addTieTo(h, first.ref, firm, 'legal_representative', since, null);
    const second = ensureRelative(ctx, h, ['sibling', 'parent']);
    addTieTo(h, second.ref, holding, 'shareholder', since, null, { share: 30 });
  });
  flag(ctx, 'COI-RELATIVE-BUSINESS', { staffNo: s.staffNo, org: firm.code });
};

// ---------------------------------------------------------------------------------------------
// COI-OUTSIDE-POST

function outsidePost(
  categories: Category[],
  where: 'association' | 'intermediary' | 'province',
  role: Role,
  paid: boolean,
): Variant {
  return function* (ctx) {
    const s = take(ctx, 'COI-OUTSIDE-POST', (c) => veteran(ctx, c) && categories.includes(c.category));
    const pref = s.unit.pref;
    const org =
      where === 'association'
        ? pref.association!
        : where === 'province'
          ? pref.provinceAssociation!
          : ctx.rng.pick(pref.intermediaries);
    const since = ctx.rng.day(max(s.hiredOn, yearsAgo(ctx, 3)), daysAgo(ctx, 20));
    hook(s, (h) =>
      addTieTo(h, s.personRef, org, role, since, null, {
        paid,
        source: where === 'intermediary' ? 'investigation' : 'registry',
      }),
    );
    flag(ctx, 'COI-OUTSIDE-POST', { staffNo: s.staffNo, org: org.code });
    yield* [];
  };
}

// ---------------------------------------------------------------------------------------------
// COI-RETIREE-ASSOCIATION and COI-REVOLVING-DOOR

/** A former staff member reshaped to leave on a day in [from, to] (never serving on the campaign's year end). */
function takeFormer(
  ctx: WorldContext,
  label: string,
  category: Category,
  kind: DepartureKind,
  from: Day,
  to: Day,
): StaffCore {
  const s = take(ctx, label, (c) => c.departedOn !== null);
  const last = min(to, `${ctx.year}-12-31`);
  reshapeFormer(ctx, s, category, kind, ctx.rng.day(from, last));
  return s;
}

function retiree(category: Category, where: 'association' | 'province', role: Role): Variant {
  return function* (ctx) {
    const s = takeFormer(
      ctx,
      'COI-RETIREE-ASSOCIATION',
      category,
      'retired',
      yearsAgo(ctx, 10),
      daysAgo(ctx, 200),
    );
    const org = where === 'association' ? s.unit.pref.association! : s.unit.pref.provinceAssociation!;
    const since = ctx.rng.day(plusDays(s.departedOn!, 30), daysAgo(ctx, 10));
    hook(s, (h) => addTieTo(h, s.personRef, org, role, since, null, { paid: true }));
    flag(ctx, 'COI-RETIREE-ASSOCIATION', { staffNo: s.staffNo, org: org.code });
    yield* [];
  };
}

function windowYears(category: Category): number {
  return category === 'leader_cadre' || category === 'enforcement_cadre' ? 5 : 3;
}

function revolvingDoor(
  category: Category,
  kind: DepartureKind,
  firmKind: OrgKind | 'local-intermediary',
  role: Role,
  startedWhileServing = false,
): Variant {
  return function* (ctx) {
    const n = windowYears(category);
    const s = takeFormer(
      ctx,
      'COI-REVOLVING-DOOR',
      category,
      kind,
      plusDays(yearsAgo(ctx, n), 60),
      daysAgo(ctx, 100),
    );
    const pref = s.unit.pref;
    let org: OrgRef;
    if (firmKind === 'local-intermediary') {
      org = yield* dedicated(ctx, pref, 'intermediary', regionNear(ctx, s));
    } else {
      const elsewhere = ctx.prefectures.length > 1 ? ctx.prefectures.filter((p) => p !== pref) : [pref];
      const candidates = ctx.rng.pick(elsewhere).fireFirms.filter((f) => f.kind === firmKind);
      org =
        candidates.length > 0
          ? ctx.rng.pick(candidates)
          : yield* dedicated(ctx, pref, firmKind, regionNear(ctx, s));
    }
    const since = startedWhileServing
      ? ctx.rng.day(plusDays(s.departedOn!, -300), plusDays(s.departedOn!, -100))
      : ctx.rng.day(plusDays(s.departedOn!, 30), daysAgo(ctx, 10));
    hook(s, (h) =>
      addTieTo(h, s.personRef, org, role, since, null, { paid: role !== 'legal_representative' }),
    );
    flag(ctx, 'COI-REVOLVING-DOOR', { staffNo: s.staffNo, org: org.code });
  };
}

// ---------------------------------------------------------------------------------------------
// DECL-LATE and DECL-UNDECLARED

function late(mode: 'none' | 'late' | 'after-as-of'): Variant {
  return function* (ctx) {
    const s = take(ctx, 'DECL-LATE', (c) => anyoneButAnOfficer(ctx, c));
    hook(s, (h) => (h.declaration.mode = mode));
    flag(ctx, 'DECL-LATE', { staffNo: s.staffNo, year: ctx.year });
    yield* [];
  };
}

/** Left in the new year, before the due date passed, without declaring: still owed one. */
const leftWithoutDeclaring: Variant = function* (ctx) {
  const s = take(ctx, 'DECL-LATE (left after year end)', (c) => c.departedOn !== null);
  setFormerDates(ctx, s, 'transferred', ctx.rng.day(`${ctx.year + 1}-01-01`, daysAgo(ctx, 1)));
  s.quals = buildQualifications(ctx, s);
  hook(s, (h) => (h.declaration.mode = 'none'));
  flag(ctx, 'DECL-LATE', { staffNo: s.staffNo, year: ctx.year });
  yield* [];
};

function undeclared(
  kind: 'relative-employee' | 'relative-intermediary' | 'relative-part-year' | 'own-post',
): Variant {
  return function* (ctx) {
    const { rng, year } = ctx;
    const s = take(ctx, 'DECL-UNDECLARED', (c) => anyoneButAnOfficer(ctx, c));
    const pref = s.unit.pref;
    let org: OrgRef;
    if (kind === 'relative-employee' || kind === 'relative-part-year') {
      org = yield* dedicated(ctx, pref, rng.pick(FIRE_KINDS), regionNear(ctx, s));
    } else if (kind === 'relative-intermediary') {
      org = rng.pick(pref.intermediaries);
    } else {
      org = pref.association!;
    }
    const partYear = (): [Day, Day] => {
      const from = rng.day(`${year}-01-15`, `${year}-05-31`);
      return [from, rng.day(plusDays(from, 60), `${year}-11-30`)];
    };
    hook(s, (h) => {
      if (kind === 'own-post') {
        const [from, to] = partYear();
        addTieTo(h, s.personRef, org, 'director', from, to, { paid: false });
        h.declaration.omitAffiliations.add(`${s.personRef}|${org.code}`);
        return;
      }
      const r = ensureRelative(ctx, h, CLOSE_ADULT);
      if (kind === 'relative-part-year') {
        const [from, to] = partYear();
        addTieTo(h, r.ref, org, 'employee', from, to, { paid: true });
      } else if (kind === 'relative-employee') {
        addTieTo(h, r.ref, org, 'employee', rng.day(`${year - 4}-01-01`, `${year}-06-30`), null, {
          paid: true,
        });
      } else {
        addTieTo(h, r.ref, org, 'legal_representative', rng.day(`${year - 6}-01-01`, `${year}-03-31`), null);
        h.declaration.omitRelatives.add(r.ref);
      }
      h.declaration.omitAffiliations.add(`${r.ref}|${org.code}`);
    });
    flag(ctx, 'DECL-UNDECLARED', { staffNo: s.staffNo, org: org.code, year });
  };
}

// ---------------------------------------------------------------------------------------------
// ENF-TWO-PERSON, ENF-UNQUALIFIED, ENF-RECUSAL

function randomPrefecture(ctx: WorldContext): PrefectureWorld {
  return ctx.rng.pick(ctx.prefectures);
}

const loneOfficer: Variant = function* (ctx) {
  const pref = randomPrefecture(ctx);
  const ref = nextActionRef(ctx);
  const on = ctx.rng.day(daysAgo(ctx, 600), daysAgo(ctx, 1));
  plantAction(ctx, { ref, pref, on, fixed: [], partners: 1 });
  flag(ctx, 'ENF-TWO-PERSON', { action: ref });
  yield* [];
};

/** An officer with a civilian on auxiliary enforcement: both qualified participants, one officer. */
const officerAndAuxiliary: Variant = function* (ctx) {
  const pref = randomPrefecture(ctx);
  const ref = nextActionRef(ctx);
  ctx.late.push(function* () {
    for (let attempt = 0; attempt < 200; attempt++) {
      const on = ctx.rng.day(daysAgo(ctx, 600), daysAgo(ctx, 1));
      const [aux] = pickStaff(ctx, pref.auxiliaries, 1, (c) => !c.reserved && isQualifiedParticipant(c, on));
      if (!aux) continue;
      const target = untiedVenue(ctx, pref, [aux]);
      const [officer] = partners(ctx, pref, target, on, 1, [aux]);
      if (!officer) continue;
      yield actionRecord(ref, actionKind(ctx), target, on, ctx.rng.shuffle([officer, aux]));
      return;
    }
    throw new Error('no civilian on auxiliary enforcement for a planted two-person case');
  });
  flag(ctx, 'ENF-TWO-PERSON', { action: ref });
  yield* [];
};

/** An officer whose only certificate expired on a day before the action. */
function takeLapsed(ctx: WorldContext, label: string): { s: StaffCore; lapsedOn: Day } {
  const lapsedOn = ctx.rng.day(daysAgo(ctx, 400), daysAgo(ctx, 60));
  const s = take(
    ctx,
    label,
    (c) => c.category === 'enforcement_cadre' && veteran(ctx, c) && c.hiredOn <= plusYears(lapsedOn, -3),
  );
  s.quals = buildQualifications(ctx, s, { kind: 'enforcement', lapseOn: lapsedOn });
  return { s, lapsedOn };
}

function unqualified(kind: 'lapsed' | 'suspended' | 'civilian' | 'lapsed-pair'): Variant {
  return function* (ctx) {
    const { rng } = ctx;
    let s: StaffCore;
    let on: Day;
    if (kind === 'lapsed' || kind === 'lapsed-pair') {
      const lapsed = takeLapsed(ctx, 'ENF-UNQUALIFIED (lapsed)');
      s = lapsed.s;
      on = rng.day(lapsed.lapsedOn, daysAgo(ctx, 1));
    } else if (kind === 'suspended') {
      const officer = takeOfficer(ctx, 'ENF-UNQUALIFIED (suspended)', daysAgo(ctx, 500), daysAgo(ctx, 20));
      s = officer.s;
      on = officer.d;
      const from = max(plusDays(s.hiredOn, 1), plusDays(on, -rng.int(0, 40)));
      s.suspensions.push({ from, to: plusDays(on, rng.int(1, 60)), reason: rng.pick(SUSPENSION_REASONS) });
    } else {
      s = take(ctx, 'ENF-UNQUALIFIED (civilian)', (c) => c.category === 'civilian' && veteran(ctx, c));
      s.quals = [];
      on = rng.day(daysAgo(ctx, 500), daysAgo(ctx, 1));
    }
    const ref = nextActionRef(ctx);
    const pair = kind === 'lapsed-pair';
    plantAction(ctx, { ref, pref: s.unit.pref, on, fixed: [s], partners: pair ? 1 : 2 });
    flag(ctx, 'ENF-UNQUALIFIED', { staffNo: s.staffNo, action: ref });
    if (pair) flag(ctx, 'ENF-TWO-PERSON', { action: ref });
  };
}

function recusal(kind: 'legal-representative' | 'holding' | 'employee'): Variant {
  return function* (ctx) {
    const { rng } = ctx;
    const { s, d } = takeOfficer(ctx, 'ENF-RECUSAL', daysAgo(ctx, 600), daysAgo(ctx, 1));
    const pref = s.unit.pref;
    const region = regionNear(ctx, s);
    const venue = yield* dedicated(ctx, pref, 'public_venue', region, {
      founders: kind !== 'legal-representative',
    });
    const since = rng.day(plusYears(d, -6), plusDays(d, -30));
    if (kind === 'legal-representative') yield* registryOwner(ctx, pref, venue, since);
    let holding: OrgRef | null = null;
    if (kind === 'holding') {
      holding = yield* dedicated(ctx, pref, 'other', region, { style: 'holding' });
      yield ownership(ctx, holding.code, venue.code, rng.int(51, 100), since);
    }
    hook(s, (h) => {
      const r = ensureRelative(ctx, h, CLOSE_ADULT);
      if (holding) addTieTo(h, r.ref, holding, 'shareholder', since, null, { share: rng.int(10, 40) });
      else
        addTieTo(h, r.ref, venue, kind === 'employee' ? 'employee' : 'legal_representative', since, null, {
          paid: kind === 'employee',
        });
    });
    const ref = nextActionRef(ctx);
    plantAction(ctx, { ref, pref, on: d, fixed: [s], partners: 1, target: venue });
    flag(ctx, 'ENF-RECUSAL', { staffNo: s.staffNo, action: ref });
  };
}

// ---------------------------------------------------------------------------------------------
// ROT-OVERDUE

function rotation(overdueBy: 'exactly' | 'long', rule: RuleId | null): Variant {
  return function* (ctx) {
    const s = take(
      ctx,
      'ROT-OVERDUE',
      (c) =>
        veteran(ctx, c) &&
        c.slot.rotationYears !== null &&
        c.hiredOn <= yearsAgo(ctx, c.slot.rotationYears + 3),
    );
    const n = s.slot.rotationYears!;
    let from =
      overdueBy === 'long'
        ? ctx.rng.day(plusDays(yearsAgo(ctx, n), -700), plusDays(yearsAgo(ctx, n), -30))
        : yearsAgo(ctx, n);
    if (rule === null) {
      // one day short of overdue: due tomorrow
      from = plusDays(yearsAgo(ctx, n), 1);
      while (plusYears(from, n) <= ctx.asOf) from = plusDays(from, 1);
    } else {
      while (plusYears(from, n) > ctx.asOf) from = plusDays(from, -1);
    }
    hook(s, (h) => (h.assignment.currentFrom = from));
    if (rule) flag(ctx, rule, { staffNo: s.staffNo, post: s.slot.code });
    yield* [];
  };
}

// ---------------------------------------------------------------------------------------------
// boundary cases: each sits just outside a rule and must raise nothing

const fourHopChain: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'a four-hop chain');
  const pref = s.unit.pref;
  const region = regionNear(ctx, s);
  const chain: OrgRef[] = [];
  for (let i = 0; i < 4; i++)
    chain.push(yield* dedicated(ctx, pref, 'other', region, { style: 'holding', founders: i > 0 }));
  chain.push(yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), region));
  const since = ctx.rng.day(yearsAgo(ctx, 8), daysAgo(ctx, 90));
  for (let i = 0; i + 1 < chain.length; i++)
    yield ownership(ctx, chain[i]!.code, chain[i + 1]!.code, 100, since);
  hook(s, (h) =>
    addTieTo(h, ensureRelative(ctx, h, CLOSE_ADULT).ref, chain[0]!, 'owner', since, null, { share: 100 }),
  );
};

/** A fire firm run by a cadre's in-law or cousin (not a close relative). */
const distantRelativeRunsFirm: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'a distant relative');
  const firm = yield* dedicated(ctx, s.unit.pref, ctx.rng.pick(FIRE_KINDS), regionNear(ctx, s), {
    founders: false,
  });
  const since = ctx.rng.day(yearsAgo(ctx, 8), daysAgo(ctx, 60));
  hook(s, (h) => {
    const r = ensureRelative(ctx, h, ['other', 'spouse_parent', 'spouse_sibling']);
    addTieTo(h, r.ref, firm, 'owner', since, null, { share: 100 });
    addTieTo(h, r.ref, firm, 'legal_representative', since, null);
  });
};

/** Firefighters and civilians are not cadres: a close relative's fire firm breaks no rule (declared). */
const nonCadreRelativeRunsFirm: Variant = function* (ctx) {
  const s = take(
    ctx,
    'a non-cadre',
    (c) => veteran(ctx, c) && (c.category === 'firefighter' || c.category === 'civilian'),
  );
  const firm = yield* dedicated(ctx, s.unit.pref, ctx.rng.pick(FIRE_KINDS), regionNear(ctx, s), {
    founders: false,
  });
  const since = ctx.rng.day(yearsAgo(ctx, 8), daysAgo(ctx, 60));
  hook(s, (h) => {
    const r = ensureRelative(ctx, h, CLOSE_ADULT);
    addTieTo(h, r.ref, firm, 'owner', since, null, { share: 100 });
    addTieTo(h, r.ref, firm, 'legal_representative', since, null);
  });
};

/** A relative sold out of a fire firm before the campaign year; and a chain whose last link ended. */
const divested: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'a divested relative');
  const pref = s.unit.pref;
  const region = regionNear(ctx, s);
  const firm = yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), region);
  const holding = yield* dedicated(ctx, pref, 'other', region, { style: 'holding' });
  const chained = yield* dedicated(ctx, pref, ctx.rng.pick(FIRE_KINDS), region);
  const soldOn = ctx.rng.day(`${ctx.year - 3}-01-01`, `${ctx.year - 1}-12-31`);
  const from = plusYears(soldOn, -4);
  yield ownership(
    ctx,
    holding.code,
    chained.code,
    60,
    from,
    ctx.rng.day(plusDays(from, 30), daysAgo(ctx, 1)),
  );
  hook(s, (h) => {
    const r = ensureRelative(ctx, h, CLOSE_ADULT);
    addTieTo(h, r.ref, firm, 'shareholder', from, soldOn, { share: 30 });
    addTieTo(h, r.ref, holding, 'shareholder', from, null, { share: 20 });
  });
};

/** A cadre's relative works at a fire firm without running it (declared). */
const relativeEmployedAtFirm: Variant = function* (ctx) {
  const s = takeCadre(ctx, 'a relative employee');
  const firm = yield* dedicated(ctx, s.unit.pref, ctx.rng.pick(FIRE_KINDS), regionNear(ctx, s));
  const since = ctx.rng.day(yearsAgo(ctx, 6), daysAgo(ctx, 60));
  hook(s, (h) =>
    addTieTo(h, ensureRelative(ctx, h, CLOSE_ADULT).ref, firm, 'employee', since, null, { paid: true }),
  );
};

/** A former cadre's relative runs a fire firm: the rule is for serving cadres. */
const formerCadreRelativeRunsFirm: Variant = function* (ctx) {
  const s = takeFormer(ctx, 'a former cadre', 'cadre', 'retired', yearsAgo(ctx, 8), daysAgo(ctx, 30));
  const firm = yield* dedicated(ctx, s.unit.pref, ctx.rng.pick(FIRE_KINDS), regionNear(ctx, s), {
    founders: false,
  });
  const since = ctx.rng.day(yearsAgo(ctx, 8), daysAgo(ctx, 60));
  hook(s, (h) =>
    addTieTo(h, ensureRelative(ctx, h, CLOSE_ADULT).ref, firm, 'owner', since, null, { share: 100 }),
  );
};

const retireeUnpaid: Variant = function* (ctx) {
  const s = takeFormer(
    ctx,
    'an unpaid retiree',
    'leader_cadre',
    'retired',
    yearsAgo(ctx, 10),
    daysAgo(ctx, 200),
  );
  const org = s.unit.pref.association!;
  hook(s, (h) =>
    addTieTo(
      h,
      s.personRef,
      org,
      'director',
      ctx.rng.day(plusDays(s.departedOn!, 30), daysAgo(ctx, 10)),
      null,
      { paid: false },
    ),
  );
};

const resignedPaidAtAssociation: Variant = function* (ctx) {
  const s = takeFormer(ctx, 'a paid non-retiree', 'cadre', 'resigned', yearsAgo(ctx, 6), daysAgo(ctx, 200));
  const org = s.unit.pref.association!;
  hook(s, (h) =>
    addTieTo(
      h,
      s.personRef,
      org,
      'executive',
      ctx.rng.day(plusDays(s.departedOn!, 30), daysAgo(ctx, 10)),
      null,
      { paid: true },
    ),
  );
};

/** A post that starts on the day the window closes. */
const postAtWindowEnd: Variant = function* (ctx) {
  const category = ctx.rng.pick<Category>(['cadre', 'firefighter', 'enforcement_cadre']);
  const n = windowYears(category);
  const s = takeFormer(
    ctx,
    'a post after the window',
    category,
    'resigned',
    plusYears(yearsAgo(ctx, n), -2),
    yearsAgo(ctx, n),
  );
  const firm = ctx.rng.pick(s.unit.pref.fireFirms);
  hook(s, (h) =>
    addTieTo(h, s.personRef, firm, 'employee', plusYears(s.departedOn!, n), null, { paid: true }),
  );
  yield* [];
};

/** An intermediary outside the former staff member's jurisdiction, inside the window. */
const intermediaryElsewhere: Variant = function* (ctx) {
  const s = takeFormer(
    ctx,
    'an intermediary elsewhere',
    'enforcement_cadre',
    'resigned',
    plusDays(yearsAgo(ctx, 5), 60),
    daysAgo(ctx, 100),
  );
  const away = PREFECTURES.filter(
    (p) => !jurisdictionCovers(s.unit.jurisdiction, p.code) && p !== s.unit.pref.prefecture,
  );
  const prefecture = ctx.rng.pick(away);
  const region = ctx.rng.pick(prefecture.counties).code;
  const org = yield* organization(ctx, {
    kind: 'intermediary',
    region,
    pref: s.unit.pref,
    city: shortName(prefecture.name),
  });
  yield* founders(ctx, org, s.unit.pref, foundingDay(ctx));
  hook(s, (h) =>
    addTieTo(
      h,
      s.personRef,
      org,
      'employee',
      ctx.rng.day(plusDays(s.departedOn!, 30), daysAgo(ctx, 10)),
      null,
      { paid: true },
    ),
  );
};

const futureDesignation: Variant = function* (ctx) {
  const s = take(ctx, 'a designation after asOf', (c) => anyoneButAnOfficer(ctx, c));
  const org = ctx.rng.pick(s.unit.pref.fireFirms);
  const on = plusDays(ctx.asOf, ctx.rng.int(1, 60));
  ctx.late.push(function* () {
    yield {
      kind: 'designations',
      record: {
        staffNo: s.staffNo,
        org: org.code,
        on,
        source: ctx.rng.pick(DESIGNATION_SOURCES),
        note: '评估日之后的投诉记录',
      },
    };
  });
};

/** A one-officer action dated after asOf does not exist yet. */
const futureLoneAction: Variant = function* (ctx) {
  const on = plusDays(ctx.asOf, ctx.rng.int(1, 60));
  plantAction(ctx, { ref: nextActionRef(ctx), pref: randomPrefecture(ctx), on, fixed: [], partners: 1 });
  yield* [];
};

const formerWithOpenAssignment: Variant = function* (ctx) {
  const s = take(ctx, 'a former with an open assignment', (c) => c.departedOn !== null);
  reshapeFormer(
    ctx,
    s,
    'enforcement_cadre',
    'transferred',
    ctx.rng.day(yearsAgo(ctx, 4), `${ctx.year - 1}-12-31`),
  );
  hook(s, (h) => {
    h.assignment.currentFrom = ctx.rng.day(
      max(s.hiredOn, plusYears(s.departedOn!, -9)),
      plusYears(s.departedOn!, -6),
    );
    h.assignment.leaveOpen = true;
  });
  yield* [];
};

const newHire: Variant = function* (ctx) {
  const s = take(ctx, 'a new hire', (c) => c.departedOn === null && c.category === 'firefighter');
  setServingDates(ctx, s, true);
  s.quals = buildQualifications(ctx, s);
  yield* [];
};

const onDueDate: Variant = function* (ctx) {
  const s = take(ctx, 'a declaration on the due date', (c) => anyoneButAnOfficer(ctx, c));
  hook(s, (h) => (h.declaration.mode = 'on-due-date'));
  yield* [];
};

const associationMember: Variant = function* (ctx) {
  const s = take(ctx, 'an association member', (c) => anyoneButAnOfficer(ctx, c));
  hook(s, (h) =>
    addTieTo(
      h,
      s.personRef,
      s.unit.pref.association!,
      'member',
      ctx.rng.day(s.hiredOn, daysAgo(ctx, 30)),
      null,
      { source: 'hr' },
    ),
  );
  yield* [];
};

/** A serving staff member's intermediary post that ended before asOf (declared for the year it overlapped). */
const endedOutsidePost: Variant = function* (ctx) {
  const s = take(ctx, 'an ended outside post', (c) => anyoneButAnOfficer(ctx, c));
  const org = ctx.rng.pick(s.unit.pref.intermediaries);
  const to = ctx.rng.day(`${ctx.year}-03-01`, daysAgo(ctx, 0));
  hook(s, (h) =>
    addTieTo(h, s.personRef, org, 'consultant', ctx.rng.day(plusYears(to, -3), plusDays(to, -30)), to, {
      paid: true,
    }),
  );
  yield* [];
};

/** An engagement the day before the inspection and one exactly a year after it: both outside the window. */
const covertWindowEdges: Variant = function* (ctx) {
  const { rng } = ctx;
  const { s, d } = takeOfficer(
    ctx,
    'the covert window edges',
    plusDays(yearsAgo(ctx, 2), 30),
    plusDays(yearsAgo(ctx, 1), -40),
  );
  const pref = s.unit.pref;
  const venue = yield* dedicated(ctx, pref, 'public_venue', regionNear(ctx, s));
  const firm = yield* dedicated(ctx, pref, 'technical_service_maintenance', regionNear(ctx, s), {
    founders: false,
  });
  const yearLater = plusYears(d, 1);
  const before = plusDays(d, -rng.int(1, 15));
  const since = plusDays(before, -rng.int(100, 600));
  const until = rng.day(plusDays(yearLater, 1), ctx.asOf);
  const buyer = yield* independent(ctx, pref);
  yield { kind: 'affiliations', record: tie(buyer, firm.code, 'owner', until, null, { share: 100 }) };
  hook(s, (h) =>
    addTieTo(h, ensureRelative(ctx, h, CLOSE_ADULT).ref, firm, 'owner', since, until, { share: 100 }),
  );
  plantAction(ctx, {
    ref: nextActionRef(ctx),
    pref,
    on: d,
    fixed: [s],
    partners: 1,
    target: venue,
    engagements: [
      { contractor: firm, on: before },
      { contractor: firm, on: yearLater },
    ],
  });
};

/** A suspension that ended on the action day, and a certificate on its last valid day. */
const enforcementEdges: Variant = function* (ctx) {
  const { rng } = ctx;
  const { s, d } = takeOfficer(
    ctx,
    'a suspension ending on the action day',
    daysAgo(ctx, 500),
    daysAgo(ctx, 30),
  );
  s.suspensions.push({
    from: max(plusDays(s.hiredOn, 1), plusDays(d, -rng.int(20, 90))),
    to: d,
    reason: rng.pick(SUSPENSION_REASONS),
  });
  plantAction(ctx, { ref: nextActionRef(ctx), pref: s.unit.pref, on: d, fixed: [s], partners: 1 });
  const lapsed = takeLapsed(ctx, 'a certificate on its last day');
  plantAction(ctx, {
    ref: nextActionRef(ctx),
    pref: lapsed.s.unit.pref,
    on: plusDays(lapsed.lapsedOn, -1),
    fixed: [lapsed.s],
    partners: 1,
  });
  yield* [];
};

// ---------------------------------------------------------------------------------------------

const SCENARIOS: Scenario[] = [
  { rule: 'COI-DESIGNATE', small: 1, variants: [designate] },
  { rule: 'COI-DESIGNATE-COVERT', small: 1, variants: [covert(false), covert(true)] },
  {
    rule: 'COI-RELATIVE-BUSINESS',
    small: 2,
    variants: [
      relativeRunsFirm,
      relativeOwnsChain(2),
      relativeOwnsChain(3),
      cadreHoldsShares,
      twoPathsOneFlag,
    ],
  },
  {
    rule: 'COI-OUTSIDE-POST',
    small: 1,
    variants: [
      outsidePost(['enforcement_cadre', 'cadre'], 'association', 'director', false),
      outsidePost(['firefighter', 'civilian'], 'intermediary', 'employee', true),
      outsidePost(['leader_cadre'], 'province', 'consultant', true),
    ],
  },
  {
    rule: 'COI-RETIREE-ASSOCIATION',
    small: 1,
    variants: [retiree('leader_cadre', 'province', 'director'), retiree('cadre', 'association', 'executive')],
  },
  {
    rule: 'COI-REVOLVING-DOOR',
    small: 1,
    variants: [
      revolvingDoor('leader_cadre', 'retired', 'fire_engineering', 'consultant'),
      revolvingDoor('enforcement_cadre', 'resigned', 'local-intermediary', 'executive'),
      revolvingDoor('firefighter', 'resigned', 'fire_product', 'employee'),
      revolvingDoor('cadre', 'dismissed', 'fire_engineering', 'legal_representative', true),
    ],
  },
  {
    rule: 'DECL-LATE',
    small: 1,
    variants: [late('none'), late('late'), late('after-as-of'), leftWithoutDeclaring],
  },
  {
    rule: 'DECL-UNDECLARED',
    small: 1,
    variants: [
      undeclared('relative-employee'),
      undeclared('relative-intermediary'),
      undeclared('relative-part-year'),
      undeclared('own-post'),
    ],
  },
  { rule: 'ENF-TWO-PERSON', small: 1, variants: [loneOfficer, officerAndAuxiliary] },
  {
    rule: 'ENF-UNQUALIFIED',
    small: 1,
    variants: [
      unqualified('lapsed'),
      unqualified('suspended'),
      unqualified('civilian'),
      unqualified('lapsed-pair'),
    ],
  },
  {
    rule: 'ENF-RECUSAL',
    small: 1,
    variants: [recusal('legal-representative'), recusal('holding'), recusal('employee')],
  },
  {
    rule: 'ROT-OVERDUE',
    small: 1,
    variants: [rotation('exactly', 'ROT-OVERDUE'), rotation('long', 'ROT-OVERDUE')],
  },
];

const BOUNDARY_CASES: Variant[] = [
  fourHopChain,
  distantRelativeRunsFirm,
  nonCadreRelativeRunsFirm,
  divested,
  relativeEmployedAtFirm,
  formerCadreRelativeRunsFirm,
  retireeUnpaid,
  resignedPaidAtAssociation,
  postAtWindowEnd,
  intermediaryElsewhere,
  futureDesignation,
  futureLoneAction,
  formerWithOpenAssignment,
  newHire,
  onDueDate,
  associationMember,
  endedOutsidePost,
  covertWindowEdges,
  enforcementEdges,
  rotation('exactly', null),
];

/** How many cases of a rule a world of `staff` plants: every variant from SMALL_WORLD on, more as it grows. */
export function plantCount(scenario: { small: number; variants: unknown[] }, staff: number): number {
  if (staff < SMALL_WORLD) return Math.min(scenario.small, scenario.variants.length);
  return Math.max(scenario.variants.length, Math.ceil(staff / STAFF_PER_PLANT));
}

/** Plans every planted and boundary case; yields the firms made for them. */
export function* plant(ctx: WorldContext): Out {
  const staff = ctx.staff.length;
  for (const scenario of SCENARIOS) {
    const count = plantCount(scenario, staff);
    for (let i = 0; i < count; i++) yield* scenario.variants[i % scenario.variants.length]!(ctx);
  }
  if (staff >= BOUNDARY_CASES_FROM) {
    const rounds = Math.ceil(staff / STAFF_PER_BOUNDARY_CASE);
    for (let i = 0; i < rounds; i++) for (const variant of BOUNDARY_CASES) yield* variant(ctx);
  }
}
