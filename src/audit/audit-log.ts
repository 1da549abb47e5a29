import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import { preparedAs } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';
import { canonicalJson, digestOf, sha256 } from '../lib/canonical-json.ts';
import type { Actor } from './actor.ts';

export const GENESIS_HASH = '0'.repeat(64);

// Two transaction-scoped advisory locks, always taken in this order (so two transactions never wait on
// each other crosswise):
//  1. the writer lock, held by every transaction that writes versioned rows, for its whole length: row
//     `seq` values then follow commit order, which the graph's incremental refresh relies on;
//  2. the chain lock, held from reading the chain's last hash to commit: the chain cannot fork and record
//     ids follow the chain. Writers take it last, just before they commit; a read that must leave a trace
//     writes no versioned rows and takes the chain lock alone, so it never queues behind a writer's work.
const WRITE_LOCK_KEY = 0x71_6e_67_6c; // "qngl"
const CHAIN_LOCK_KEY = 0x71_6e_67_63; // "qngc"

export interface AuditEntry {
  action: string;
  objectKeys: Record<string, unknown>;
  /** What changed (or what was revealed); only its digest is stored. */
  change?: unknown;
}

interface ChainedFields {
  at: Date;
  actor: string;
  roles: string[];
  action: string;
  objectKeys: unknown;
  requestId: string | null;
  digest: string | null;
  prevHash: string;
}

/** The hash of an audit row: over every field and the previous row's hash. */
export function auditHash(row: ChainedFields): string {
  return sha256(
    canonicalJson({
      at: row.at.toISOString(),
      actor: row.actor,
      roles: row.roles,
      action: row.action,
      objectKeys: row.objectKeys,
      requestId: row.requestId,
      digest: row.digest,
      prevHash: row.prevHash,
    }),
  );
}

/** Takes the global writer lock for the rest of the transaction (idempotent). */
export async function takeWriteLock(tx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(tx);
}

/** Takes the audit-chain lock for the rest of the transaction (idempotent; after the writer lock, if any). */
export async function takeChainLock(tx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(tx);
}

/** A record as of the moment it was asked for, waiting for its place in the chain. */
interface PendingRecord {
  at: Date;
  actor: Actor;
  action: string;
  objectKeys: unknown;
  digest: string | null;
}

/** The change counters a disclosure's answer was computed at (see `DisclosureGuard`). */
export interface WorldVersion {
  /** The highest `seq` of any world record the answer saw. */
  seq: number;
  /** The policy version the answer saw (0: the defaults). */
  policyVersion: number;
}

/**
 * Makes a disclosure conditional on its answer being current: the record is chained only if nothing newer
 * than `seen` was committed before the disclosure transaction's checks (which run after the caller's request
 * began). The cheap check is `world_seq`, the sequence every world row's `seq` is drawn from: when it has
 * issued nothing past `seen.seq`, no newer world row can exist. When it has (a write in flight, a rolled-back
 * one, a draft, which draws from it too), `stamp` reads the exact counters in the same transaction.
 */
export interface DisclosureGuard {
  seen: WorldVersion;
  stamp: (db: Kysely<Database>) => Promise<WorldVersion>;
}

/** The answer a guarded disclosure was about was not current: nothing was recorded; answer afresh. */
export class StaleDisclosureError extends Error {
  constructor() {
    super('the world changed before the disclosure was recorded');
  }
}

function pendingRecord(clock: Clock, actor: Actor, entry: AuditEntry): PendingRecord {
  return {
    at: clock.now(),
    actor,
    action: entry.action,
    objectKeys: entry.objectKeys,
    // Digested now: the caller may go on to change the object it described.
    digest: entry.change === undefined ? null : digestOf(entry.change),
  };
}

/** The stored row of each record, chained after `prevHash`. */
function chainRows(records: PendingRecord[], prevHash: string) {
  return records.map((r) => {
    const fields: ChainedFields = {
      at: r.at,
      actor: r.actor.sub,
      roles: [...r.actor.roles],
      action: r.action,
      objectKeys: r.objectKeys,
      requestId: r.actor.requestId,
      digest: r.digest,
      prevHash,
    };
    prevHash = auditHash(fields);
    return {
      at: fields.at,
      actor: fields.actor,
      roles: fields.roles,
      action: fields.action,
      objectKeys: JSON.stringify(fields.objectKeys),
      requestId: fields.requestId,
      digest: fields.digest,
      prevHash: fields.prevHash,
      hash: prevHash,
    };
  });
}

/** The hash of the last record stored, read by a statement of its own (after the chain lock is granted). */
async function chainTail(tx: Kysely<Database>): Promise<string> {
  const last = await tx
    .selectFrom('auditLog')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

/** Chains `records`, in order, after the last one stored; the caller's transaction keeps the chain lock. */
async function appendRecords(tx: Transaction<Database>, records: PendingRecord[]): Promise<void> {
  if (records.length === 0) return;
  await takeChainLock(tx);
  // A new statement after the lock is granted: it sees the record the previous holder committed.
  const rows = chainRows(records, await chainTail(tx));
  // One statement: identity values are drawn row by row in this order, so ids follow the chain.
  await tx.insertInto('auditLog').values(rows).execute();
}

/**
 * Appends one record to the hash chain inside the caller's transaction, which then holds the chain lock
 * until it ends. A transaction that also writes versioned rows must hold the writer lock first.
 */
export async function appendAudit(
  tx: Transaction<Database>,
  clock: Clock,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await appendRecords(tx, [pendingRecord(clock, actor, entry)]);
}

export interface WriteContext {
  tx: Transaction<Database>;
  /** Records `entry` (as of now); it joins the chain when `fn` is done, in the same transaction. */
  audit(entry: AuditEntry): Promise<void>;
}

/** Runs `fn` in one transaction and chains what it audited at its end, just before the commit. */
async function auditedTransaction<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  writes: boolean,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    if (writes) await takeWriteLock(tx);
    const records: PendingRecord[] = [];
    const result = await fn({
      tx,
      audit: async (entry) => {
        records.push(pendingRecord(clock, actor, entry));
      },
    });
    // Last, so the chain lock is held only for the append and the commit, not for the write's work.
    await appendRecords(tx, records);
    return result;
  });
}

/**
 * Runs `fn` as one transaction holding the writer lock; what it `audit`s is chained in that transaction,
 * so a write and its audit records commit or fail together.
 */
export async function inWriteTransaction<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return auditedTransaction(db, clock, actor, true, fn);
}

/**
 * A read that must leave a trace, as one transaction WITHOUT the writer lock: the read and its audit records
 * commit together (nothing is disclosed without its record), and it waits for no writer. `fn` must write
 * no versioned rows.
 */
export async function inAuditedRead<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return auditedTransaction(db, clock, actor, false, fn);
}

const MAX_GROUP = 200;
/** How long the chainer keeps a connection (and the chain lock) while records keep coming. */
const HOLD_MS = 20;

interface QueuedDisclosure {
  record: PendingRecord;
  guard: DisclosureGuard | undefined;
  settle: (error?: unknown) => void;
}

/** `world_seq` has issued nothing past `seen` and the policy is no newer: no newer world can be committed. */
const NOTHING_ISSUED_PAST = (seen: WorldVersion, issued: number, policyVersion: number) =>
  seen.seq >= issued && seen.policyVersion >= policyVersion;

// What `world_seq` has issued (0: nothing yet) and the policy version, as of the statement reading them.
const ISSUED = sql`(select case when is_called then last_value else 0 end from world_seq)`;
const POLICY_VERSION = sql`(select coalesce(max(version), 0) from policy)`;

/**
 * Chains disclosure records for one database, many per statement: concurrent reads share one insert (one
 * chain-lock wait, one commit) instead of queueing one commit each behind the lock. Each caller's promise
 * settles once its record is committed, or fails with its group (or alone, with `StaleDisclosureError`,
 * when its guard does not hold).
 *
 * While records keep coming, one connection holds the chain lock as a session lock, and each group is one
 * insert committed on its own (durable when it returns). Between groups the lock is released and asked for
 * again in one statement, so a writer or another process waiting for it is granted it first. The insert is
 * conditional on the chain's tail being the record this chainer inserted last and on every guard holding
 * (checked in the insert's own snapshot, taken after the callers' requests began); when it inserts nothing,
 * the tail and the counters are read and the group is sorted out the slow way, still under the lock.
 */
class DisclosureChainer {
  #queue: QueuedDisclosure[] = [];
  #draining = false;
  /** The last record this chainer inserted: the chain's tail unless someone else appended since. */
  #tail: string | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  append(record: PendingRecord, guard: DisclosureGuard | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({
        record,
        guard,
        settle: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain() {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        // Taken before a connection is asked for: if none can be had, these callers get the error.
        let group = this.#queue.splice(0, MAX_GROUP);
        try {
          await this.db.connection().execute(async (conn) => {
            let locked = false;
            const since = performance.now();
            try {
              for (;;) {
                // Released to whoever waits for it, then taken again (a waiter is granted it first).
                await sql`select ${locked ? sql`pg_advisory_unlock(${CHAIN_LOCK_KEY}),` : sql``}
                                 pg_advisory_lock(${CHAIN_LOCK_KEY})`.execute(conn);
                locked = true;
                const chained = await this.#insert(conn, group);
                const done = group;
                group = [];
                for (const g of done) g.settle(chained.has(g) ? undefined : new StaleDisclosureError());
                // The connection goes back after a while even if records keep coming: on PGlite it is
                // the only one, and every other query waits for it.
                if (this.#queue.length === 0 || performance.now() - since >= HOLD_MS) break;
                group = this.#queue.splice(0, MAX_GROUP);
              }
            } finally {
              if (locked) await sql`select pg_advisory_unlock(${CHAIN_LOCK_KEY})`.execute(conn);
            }
          });
        } catch (error) {
          this.#tail = null;
          for (const g of group) g.settle(error ?? new Error('audit append failed'));
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Inserts the records of `group` whose guard holds (one autocommitted statement); the chain lock is held. */
  async #insert(conn: Kysely<Database>, group: QueuedDisclosure[]): Promise<Set<QueuedDisclosure>> {
    if (this.#tail !== null) {
      const rows = chainRows(
        group.map((g) => g.record),
        this.#tail,
      );
      const guards = group.flatMap((g) => (g.guard ? [g.guard.seen] : []));
      const seq = guards.length > 0 ? Math.min(...guards.map((v) => v.seq)) : null;
      const policy = guards.length > 0 ? Math.min(...guards.map((v) => v.policyVersion)) : null;
      // One text whatever the group's size, so the server parses and plans it once per connection: the
      // rows come as one JSON array, inserted in chain order (`order by ord`) so that ids follow the chain.
      const json = JSON.stringify(
        rows.map((r, ord) => ({
          ord,
          at: r.at,
          actor: r.actor,
          roles: r.roles,
          action: r.action,
          object_keys: group[ord]!.record.objectKeys,
          request_id: r.requestId,
          digest: r.digest,
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
      );
      const inserted = await sql`${preparedAs('audit_disclosures')}
        insert into audit_log (at, actor, roles, action, object_keys, request_id, digest, prev_hash, hash)
        select at, actor, roles, action, object_keys, request_id, digest, prev_hash, hash
          from jsonb_to_recordset(${json}::jsonb)
            as v (ord int, at timestamptz, actor text, roles text[], action text, object_keys jsonb,
                  request_id text, digest text, prev_hash text, hash text)
         where (select hash from audit_log order by id desc limit 1) = ${this.#tail}::text
           and (${seq}::bigint is null or ${ISSUED} <= ${seq}::bigint)
           and (${policy}::int is null or ${POLICY_VERSION} <= ${policy}::int)
         order by ord`.execute(conn);
      if (Number(inserted.numAffectedRows ?? 0) === rows.length) {
        this.#tail = rows[rows.length - 1]!.hash;
        return new Set(group);
      }
    }
    // Someone else appended, or a guard may not hold: read where things stand.
    const { rows: now } = await sql<{ tail: string | null; issued: number | string; policyVersion: number }>`
      select (select hash from audit_log order by id desc limit 1) as tail,
             ${ISSUED} as issued, ${POLICY_VERSION} as policy_version`.execute(conn);
    const issued = Number(now[0]!.issued);
    const policyVersion = Number(now[0]!.policyVersion);
    let exact: WorldVersion | null = null;
    const current: QueuedDisclosure[] = [];
    for (const g of group) {
      if (g.guard && !NOTHING_ISSUED_PAST(g.guard.seen, issued, policyVersion)) {
        exact ??= await g.guard.stamp(conn);
        if (!NOTHING_ISSUED_PAST(g.guard.seen, exact.seq, exact.policyVersion)) continue;
      }
      current.push(g);
    }
    if (current.length > 0) {
      const rows = chainRows(
        current.map((g) => g.record),
        now[0]!.tail ?? GENESIS_HASH,
      );
      // One statement: identity values are drawn row by row in this order, so ids follow the chain.
      await conn.insertInto('auditLog').values(rows).execute();
      this.#tail = rows[rows.length - 1]!.hash;
    }
    return new Set(current);
  }
}

const chainers = new WeakMap<Kysely<Database>, DisclosureChainer>();

/**
 * Records a disclosure made from memory (a traced path, a neighbourhood): resolves once the record is
 * committed, so the caller answers only after its trace is durable. Takes the chain lock, never the
 * writer lock; concurrent disclosures are committed together. With a `guard`, the record is committed only
 * if the answer is still current (else `StaleDisclosureError`, and nothing is recorded).
 */
export async function recordDisclosure(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  entry: AuditEntry,
  guard?: DisclosureGuard,
): Promise<void> {
  let chainer = chainers.get(db);
  if (!chainer) chainers.set(db, (chainer = new DisclosureChainer(db)));
  await chainer.append(pendingRecord(clock, actor, entry), guard);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Recomputes the chain from the first record and names the first one that does not hold. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBroken: null };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: { id: row.id, reason: 'does not follow the record before it' },
        };
      }
      if (auditHash({ ...row, roles: row.roles }) !== row.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { id: row.id, reason: 'its content does not match its hash' },
        };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
  }
}
