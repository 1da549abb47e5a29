/** Rows per multi-row statement: large enough to be fast, small enough for the 65,535-parameter limit. */
export const CHUNK_ROWS = 1000;

export function chunksOf<T>(items: readonly T[], size = CHUNK_ROWS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
