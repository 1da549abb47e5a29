import { sql, type RawBuilder } from 'kysely';

/** Rows per multi-row statement: large enough to be fast, small enough for the 65,535-parameter limit. */
export const CHUNK_ROWS = 1000;

export function chunksOf<T>(items: readonly T[], size = CHUNK_ROWS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * `column = any($1::type[])`: the values as one array parameter. An IN list sends, parses and plans one
 * parameter per value, which made the key lookups of a large import a large part of its database time.
 */
export function isAnyOf(column: string, values: readonly unknown[], type: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${values}::${sql.raw(type)}[])`;
}
