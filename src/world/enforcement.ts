import { type Day } from '../lib/days.ts';
import { plusDays, plusYears } from './calendar.ts';
import { isQualifiedOfficer, isQualifiedParticipant, isTiedTo } from './eligibility.ts';
import type { OrgRef, PrefectureWorld, StaffCore, WorldContext } from './model.ts';
import type { RecordOf, WorldRecord } from './types.ts';

// Phase D: engagements of venues with fire-industry contractors and enforcement actions. Every noise
// action has two or more qualified officers, only qualified participants, and no participant whose
// household is tied to the venue or to any contractor it engages.

type Out = Generator<WorldRecord, void, undefined>;
type ActionKind = RecordOf<'enforcementActions'>['kind'];

const ACTION_KINDS: ReadonlyArray<readonly [ActionKind, number]> = [
  ['inspection', 0.72],
  ['penalty', 0.1],
  ['approval', 0.1],
  ['investigation', 0.08],
];
const ACTIONS_PER_STAFF = 1.5;
const ACTION_REF_STEP = 7919; // coprime with 10, so serials map to distinct refs in scattered order

export function actionRefDigits(staff: number): number {
  return String(Math.ceil(staff * (ACTIONS_PER_STAFF + 1)) + 1000).length + 1;
}

/** A fresh action ref: A + a serial scattered over the ref space (planted ones do not sort first). */
export function nextActionRef(ctx: WorldContext): string {
  const space = 10 ** ctx.actionDigits;
  const n = (ctx.nextActionNo++ * ACTION_REF_STEP + 1) % space;
  return `A${String(n).padStart(ctx.actionDigits, '0')}`;
}

export function actionKind(ctx: WorldContext): ActionKind {
  return ctx.rng.weighted(ACTION_KINDS);
}

export function buildOfficerPools(ctx: WorldContext): void {
  for (const s of ctx.staff) {
    if (s.quals.length === 0) continue;
    if (s.category === 'civilian') s.unit.pref.auxiliaries.push(s);
    else if (s.quals.some((q) => q.kind === 'enforcement')) s.unit.pref.officers.push(s);
  }
}

/** Organisations a participant must not be tied to: the one acted upon and its contractors. */
export function conflictSet(target: OrgRef): string[] {
  return [target.code, ...(target.contractors ?? [])];
}

/** Picks up to `count` distinct staff from `pool` passing `accept`, probing at random, then scanning. */
export function pickStaff(
  ctx: WorldContext,
  pool: readonly StaffCore[],
  count: number,
  accept: (s: StaffCore) => boolean,
  exclude: readonly StaffCore[] = [],
): StaffCore[] {
  const chosen: StaffCore[] = [];
  const ok = (s: StaffCore) => !exclude.includes(s) && !chosen.includes(s) && accept(s);
  for (let probe = 0; probe < 40 && chosen.length < count && pool.length > 0; probe++) {
    const s = ctx.rng.pick(pool);
    if (ok(s)) chosen.push(s);
  }
  if (chosen.length < count && pool.length > 0) {
    const start = ctx.rng.int(0, pool.length - 1);
    for (let k = 0; k < pool.length && chosen.length < count; k++) {
      const s = pool[(start + k) % pool.length]!;
      if (ok(s)) chosen.push(s);
    }
  }
  return chosen;
}

/** Qualified officers of the prefecture who are free of conflicts with `target` on `day`. */
export function partners(
  ctx: WorldContext,
  pref: PrefectureWorld,
  target: OrgRef,
  day: Day,
  count: number,
  exclude: readonly StaffCore[],
): StaffCore[] {
  const conflicts = conflictSet(target);
  return pickStaff(
    ctx,
    pref.officers,
    count,
    (s) => !s.reserved && isQualifiedOfficer(s, day) && !isTiedTo(s, conflicts),
    exclude,
  );
}

export function actionRecord(
  ref: string,
  kind: ActionKind,
  target: OrgRef,
  on: Day,
  officers: StaffCore[],
): WorldRecord {
  return {
    kind: 'enforcementActions',
    record: { ref, kind, org: target.code, on, officers: officers.map((o) => o.staffNo) },
  };
}

/** Venues engage fire-industry contractors (maintenance, assessment, works, products). */
export function* writeEngagements(ctx: WorldContext): Out {
  const { rng, asOf } = ctx;
  for (const pref of ctx.prefectures) {
    for (const venue of pref.venues) {
      const count = rng.weighted([
        [0, 0.3],
        [1, 0.45],
        [2, 0.25],
      ] as const);
      const days = new Set<string>();
      for (let i = 0; i < count; i++) {
        const contractor = rng.pick(pref.fireFirms);
        const on = rng.day(plusYears(asOf, -3), plusDays(asOf, 60));
        if (days.has(`${contractor.code}|${on}`)) continue;
        days.add(`${contractor.code}|${on}`);
        venue.contractors!.push(contractor.code);
        yield { kind: 'engagements', record: { client: venue.code, contractor: contractor.code, on } };
      }
    }
  }
}

/** Noise actions over the two years up to asOf. */
export function* writeNoiseActions(ctx: WorldContext): Out {
  const { rng, asOf } = ctx;
  const from = plusYears(asOf, -2);
  for (const pref of ctx.prefectures) {
    const count = Math.round(pref.staffCount * ACTIONS_PER_STAFF);
    for (let i = 0; i < count; i++) {
      const on = rng.day(from, asOf);
      const [lead] = pickStaff(ctx, pref.officers, 1, (s) => isQualifiedOfficer(s, on));
      if (!lead) continue;
      const local = lead.unit.county ? pref.venuesByCounty.get(lead.unit.county.code) : undefined;
      const target = rng.chance(0.15)
        ? rng.pick(pref.fireFirms)
        : local && local.length > 0 && rng.chance(0.8)
          ? rng.pick(local)
          : rng.pick(pref.venues);
      const conflicts = conflictSet(target);
      if (isTiedTo(lead, conflicts)) continue;
      const second = pickStaff(
        ctx,
        pref.officers,
        1,
        (s) => isQualifiedOfficer(s, on) && !isTiedTo(s, conflicts),
        [lead],
      );
      if (second.length === 0) continue;
      const team = [lead, ...second];
      if (rng.chance(0.2)) {
        const pool = rng.chance(0.6) && pref.auxiliaries.length > 0 ? pref.auxiliaries : pref.officers;
        team.push(
          ...pickStaff(ctx, pool, 1, (s) => isQualifiedParticipant(s, on) && !isTiedTo(s, conflicts), team),
        );
      }
      yield actionRecord(nextActionRef(ctx), actionKind(ctx), target, on, rng.shuffle(team));
    }
  }
}
