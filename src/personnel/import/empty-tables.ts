import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { snakeCase } from '../../db/snake-case.ts';
import { TABLE_SPECS } from './table-specs.ts';
import type { VersionedTable } from './upsert-rows.ts';

const TABLES = [...new Set(Object.values(TABLE_SPECS).map((spec) => spec.table))];

/**
 * The tables an import writes that hold no row, read once in one statement. Read under the writer lock, the
 * answer holds for the rest of the transaction: every row such a table gets is one this import wrote.
 */
export async function emptyTables(tx: Transaction<Database>): Promise<Set<VersionedTable>> {
  const { rows } = await sql<Record<string, boolean>>`select ${sql.join(
    TABLES.map(
      (table, i) => sql`not exists (select from ${sql.table(snakeCase(table))}) as ${sql.id(`e${i}`)}`,
    ),
  )}`.execute(tx);
  const row = rows[0]!;
  return new Set(TABLES.filter((_, i) => row[`e${i}`] === true));
}
