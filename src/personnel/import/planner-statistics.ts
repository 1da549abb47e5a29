import { sql, type Transaction } from 'kysely';
import { BUNDLE_KINDS } from '../../bundle/schema.ts';
import type { Database } from '../../db/schema.ts';
import { snakeCase } from '../../db/snake-case.ts';
import type { ImportResult } from './import-result.ts';
import { TABLE_SPECS } from './table-specs.ts';

/** A table the import added at least this many rows to gets fresh planner statistics. */
export const ANALYZE_AFTER_ROWS = 10_000;

/** How long ANALYZE may wait for its table lock (a VACUUM holds it) before it is left to autovacuum. */
export const ANALYZE_LOCK_TIMEOUT_MS = 2_000;

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Refreshes the planner statistics of the tables a bulk import grew, inside its transaction (ANALYZE
 * counts the transaction's own rows), so the first queries after it are planned for the tables as they
 * are. Autovacuum would get there later; until then a freshly loaded table has no statistics and a range
 * over its `seq` index is planned as a scan and sort of the whole table, once per page of a world load
 * (200,000 staff: a cold load spent ~10 s waiting on such plans; ANALYZE of every table took 1.2 s).
 * ANALYZE waits for a running VACUUM of the table; the import holds the writer lock meanwhile, so it waits
 * at most ANALYZE_LOCK_TIMEOUT_MS and then leaves that table to autovacuum (in a savepoint: the import
 * itself goes on). Returns the tables analysed.
 */
export async function refreshPlannerStatistics(
  tx: Transaction<Database>,
  result: ImportResult,
): Promise<string[]> {
  const tables = BUNDLE_KINDS.filter((kind) => result.created[kind] >= ANALYZE_AFTER_ROWS).map((kind) =>
    snakeCase(TABLE_SPECS[kind].table),
  );
  if (tables.includes('enforcement_action')) tables.push('action_officer');
  if (tables.length === 0) return [];
  const analysed: string[] = [];
  for (const table of tables) {
    await sql`savepoint planner_statistics`.execute(tx);
    try {
      await sql.raw(`set local lock_timeout = ${ANALYZE_LOCK_TIMEOUT_MS}`).execute(tx);
      await sql`analyze ${sql.table(table)}`.execute(tx);
      await sql`release savepoint planner_statistics`.execute(tx);
      analysed.push(table);
    } catch (error) {
      if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
      await sql`rollback to savepoint planner_statistics`.execute(tx);
    }
  }
  // Rolled back with its savepoint, or still set after a release: the import's own setting again.
  await sql`set local lock_timeout to default`.execute(tx);
  return analysed;
}
