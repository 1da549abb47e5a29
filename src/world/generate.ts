import { BUNDLE_KINDS, type Bundle } from '../bundle/schema.ts';
import { isDay, type Day } from '../lib/days.ts';
import { CreditCodeIssuer } from './credit-code.ts';
import { buildOfficerPools, actionRefDigits, writeEngagements, writeNoiseActions } from './enforcement.ts';
import { IdNumberIssuer } from './id-number.ts';
import { writeHouseholds } from './households.ts';
import type { WorldContext } from './model.ts';
import { plant } from './plants.ts';
import { buildPrefectures, buildRoster, MIN_STAFF } from './population.ts';
import { writeRegistry } from './registry.ts';
import { Rng, seedNumber } from './rng.ts';
import {
  RULE_IDS,
  type ExpectedFlag,
  type ExpectedRotation,
  type World,
  type WorldExpected,
  type WorldOptions,
  type WorldRecord,
} from './types.ts';

/** The campaign screened on asOf: the latest year whose declarations were due (31 January) before asOf. */
export function campaignFor(asOf: Day): { year: number; dueOn: Day } {
  const thisYear = Number(asOf.slice(0, 4));
  const year = asOf > `${thisYear}-01-31` ? thisYear - 1 : thisYear - 2;
  return { year, dueOn: `${year + 1}-01-31` };
}

function checkOptions(options: WorldOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.staff) || options.staff < MIN_STAFF) {
    problems.push(
      `staff must be an integer of at least ${MIN_STAFF} (every rule needs its cases): ${options.staff}`,
    );
  }
  if (typeof options.asOf !== 'string' || !isDay(options.asOf))
    problems.push(`asOf must be YYYY-MM-DD: ${options.asOf}`);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
}

/**
 * Streams a world, one record at a time, each after the records it refers to; returns the expected
 * screening result when done. Memory holds the roster and the pools, never the whole bundle.
 */
export function* worldRecords(options: WorldOptions): Generator<WorldRecord, WorldExpected, undefined> {
  checkOptions(options);
  const seed = seedNumber(options.seed);
  const { year, dueOn } = campaignFor(options.asOf);
  const ctx: WorldContext = {
    rng: new Rng(seed),
    asOf: options.asOf,
    year,
    dueOn,
    prefectures: buildPrefectures(options.staff),
    staff: [],
    ids: new IdNumberIssuer(seed),
    codes: new CreditCodeIssuer(seed % 887_503_681),
    orgNames: new Set(),
    owns: new Map(),
    flags: [],
    late: [],
    nextActionNo: 0,
    actionDigits: actionRefDigits(options.staff),
    independentNo: 0,
  };
  buildRoster(ctx, options.staff);
  yield { kind: 'campaigns', record: { year, dueOn } };
  yield* writeRegistry(ctx);
  if (options.plants !== false) yield* plant(ctx);
  for (const pref of ctx.prefectures) {
    for (const slots of pref.slots.values()) {
      for (const slot of slots) yield { kind: 'posts', record: { ...slot } };
    }
  }
  const rotations: ExpectedRotation[] = [];
  yield* writeHouseholds(ctx, rotations);
  buildOfficerPools(ctx);
  yield* writeEngagements(ctx);
  for (const task of ctx.late) yield* task(ctx);
  yield* writeNoiseActions(ctx);
  return { asOf: options.asOf, flags: sortFlags(ctx.flags), rotationsDue: sortRotations(rotations) };
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((rule, i) => [rule, i]));

function sortFlags(flags: ExpectedFlag[]): ExpectedFlag[] {
  const seen = new Set<string>();
  const unique = flags.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const text = (v: string | number | null) => (v === null ? '' : String(v));
  return unique.sort(
    (a, b) =>
      RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)! ||
      text(a.staffNo).localeCompare(text(b.staffNo)) ||
      text(a.org).localeCompare(text(b.org)) ||
      text(a.action).localeCompare(text(b.action)) ||
      text(a.post).localeCompare(text(b.post)) ||
      (a.year ?? 0) - (b.year ?? 0),
  );
}

function sortRotations(rows: ExpectedRotation[]): ExpectedRotation[] {
  const rank = (r: ExpectedRotation) => (r.status === 'overdue' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.staffNo.localeCompare(b.staffNo) ||
      a.post.localeCompare(b.post),
  );
}

/** A whole world in memory: the bundle (every kind present) and what screening it on asOf must find. */
export function generateWorld(options: WorldOptions): World {
  const bundle: Bundle = { format: 'coi-bundle/1' };
  const lists = bundle as unknown as Record<string, unknown[]>;
  for (const kind of BUNDLE_KINDS) lists[kind] = [];
  const records = worldRecords(options);
  for (;;) {
    const next = records.next();
    if (next.done) return { bundle, expected: next.value };
    lists[next.value.kind]!.push(next.value.record);
  }
}
