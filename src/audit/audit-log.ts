import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { canonicalJson, digestOf, sha256 } from '../lib/canonical-json.ts';
import type { Actor } from './actor.ts';

export const GENESIS_HASH = '0'.repeat(64);

// One lock for every writer: the audit chain cannot fork, and row `seq` values follow commit order.
const WRITE_LOCK_KEY = 0x71_6e_67_6c; // "qngl"

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

/** Appends one record to the hash chain, inside the caller's transaction. */
export async function appendAudit(
  tx: Transaction<Database>,
  clock: Clock,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await takeWriteLock(tx);
  const last = await tx
    .selectFrom('auditLog')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields: ChainedFields = {
    at: clock.now(),
    actor: actor.sub,
    roles: [...actor.roles],
    action: entry.action,
    objectKeys: entry.objectKeys,
    requestId: actor.requestId,
    digest: entry.change === undefined ? null : digestOf(entry.change),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx
    .insertInto('auditLog')
    .values({ ...fields, objectKeys: JSON.stringify(fields.objectKeys), hash: auditHash(fields) })
    .execute();
}

export interface WriteContext {
  tx: Transaction<Database>;
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * Runs `fn` as one transaction holding the writer lock; `audit` appends to the chain in that transaction,
 * so a write and its audit record commit or fail together.
 */
export async function inWriteTransaction<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await takeWriteLock(tx);
    return fn({ tx, audit: (entry) => appendAudit(tx, clock, actor, entry) });
  });
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
