import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database, FlagTable } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import { flagUnit } from './flag-unit.ts';
import type { FlagDetail, FlagView, ScreeningView } from './schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: string) => UUID.test(v);
const isKeyCursor = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type FlagRow = Selectable<FlagTable> & { latestScreeningId: string | null };

/** Selected with every flag row: a flag the latest screening finds was last seen by it. */
const latestScreeningId = sql<string | null>`(select id from screening order by seq desc limit 1)`.as(
  'latestScreeningId',
);

function toView(row: FlagRow, evidence: unknown = row.evidence): FlagView {
  return {
    id: row.id,
    rule: row.rule as FlagView['rule'],
    severity: row.severity,
    status: row.status,
    staffNo: row.staffNo,
    org: row.org,
    action: row.action,
    post: row.post,
    year: row.year,
    citation: row.citation,
    evidence: evidence as FlagView['evidence'],
    firstSeenIn: row.firstSeenIn,
    lastSeenIn: (row.lastSeenIn ?? row.latestScreeningId)!,
    resolvedIn: row.resolvedIn,
    decision: row.decision
      ? { decision: row.decision, reason: row.decisionReason, by: row.decidedBy, at: iso(row.decidedAt) }
      : null,
  };
}

export interface FlagFilter {
  status?: FlagView['status'] | undefined;
  rule?: string | undefined;
  staffNo?: string | undefined;
  severity?: FlagView['severity'] | undefined;
  /** The flag's unit, as the summary counts it (flag-unit.ts). */
  unit?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The standing queue, filtered, in flag-key order (rule, then the key's parts), keyset-paginated. */
export async function listFlags(db: Kysely<Database>, filter: FlagFilter) {
  const after = decodeCursor(filter.cursor, isKeyCursor);
  let q = db
    .selectFrom('flag')
    .selectAll()
    .select(latestScreeningId)
    .orderBy('flagKey')
    .limit(filter.limit + 1);
  if (after !== undefined) q = q.where('flagKey', '>', after);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.rule) q = q.where('rule', '=', filter.rule);
  if (filter.staffNo) q = q.where('staffNo', '=', filter.staffNo);
  if (filter.severity) q = q.where('severity', '=', filter.severity);
  if (filter.unit) q = q.where(flagUnit(), '=', filter.unit);
  const rows = await q.execute();
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((r) => toView(r)),
    nextCursor: rows.length > filter.limit && page.length ? encodeCursor(page.at(-1)!.flagKey) : null,
  };
}

interface EncodedPage {
  version: string;
  body: Uint8Array<ArrayBuffer>;
}

const CACHED_PAGES = 64;
const CACHED_BYTES = 32 * 2 ** 20;

/**
 * Encoded pages of the queue for one database, each kept with the flag-queue version it was read at (a
 * counter every statement changing `flag` moves, in its transaction: migration 20261128213000). A page
 * is served again only while that version is still the committed one, so another process's screening or
 * decision is seen at once. Least recently used pages go first, past 64 pages or 32 MB.
 */
class FlagPageCache {
  #pages = new Map<string, EncodedPage>();
  #bytes = 0;

  get(key: string, version: string): Uint8Array<ArrayBuffer> | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    this.#pages.delete(key);
    if (page.version !== version) {
      this.#bytes -= page.body.byteLength;
      return undefined;
    }
    this.#pages.set(key, page);
    return page.body;
  }

  set(key: string, page: EncodedPage) {
    if (page.body.byteLength > CACHED_BYTES / 4) return;
    const old = this.#pages.get(key);
    if (old) this.#bytes -= old.body.byteLength;
    this.#pages.delete(key);
    this.#pages.set(key, page);
    this.#bytes += page.body.byteLength;
    for (const [k, p] of this.#pages) {
      if (this.#pages.size <= CACHED_PAGES && this.#bytes <= CACHED_BYTES) break;
      this.#pages.delete(k);
      this.#bytes -= p.body.byteLength;
    }
  }
}

const utf8 = new TextEncoder();
const pageCaches = new WeakMap<Kysely<Database>, FlagPageCache>();

/**
 * A page of the standing queue as UTF-8 JSON (`{items, nextCursor}`), from the cache while no change to
 * the queue has committed since it was read. A page is mostly stored evidence (a few KB a flag): reading,
 * decoding and encoding it again for every request was most of the cost of GET /flags.
 */
export async function listFlagsEncoded(
  db: Kysely<Database>,
  filter: FlagFilter,
): Promise<Uint8Array<ArrayBuffer>> {
  // A flag's unit is read from staff records, which the queue's version does not follow: not cached.
  if (filter.unit) return utf8.encode(JSON.stringify(await listFlags(db, filter)));
  let cache = pageCaches.get(db);
  if (!cache) pageCaches.set(db, (cache = new FlagPageCache()));
  // Every field of the filter, so a filter added later cannot share another's page.
  const key = JSON.stringify(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  // Read before the page: the page is then at least as new as the version it is kept under.
  const { rows } = await sql<{ version: string }>`select version from flag_queue_version`.execute(db);
  const version = String(rows[0]?.version ?? '');
  const cached = cache.get(key, version);
  if (cached) return cached;
  const body = utf8.encode(JSON.stringify(await listFlags(db, filter)));
  cache.set(key, { version, body });
  return body;
}

/** One flag with its evidence and the history of its status. */
export async function getFlag(db: Kysely<Database>, id: string): Promise<FlagDetail> {
  if (!isUuid(id)) throw new NotFoundError(`flag ${id}`);
  const row = await db
    .selectFrom('flag')
    .selectAll()
    .select(latestScreeningId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`flag ${id}`);
  const history = await db
    .selectFrom('flagEvent')
    .selectAll()
    .where('flagId', '=', id)
    .orderBy('id')
    .execute();
  return {
    ...toView(row),
    history: history.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      screeningId: e.screeningId,
      actor: e.actor,
      reason: e.reason,
      at: new Date(e.at).toISOString(),
    })),
  };
}

export async function getScreening(db: Kysely<Database>, id: string): Promise<ScreeningView> {
  if (!isUuid(id)) throw new NotFoundError(`screening ${id}`);
  const row = await db.selectFrom('screening').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`screening ${id}`);
  return {
    id: row.id,
    asOf: row.asOf,
    policyVersion: row.policyVersion ?? 0,
    counts: row.counts,
    raised: row.raised,
    resolved: row.resolved,
    reopened: row.reopened,
    durationMs: row.durationMs,
  };
}

/** The flags one screening found, with the evidence as it found it and their current status. */
export async function listScreeningFlags(
  db: Kysely<Database>,
  screeningId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const { seq } = await db
    .selectFrom('screening')
    .select('seq')
    .where('id', '=', (await getScreening(db, screeningId)).id)
    .executeTakeFirstOrThrow();
  const after = decodeCursor(page.cursor, isKeyCursor);
  // The sighting of each flag whose run of screenings includes this one (a flag's runs never overlap).
  let q = db
    .selectFrom('flagSighting as s')
    .innerJoin('flag as f', 'f.id', 's.flagId')
    .selectAll('f')
    .select(['s.evidence as observedEvidence', latestScreeningId])
    .where('s.firstSeq', '<=', seq)
    .where((eb) => eb.or([eb('s.lastSeq', 'is', null), eb('s.lastSeq', '>=', seq)]))
    .orderBy('f.flagKey')
    .limit(page.limit + 1);
  if (after !== undefined) q = q.where('f.flagKey', '>', after);
  const rows = await q.execute();
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((r) => toView(r, r.observedEvidence)),
    nextCursor: rows.length > page.limit && items.length ? encodeCursor(items.at(-1)!.flagKey) : null,
  };
}

/**
 * A reviewer's decision on a flag: `confirmed`, or `dismissed` with a reason. Kept with who and when, and
 * in the flag's status history; later screenings keep it (a dismissed flag stays dismissed).
 */
export async function decideFlag(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: string,
  input: { decision: 'confirmed' | 'dismissed'; reason: string },
): Promise<FlagDetail> {
  if (!isUuid(id)) throw new NotFoundError(`flag ${id}`);
  await inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const flag = await tx.selectFrom('flag').selectAll().where('id', '=', id).executeTakeFirst();
    if (!flag) throw new NotFoundError(`flag ${id}`);
    if (flag.status === 'resolved') {
      throw new ConflictError(
        `the condition of this flag is no longer found (resolved by screening ${flag.resolvedIn}); there is nothing to decide`,
        { status: flag.status },
      );
    }
    if (flag.status === input.decision) {
      throw new ConflictError(`the flag is already ${input.decision}`, { status: flag.status });
    }
    const at = clock.now();
    await tx
      .updateTable('flag')
      .set({
        status: input.decision,
        decision: input.decision,
        decisionReason: input.reason,
        decidedBy: actor.sub,
        decidedAt: at,
        updatedAt: at,
      })
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('flagEvent')
      .values({
        flagId: id,
        fromStatus: flag.status,
        toStatus: input.decision,
        screeningId: null,
        actor: actor.sub,
        reason: input.reason,
        at,
      })
      .execute();
    await audit({
      action: 'flag.decision',
      objectKeys: { flagId: id, rule: flag.rule, flagKey: flag.flagKey },
      change: { from: flag.status, to: input.decision, reason: input.reason },
    });
  });
  return getFlag(db, id);
}
