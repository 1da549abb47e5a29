import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../audit/actor.ts';
import { inWriteTransaction } from '../../audit/audit-log.ts';
import { BUNDLE_KINDS, type BundleKind } from '../../bundle/schema.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../errors.ts';
import { nextTurn } from '../../lib/event-loop.ts';
import { zeroCounts, type ImportResult } from './import-result.ts';
import { refreshPlannerStatistics } from './planner-statistics.ts';
import { linesOfParts, type NdjsonSource, type SourcedLine } from './ndjson-lines.ts';
import { StreamBatch, StreamState } from './stream-batch.ts';
import { emptyTables } from './empty-tables.ts';
import { openPair } from './open-assignments.ts';
import { checkBatch, prepareBatch, type PreparedBatch } from './stream-check.ts';
import { writeBundle } from './write-bundle.ts';

export const NDJSON_FORMAT = 'coi-bundle/1';

export interface StreamProgress {
  /** The part being read and its last line read. */
  source: string;
  line: number;
  /** Lines and records read so far over all parts; records written (0 once a problem was found). */
  lines: number;
  records: number;
  written: number;
}

export interface StreamImportOptions {
  /** Records checked and written together (default 10,000): memory holds about one batch of records. */
  batchRecords?: number;
  /** Problems kept for the answer (default 1,000); the rest are counted. */
  maxProblems?: number;
  onProgress?: (progress: StreamProgress) => void;
}

export interface StreamImportResult extends ImportResult {
  lines: number;
  records: number;
  /** SHA-256 of the stream's text (lines joined with \n), as recorded in the audit trail. */
  sha256: string;
}

const KINDS = new Set<string>(BUNDLE_KINDS);

/** Lines read between two turns of the batch in flight. */
const PAUSE_LINES = 1000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line as a header, a record of a kind, or a problem. */
function readLine(
  l: SourcedLine,
  state: StreamState,
): { kind: BundleKind; record: unknown } | 'header' | null {
  const at = `line ${l.line} of ${l.source}`;
  let value: unknown;
  try {
    value = JSON.parse(l.text);
  } catch (error) {
    state.report({ path: '', message: `${at}: not JSON (${(error as Error).message})` });
    return null;
  }
  if (isPlainObject(value) && 'format' in value) {
    const extra = Object.keys(value).filter((k) => k !== 'format');
    if (value.format !== NDJSON_FORMAT || extra.length > 0) {
      state.report({
        path: '/format',
        message: `${at}: a header line is exactly {"format":"${NDJSON_FORMAT}"}`,
      });
    }
    return 'header';
  }
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  if (
    !isPlainObject(value) ||
    typeof value.kind !== 'string' ||
    !('record' in value) ||
    keys.some((k) => k !== 'kind' && k !== 'record')
  ) {
    state.report({ path: '', message: `${at}: a record line is exactly {"kind": …, "record": {…}}` });
    return null;
  }
  if (!KINDS.has(value.kind)) {
    state.report({
      path: '',
      message: `${at}: unknown kind ${JSON.stringify(value.kind)}; one of ${BUNDLE_KINDS.join(', ')}`,
    });
    return null;
  }
  return { kind: value.kind as BundleKind, record: value.record };
}

/** A constraint the checks let through (class 22/23) is bad input: a 400, and the transaction rolls back. */
function refused(state: StreamState, error: unknown): never {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (typeof e?.code === 'string' && /^2[23]/.test(e.code)) {
    const constraint = typeof e.constraint === 'string' ? ` (${e.constraint})` : '';
    throw new ValidationError([
      ...state.problems,
      { path: '', message: `the database refused a record: ${String(e.message)}${constraint}` },
    ]);
  }
  throw error;
}

async function flush(
  tx: Transaction<Database>,
  state: StreamState,
  prepared: PreparedBatch,
  result: ImportResult,
): Promise<void> {
  if (prepared.batch.size === 0) return;
  const checked = await checkBatch(tx, state, prepared);
  for (const problem of checked.problems) state.report(problem);
  if (!state.writing || !checked.bundle) return;
  // Later batches refer to these records by key: their ids are kept rather than looked up per reference.
  const counts = await writeBundle(tx, checked.bundle, checked.stored, state.ids, state.emptyAtStart).catch(
    (e) => refused(state, e),
  );
  // Every row of a table empty at the start is new: a written open assignment is one more stored one.
  for (const a of checked.bundle.assignments ?? []) {
    if (a.to == null) state.openAssignments?.set(openPair(a.staffNo, a.post), a.from);
  }
  for (const kind of BUNDLE_KINDS) {
    result.created[kind] += counts.created[kind];
    result.updated[kind] += counts.updated[kind];
    result.unchanged[kind] += counts.unchanged[kind];
  }
}

/**
 * Imports a bundle streamed as NDJSON parts: a header line `{"format":"coi-bundle/1"}` first, then one
 * `{"kind": "<bundle kind>", "record": {…}}` per line, each record after the records it refers to. Checked
 * and written batch by batch inside ONE audited write transaction: any problem anywhere rolls back all of it.
 * Problems carry the path the same records would have in one document (`/staff/17/person`) and name the line.
 */
export async function importNdjson(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  parts: Iterable<NdjsonSource> | AsyncIterable<NdjsonSource>,
  options: StreamImportOptions = {},
): Promise<StreamImportResult> {
  const batchRecords = options.batchRecords ?? 10_000;
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const state = new StreamState(options.maxProblems ?? 1000);
    state.emptyAtStart = await emptyTables(tx);
    if (state.emptyAtStart.has('assignment')) state.openAssignments = new Map();
    const result: ImportResult = { created: zeroCounts(), updated: zeroCounts(), unchanged: zeroCounts() };
    const hash = createHash('sha256');
    const names: string[] = [];
    let batch = new StreamBatch();
    let inflight: Promise<void> = Promise.resolve();
    let headed = false;
    let sincePause = 0;
    let last: SourcedLine | undefined;
    const progress = () => {
      if (!options.onProgress || !last) return;
      const written = state.writing
        ? BUNDLE_KINDS.reduce((n, k) => n + result.created[k] + result.updated[k] + result.unchanged[k], 0)
        : 0;
      options.onProgress({
        source: last.source,
        line: last.line,
        lines: state.lines,
        records: state.records,
        written,
      });
    };

    try {
      for await (const run of linesOfParts(parts)) {
        for (const l of run) {
          // A run can be a megabyte of lines: the batch in flight gets its turn between slices of it.
          if (++sincePause >= PAUSE_LINES) {
            sincePause = 0;
            await nextTurn();
          }
          if (l.line === 1) names.push(l.source);
          last = l;
          state.lines += 1;
          hash.update(l.text).update('\n');
          if (l.text.trim() === '') continue;
          const read = readLine(l, state);
          if (read === 'header') {
            headed = true;
            continue;
          }
          if (!read) continue;
          if (!headed) {
            headed = true; // reported once
            state.report({
              path: '/format',
              message: `line ${l.line} of ${l.source}: the stream must start with {"format":"${NDJSON_FORMAT}"}`,
            });
          }
          state.records += 1;
          batch.add(read.kind, read.record, { source: l.source, line: l.line, position: state.records });
          if (batch.size >= batchRecords) {
            // At most one batch in flight: the next one is read, parsed and checked on its own while the
            // database checks and writes this one.
            const prepared = await prepareBatch(state, batch);
            await inflight;
            progress();
            inflight = flush(tx, state, prepared, result);
            inflight.catch(() => {}); // awaited before the next batch or at the end
            batch = new StreamBatch();
          }
        }
      }
    } catch (error) {
      // The stream failed (a part unreadable, the body limit): let the batch in flight finish with the
      // transaction before it rolls back, so none of its statements runs after the rollback.
      await inflight.catch(() => {});
      throw error;
    }
    const prepared = await prepareBatch(state, batch);
    await inflight;
    await flush(tx, state, prepared, result);
    progress();
    if (!headed)
      state.report({
        path: '/format',
        message: `the stream is empty: no {"format":"${NDJSON_FORMAT}"} line`,
      });
    if (state.problems.length > 0) {
      const more = state.dropped > 0 ? [{ path: '', message: `… and ${state.dropped} more problems` }] : [];
      throw new ValidationError([...state.problems, ...more]);
    }
    await refreshPlannerStatistics(tx, result);
    const sha256 = hash.digest('hex');
    await audit({
      action: 'import',
      objectKeys: {
        format: NDJSON_FORMAT,
        streamed: true,
        parts: names,
        lines: state.lines,
        sha256,
        ...result,
      },
      change: { format: NDJSON_FORMAT, sha256 },
    });
    return { ...result, lines: state.lines, records: state.records, sha256 };
  });
}
