import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';

export const AuditRecordSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    roles: z.array(z.string()),
    action: z.string(),
    objectKeys: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    digest: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditRecord');

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export async function listAudit(
  db: Kysely<Database>,
  query: {
    limit: number;
    cursor?: string | undefined;
    actor?: string | undefined;
    action?: string | undefined;
  },
) {
  const after = decodeCursor(query.cursor, isId);
  let q = db
    .selectFrom('auditLog')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('id', '<', after);
  if (query.actor) q = q.where('actor', '=', query.actor);
  if (query.action) q = q.where('action', '=', query.action);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map((r) => ({
    ...r,
    at: r.at.toISOString(),
    objectKeys: r.objectKeys as Record<string, unknown>,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}
