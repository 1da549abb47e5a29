import { decodeCursor, encodeCursor } from '../http/schemas.ts';

/** What a client asks of a list: at most `limit` items, after the one `cursor` names (from the previous page). */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** Keyset pages: fetch `limit + 1` rows ordered by a unique key; the extra row says whether more follow. */
export function pageOf<R, K>(rows: R[], limit: number, keyOf: (row: R) => K) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The last natural key (ref, staff number, credit code) of the previous page. */
export const textCursor = (cursor: string | undefined) => decodeCursor(cursor, isText);

/** The last record id of the previous page. */
export const idCursor = (cursor: string | undefined) => decodeCursor(cursor, isId);

/** An ILIKE pattern matching `text` anywhere, with its wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
