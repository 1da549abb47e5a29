import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { idCursor, pageOf, type PageRequest } from './pagination.ts';

type VersionedTable = 'person' | 'staff' | 'kinship' | 'organization' | 'affiliation' | 'ownership';

const camel = (key: string) => key.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());

/**
 * A page of one row's versions, oldest first: the replaced versions kept in `revision` (snake_case JSON, as
 * the trigger stored them) in camelCase, then the current row. Keyed by version number.
 */
export async function versionsOf<Row extends { version: number }>(
  db: Kysely<Database>,
  table: VersionedTable,
  current: Row,
  rowId: number,
  page: PageRequest,
): Promise<{ items: Row[]; nextCursor: string | null }> {
  const after = idCursor(page.cursor) ?? 0;
  const revisions = await db
    .selectFrom('revision')
    .select(['version', 'data'])
    .where('tableName', '=', table)
    .where('rowId', '=', rowId)
    .where('version', '>', after)
    // Only versions before the one read as current: one saved meanwhile is on the next read, not twice here.
    .where('version', '<', current.version)
    .orderBy('version')
    .limit(page.limit + 1)
    .execute();
  const rows = revisions.map(
    (r) =>
      Object.fromEntries(
        Object.entries(r.data as Record<string, unknown>).map(([k, v]) => [camel(k), v]),
      ) as Row,
  );
  if (current.version > after) rows.push(current);
  return pageOf(rows, page.limit, (r) => r.version);
}

/** A timestamp as ISO text, whether it came from a column (Date) or from revision JSON (text). */
export function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** A `numeric` share: text from a column, a number from revision JSON. */
export function shareOf(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
