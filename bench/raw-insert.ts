import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';

// The baseline the import is measured against: the same rows (read back from the imported tables) inserted
// again in batches of 1,000 with one array parameter per column, into copies of the tables that keep their
// indexes and checks but have no triggers, no foreign keys, no lookups and no validation.

const TABLES = [
  'person',
  'organization',
  'post',
  'staff',
  'kinship',
  'affiliation',
  'ownership',
  'assignment',
  'qualification',
  'suspension',
  'enforcement_action',
  'action_officer',
  'engagement',
  'designation',
  'campaign',
  'declaration',
];
const SCHEMA = 'raw_bench';
const BATCH = 1000;
const PAGE = 20_000;

interface Column {
  name: string;
  type: string;
}

// The handle's CamelCasePlugin renames result columns: created_at comes back as createdAt.
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

async function columnsOf(db: Kysely<Database>, table: string): Promise<Column[]> {
  const rows = await sql<{ name: string; type: string }>`
    select column_name as name, udt_name as type from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
  return rows.rows;
}

const param = (type: string, v: unknown) =>
  v === null || v === undefined ? null : type === 'jsonb' || type === 'json' ? JSON.stringify(v) : v;

/** Inserts every imported row again into bare copies of the tables; returns rows and seconds spent inserting. */
export async function rawBatchedInsert(db: Kysely<Database>): Promise<{ rows: number; seconds: number }> {
  await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db);
  await sql`create schema ${sql.id(SCHEMA)}`.execute(db);
  let rows = 0;
  let insertMs = 0;
  for (const table of TABLES) {
    await sql`create table ${sql.id(SCHEMA, table)} (like ${sql.id('public', table)} including defaults including constraints including indexes)`.execute(
      db,
    );
    const columns = await columnsOf(db, table);
    const names = sql.join(columns.map((c) => sql.id(c.name)));
    const hasId = columns.some((c) => c.name === 'id');
    let after: unknown = null;
    let offset = 0;
    for (;;) {
      // Keyset pages by id where there is one (action_officer has none: offset pages of a small table).
      const page = hasId
        ? await sql<Record<string, unknown>>`select ${names} from ${sql.id('public', table)}
            where ${after === null ? sql`true` : sql`id > ${after}`} order by id limit ${PAGE}`.execute(db)
        : await sql<Record<string, unknown>>`select ${names} from ${sql.id('public', table)}
            order by 1, 2 limit ${PAGE} offset ${offset}`.execute(db);
      if (page.rows.length === 0) break;
      const started = performance.now();
      for (let i = 0; i < page.rows.length; i += BATCH) {
        const batch = page.rows.slice(i, i + BATCH);
        const arrays = columns.map(
          (c) => sql`${batch.map((r) => param(c.type, r[camel(c.name)]))}::${sql.raw(c.type)}[]`,
        );
        await sql`insert into ${sql.id(SCHEMA, table)} (${names}) select * from unnest(${sql.join(arrays)})`.execute(
          db,
        );
      }
      insertMs += performance.now() - started;
      rows += page.rows.length;
      after = page.rows.at(-1)!.id;
      offset += page.rows.length;
    }
  }
  await sql`drop schema ${sql.id(SCHEMA)} cascade`.execute(db);
  return { rows, seconds: insertMs / 1000 };
}
