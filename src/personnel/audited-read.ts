import type { Kysely } from 'kysely';
import { inAuditedRead, type AuditEntry } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';

/**
 * A read that must leave a trace (a revealed ID number, a person's relatives): the read and its audit record
 * run in one transaction, so nothing is disclosed without its record. Without an entry it is a plain read.
 */
export async function readAudited<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  read: (q: Kysely<Database>) => Promise<T>,
  entryFor: ((result: T) => AuditEntry) | null,
): Promise<T> {
  if (!entryFor) return read(db);
  // Waits for no writer: an audited read writes only its audit record (the chain lock orders those).
  return inAuditedRead(db, clock, actor, async ({ tx, audit }) => {
    const result = await read(tx);
    await audit(entryFor(result));
    return result;
  });
}
