import type { Bundle, BundleKind } from '../bundle/schema.ts';
import type { Day } from '../lib/days.ts';

export interface WorldOptions {
  /** Staff records in the world (serving and former). */
  staff: number;
  /** Same seed, same options → the same world, byte for byte. */
  seed: number | string;
  /** The day the planted flags hold on (and the noise is clean on). */
  asOf: Day;
  /** false: the noise background alone, no planted violations or boundary cases (which must raise no flag). */
  plants?: boolean;
}

export { RULE_IDS, type RuleId } from '../graph/rule-ids.ts';
import type { RuleId } from '../graph/rule-ids.ts';

/** A flag key as RULES.md defines it; parts the rule's key does not have are null. */
export interface ExpectedFlag {
  rule: RuleId;
  staffNo: string | null;
  org: string | null;
  action: string | null;
  post: string | null;
  year: number | null;
}

export interface ExpectedRotation {
  staffNo: string;
  post: string;
  since: Day;
  dueOn: Day;
  status: 'overdue' | 'due';
}

/** What a correct screening on `asOf` finds: the planted flags and nothing else. */
export interface WorldExpected {
  asOf: Day;
  flags: ExpectedFlag[];
  /** `GET /rotations/due?asOf=…` with the default 90-day window. */
  rotationsDue: ExpectedRotation[];
}

type Records = { [K in BundleKind]-?: NonNullable<Bundle[K]>[number] };
/** One bundle record with its kind; a record always comes after the records it refers to. */
export type WorldRecord = { [K in BundleKind]: { kind: K; record: Records[K] } }[BundleKind];
export type RecordOf<K extends BundleKind> = Records[K];

export interface World {
  bundle: Bundle;
  expected: WorldExpected;
}
