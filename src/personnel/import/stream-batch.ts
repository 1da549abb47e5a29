import { BUNDLE_KINDS, type BundleKind } from '../../bundle/schema.ts';
import type { ProblemItem } from '../../errors.ts';
import type { KeySpace } from './references.ts';
import type { VersionedTable } from './upsert-rows.ts';

/** Where a streamed record came from: its line for messages, its position for the record order rule. */
export interface LineRef {
  source: string;
  line: number;
  /** The record's number in the whole stream (1 for the first record of the first part). */
  position: number;
}

/** Records read since the last flush, by kind, with the line each came from. */
export class StreamBatch {
  readonly records = new Map<BundleKind, unknown[]>();
  readonly lines = new Map<BundleKind, LineRef[]>();
  size = 0;

  add(kind: BundleKind, record: unknown, where: LineRef): void {
    let list = this.records.get(kind);
    if (!list) {
      list = [];
      this.records.set(kind, list);
      this.lines.set(kind, []);
    }
    list.push(record);
    this.lines.get(kind)!.push(where);
    this.size += 1;
  }

  /** The batch's records by kind, as a bundle holds them. */
  byKind(): Partial<Record<BundleKind, unknown[]>> {
    return Object.fromEntries(this.records);
  }
}

const spaces = <T>(make: () => T): Record<KeySpace, T> => ({
  person: make(),
  staff: make(),
  org: make(),
  post: make(),
});

/**
 * What the stream remembers between batches: natural keys (for duplicates and references) and the ids of the
 * records it wrote, never the records themselves, so memory grows with the number of keys only.
 */
export class StreamState {
  /** Natural key (one field as itself, more as JSON) → index of its first record of the kind, in the stream. */
  readonly keys = Object.fromEntries(BUNDLE_KINDS.map((k) => [k, new Map<string, number>()])) as Record<
    BundleKind,
    Map<string, number>
  >;
  /** Records of each kind read so far: the index the next one gets in the equivalent bundle. */
  readonly counts = Object.fromEntries(BUNDLE_KINDS.map((k) => [k, 0])) as Record<BundleKind, number>;
  /** ID number → index of the person carrying it. */
  readonly idNumbers = new Map<string, number>();
  /** Ids of keyed records written by this import or found stored, by natural key. */
  readonly ids = spaces(() => new Map<string, number>());
  /** Keys named by records that failed their schema: references to them are not reported again. */
  readonly loose = spaces(() => new Set<string>());
  readonly problems: ProblemItem[] = [];
  /** Problems beyond the ones kept (the list is capped so a garbage stream cannot exhaust memory). */
  dropped = 0;
  /** False once a problem is found: the rest of the stream is only checked, and the transaction rolls back. */
  writing = true;
  lines = 0;
  records = 0;
  /**
   * Tables that held no row when the import took the writer lock: whatever they hold was written by this
   * stream, so stored rows are never looked up there by a key the stream has not written.
   */
  emptyAtStart: ReadonlySet<VersionedTable> = new Set();
  /**
   * When the assignment table was empty at the start: the open assignments this stream wrote, (staffNo, post)
   * → from, which are then all the stored ones.
   */
  openAssignments: Map<string, string> | undefined;

  constructor(readonly maxProblems: number) {}

  report(problem: ProblemItem): void {
    this.writing = false;
    if (this.problems.length < this.maxProblems) this.problems.push(problem);
    else this.dropped += 1;
  }
}
