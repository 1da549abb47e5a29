import type { Kysely } from 'kysely';
import { BUNDLE_KINDS, type Bundle, type BundleKind } from '../../bundle/schema.ts';
import type { Database } from '../../db/schema.ts';
import type { ProblemItem } from '../../errors.ts';
import { nextTurn } from '../../lib/event-loop.ts';
import { NATURAL_KEYS, type NaturalKey } from './natural-keys.ts';
import { openAssignmentProblems } from './open-assignments.ts';
import { pointer } from './problems.ts';
import { recordProblems } from './record-checks.ts';
import { parseRecordsInSlices, type BundleRecord, type ParsedBundle, type SparseRecords } from './records.ts';
import { TABLE_SPECS } from './table-specs.ts';
import { visitReferences, type KeySpace } from './references.ts';
import { emptyStoredIds, lookupStoredIds, storedIdNumberHolders, type StoredIds } from './stored-keys.ts';
import type { StreamBatch, StreamState } from './stream-batch.ts';

const NOUNS: Record<KeySpace, string> = {
  person: 'person with ref',
  staff: 'staff record with staffNo',
  org: 'organisation with credit code',
  post: 'post with code',
};

const KEYED: Array<[KeySpace, BundleKind]> = [
  ['person', 'people'],
  ['staff', 'staff'],
  ['org', 'organizations'],
  ['post', 'posts'],
];

const rawKey = (space: KeySpace, record: any): string =>
  space === 'person'
    ? record.ref
    : space === 'staff'
      ? record.staffNo
      : space === 'org'
        ? record.creditCode
        : record.code;

export interface CheckedBatch {
  /** Problems with paths into the equivalent bundle (`/kind/index/…`) and the line in the message. */
  problems: ProblemItem[];
  /** The batch as a bundle, when it has no problem. */
  bundle: Bundle | undefined;
  /** Ids of the records outside the batch that it refers to. */
  stored: StoredIds;
}

/**
 * A natural key as the text state.keys holds: a one-field key (always given, of one type) as itself, a
 * longer one as JSON.
 */
function keyText<K extends BundleKind>(spec: NaturalKey<K>, record: BundleRecord<K>): string {
  return spec.fields.length === 1
    ? String((record as Record<string, unknown>)[spec.fields[0]!])
    : JSON.stringify(spec.of(record));
}

/** Duplicate natural keys across the whole stream, with the message the one-document import gives. */
function duplicates(state: StreamState, records: SparseRecords): ProblemItem[] {
  const problems: ProblemItem[] = [];
  for (const kind of BUNDLE_KINDS) {
    const spec = NATURAL_KEYS[kind] as NaturalKey<typeof kind>;
    const seen = state.keys[kind];
    const base = state.counts[kind];
    (records[kind] as Array<BundleRecord<typeof kind> | undefined>).forEach((record, i) => {
      if (!record) return;
      const text = keyText(spec, record);
      const first = seen.get(text);
      if (first === undefined) {
        seen.set(text, base + i);
        return;
      }
      const key = spec.of(record);
      const single = spec.fields.length === 1;
      const shown = single
        ? `${spec.fields[0]} ${String(key[0])}`
        : `(${spec.fields.join(', ')}) = (${key.map(String).join(', ')})`;
      problems.push({
        path: single ? pointer(kind, i, spec.fields[0]!) : pointer(kind, i),
        message: `duplicate ${spec.noun} ${shown}; first at ${pointer(kind, first)}`,
      });
    });
  }
  records.people.forEach((person, i) => {
    if (!person?.idNumber) return;
    const first = state.idNumbers.get(person.idNumber);
    if (first === undefined) state.idNumbers.set(person.idNumber, state.counts.people + i);
    else {
      problems.push({
        path: pointer('people', i, 'idNumber'),
        message: `the same ID number as ${pointer('people', first)}; one person has one ID number`,
      });
    }
  });
  return problems;
}

/** Whether a record before this batch has the key (written, or failed its schema: the stream has a problem). */
function earlierInStream(
  state: StreamState,
  bases: Record<BundleKind, number>,
  space: KeySpace,
  key: string,
) {
  const kind = KEYED.find(([s]) => s === space)![1];
  const first = state.keys[kind].get(key);
  return (first !== undefined && first < bases[kind]) || state.loose[space].has(key);
}

/**
 * References resolved earlier in the batch, earlier in the stream, or in the database; ids for the ones
 * outside. A record must come after the records it refers to, inside a batch as across batches, so where the
 * batches split never decides what a stream may say. Sorted out on the stream's state before the first
 * await: the caller prepares the next batch meanwhile.
 */
async function references(db: Kysely<Database>, state: StreamState, prepared: PreparedBatch) {
  const { batch, bases, batchLoose } = prepared;
  const records = prepared.parsed.records;
  // Key → position in the stream of the batch's first record that has it (a record that failed its schema:
  // 0, before everything; the stream already has a problem).
  const declared: Record<KeySpace, Map<string, number>> = {
    person: new Map(),
    staff: new Map(),
    org: new Map(),
    post: new Map(),
  };
  for (const [space, kind] of KEYED) {
    for (const key of batchLoose[space]) declared[space].set(key, 0);
    const lines = batch.lines.get(kind);
    records[kind].forEach((r, i) => {
      if (!r) return;
      const key = rawKey(space, r);
      // A duplicate is reported as one; the first record with the key is the one referred to.
      if (!declared[space].has(key)) declared[space].set(key, lines![i]!.position);
    });
  }
  const stored = emptyStoredIds();
  const wanted: Record<KeySpace, Set<string>> = {
    person: new Set(),
    staff: new Set(),
    org: new Set(),
    post: new Set(),
  };
  const pending: Array<{ space: KeySpace; key: string; at: Array<string | number> }> = [];
  // The stream position of the record a reference's path (`[kind, index, …]`) is in.
  const positionOf = (at: Array<string | number>) =>
    batch.lines.get(at[0] as BundleKind)![at[1] as number]!.position;
  visitReferences(records, (space, key, at) => {
    const before = declared[space].get(key);
    if (before !== undefined && before < positionOf(at)) return;
    const id = state.ids[space].get(key);
    if (id !== undefined) stored[space].set(key, id);
    else if (!earlierInStream(state, bases, space, key)) {
      wanted[space].add(key);
      pending.push({ space, key, at });
    }
    // else: an earlier record of the stream that was not written (the stream already has a problem)
  });
  // A table empty at the start holds only records of this stream, and their ids are in state.ids already.
  for (const [space, kind] of KEYED) {
    if (state.emptyAtStart.has(TABLE_SPECS[kind].table)) wanted[space].clear();
  }
  const found = await lookupStoredIds(db, wanted);
  for (const [space] of KEYED) {
    for (const [key, id] of found[space]) {
      stored[space].set(key, id);
      state.ids[space].set(key, id);
    }
  }
  const problems = pending
    .filter((ref) => !found[ref.space].has(ref.key))
    .map((ref) => ({
      path: pointer(...ref.at),
      message: `no ${NOUNS[ref.space]} ${ref.key} earlier in the stream or stored (a record must come after the records it refers to)`,
    }));
  return { problems, stored };
}

async function idNumberConflicts(
  db: Kysely<Database>,
  state: StreamState,
  records: SparseRecords,
  fresh: Set<string>,
): Promise<ProblemItem[]> {
  // Every person stored in a table empty at the start is of this stream: its ID number is not fresh.
  if (state.emptyAtStart.has('person')) return [];
  const given = records.people.flatMap((r, i) =>
    r?.idNumber && fresh.has(r.idNumber) ? [{ i, ref: r.ref, idNumber: r.idNumber }] : [],
  );
  if (given.length === 0) return [];
  const holders = await storedIdNumberHolders(
    db,
    given.map((g) => g.idNumber),
  );
  return given.flatMap(({ i, ref, idNumber }) => {
    const holder = holders.get(idNumber);
    if (holder === undefined || holder === ref) return [];
    return [
      {
        path: pointer('people', i, 'idNumber'),
        message: `this ID number is already stored on person ${holder}; an ID number is one person's`,
      },
    ];
  });
}

/** Moves a batch-relative path (`/staff/3/…`) to the stream's index and names the line in the message. */
function placed(prepared: PreparedBatch, problem: ProblemItem): ProblemItem {
  const match = /^\/([A-Za-z]+)\/(\d+)(.*)$/.exec(problem.path);
  if (!match) return problem;
  const [, kind, index, rest] = match as unknown as [string, BundleKind, string, string];
  const { batch, bases } = prepared;
  const base = bases[kind];
  const where = batch.lines.get(kind)?.[Number(index)];
  if (base === undefined || !where) return problem;
  // Open-assignment messages point at another record of the batch: move that pointer too.
  const message = problem.message.replace(
    new RegExp(`(^|[^\\w/])/${kind}/(\\d+)(?= is open too)`),
    (_m, lead: string, i: string) => `${lead}${pointer(kind, base + Number(i))}`,
  );
  return {
    path: `/${kind}/${base + Number(index)}${rest}`,
    message: `line ${where.line} of ${where.source}: ${message}`,
  };
}

/** A batch parsed and checked on its own and against the stream's keys: all that needs no database. */
export interface PreparedBatch {
  batch: StreamBatch;
  parsed: ParsedBundle;
  batchLoose: Record<KeySpace, Set<string>>;
  /** ID numbers of the batch no earlier record of the stream carries. */
  freshIdNumbers: Set<string>;
  /** The problems found so far, unplaced, in the order they are reported. */
  problems: ProblemItem[];
  /** Index in the stream of the batch's first record of each kind. */
  bases: Record<BundleKind, number>;
}

/**
 * The part of checking a batch that needs no database: the schema, each record on its own, duplicates across
 * the stream. Batches are prepared in stream order, each one after the previous one's checkBatch started (it
 * reads the stream's keys before its first await), so the next batch is prepared while the database works;
 * the stream's state is read and changed only after the parse, which pauses now and then for the database.
 */
export async function prepareBatch(state: StreamState, batch: StreamBatch): Promise<PreparedBatch> {
  // The batch in flight takes its turns meanwhile: its next statement is sent as soon as the last is done.
  const parsed = await parseRecordsInSlices(batch.byKind(), nextTurn);
  const batchLoose: Record<KeySpace, Set<string>> = {
    person: parsed.loose.people,
    staff: parsed.loose.staff,
    org: parsed.loose.organizations,
    post: parsed.loose.posts,
  };
  const freshIdNumbers = new Set(
    parsed.records.people.flatMap((r) =>
      r?.idNumber && !state.idNumbers.has(r.idNumber) ? [r.idNumber] : [],
    ),
  );
  const bases = { ...state.counts };
  const problems = [
    ...parsed.problems,
    ...recordProblems(parsed.records),
    ...duplicates(state, parsed.records),
  ];
  for (const [space] of KEYED) for (const key of batchLoose[space]) state.loose[space].add(key);
  for (const [kind, list] of batch.records) state.counts[kind] += list.length;
  // The parsed records are what is checked and written from here: the raw ones can go.
  batch.records.clear();
  return { batch, parsed, batchLoose, freshIdNumbers, problems, bases };
}

/**
 * Checks a prepared batch with everything else the one-document import checks, against the records before it
 * in the stream (by key) and the database (which holds the batches written before it, in the same transaction).
 */
export async function checkBatch(
  db: Kysely<Database>,
  state: StreamState,
  prepared: PreparedBatch,
): Promise<CheckedBatch> {
  const { parsed, freshIdNumbers } = prepared;
  const refs = await references(db, state, prepared);
  const problems = [
    ...prepared.problems,
    ...refs.problems,
    ...(await idNumberConflicts(db, state, parsed.records, freshIdNumbers)),
    ...(await openAssignmentProblems(db, parsed.records, state.openAssignments)),
  ].map((p) => placed(prepared, p));
  return { problems, bundle: problems.length === 0 ? parsed.bundle : undefined, stored: refs.stored };
}
