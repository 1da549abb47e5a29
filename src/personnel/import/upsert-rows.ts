import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { snakeCase } from '../../db/snake-case.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { chunksOf, isAnyOf } from './chunks.ts';

// A generic idempotent upsert by natural key, in bulk: load the stored rows by key, compare, insert the new
// ones with multi-row INSERTs and update only the changed ones with one UPDATE … FROM (VALUES …) per chunk.
// The keep_revision trigger versions every updated row.

export type SqlType = 'text' | 'date' | 'numeric' | 'boolean' | 'integer' | 'bigint' | 'jsonb';

export type VersionedTable =
  | 'person'
  | 'staff'
  | 'kinship'
  | 'organization'
  | 'affiliation'
  | 'ownership'
  | 'post'
  | 'assignment'
  | 'qualification'
  | 'suspension'
  | 'enforcementAction'
  | 'engagement'
  | 'designation'
  | 'campaign'
  | 'declaration';

export interface TableSpec {
  table: VersionedTable;
  /** Every column the import writes (camelCase) with its SQL type. */
  columns: Readonly<Record<string, SqlType>>;
  /** The natural key columns; the first is never null and is indexed. */
  key: readonly string[];
}

export type Row = Record<string, unknown>;

export interface StoredRow {
  id: number;
  version: number;
  values: Row;
}

export interface UpsertPlan {
  spec: TableSpec;
  rows: Row[];
  /** The stored row matching each input row by natural key, where there is one. */
  existing: Array<StoredRow | undefined>;
  /** Whether each matched stored row differs from its input row and will be updated. */
  changed: boolean[];
}

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

// The spec's tables and columns vary at run time; the column list is fixed per spec and checked by tests.
const loose = (tx: Transaction<Database>) => tx as unknown as Kysely<any>;

/**
 * A number as a numeric(7, 4) column keeps it (every numeric the import writes is a share): rounded half away
 * from zero on its decimal text, as PostgreSQL rounds the text it is sent, so a re-import compares equal.
 */
function asStoredNumeric(value: unknown): number {
  const text = String(value);
  const match = /^(-?)(\d+)\.(\d{5,})$/.exec(text);
  if (!match) return Number(text);
  const [, sign, whole, fraction] = match as unknown as [string, string, string, string];
  const scaled = Number(`${whole}${fraction.slice(0, 4)}`) + (fraction[4]! >= '5' ? 1 : 0);
  return (sign === '-' ? -scaled : scaled) / 10_000;
}

/** One comparable form for what the bundle says and what the database returns (numerics come back as text). */
function comparable(type: SqlType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'numeric':
      return asStoredNumeric(value);
    case 'integer':
    case 'bigint':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'jsonb':
      return canonicalJson(typeof value === 'string' ? JSON.parse(value) : value);
    default:
      return String(value);
  }
}

function keyText(spec: TableSpec, row: Row): string {
  return JSON.stringify(spec.key.map((c) => comparable(spec.columns[c]!, row[c])));
}

function param(type: SqlType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return type === 'jsonb' ? JSON.stringify(value) : value;
}

function differs(spec: TableSpec, stored: Row, wanted: Row): boolean {
  return Object.entries(spec.columns).some(
    ([c, type]) => comparable(type, stored[c]) !== comparable(type, wanted[c]),
  );
}

/**
 * Matches `rows` with the stored rows by natural key and decides which are new, changed or unchanged.
 * `noneStored`: the caller knows no stored row has any of the rows' keys (the rows are all new), so the
 * lookup is skipped.
 */
export async function planUpsert(
  tx: Transaction<Database>,
  spec: TableSpec,
  rows: Row[],
  noneStored = false,
): Promise<UpsertPlan> {
  const columns = Object.keys(spec.columns);
  const first = spec.key[0]!;
  const stored = new Map<string, StoredRow>();
  const firstValues = noneStored ? [] : [...new Set(rows.map((r) => r[first]))];
  if (firstValues.length > 0) {
    const found = await loose(tx)
      .selectFrom(spec.table)
      .select(['id', 'version', ...columns])
      .where(isAnyOf(first, firstValues, spec.columns[first]!))
      .execute();
    for (const { id, version, ...values } of found as Array<Row & { id: number; version: number }>) {
      stored.set(keyText(spec, values), { id: Number(id), version, values });
    }
  }
  const existing = noneStored ? rows.map(() => undefined) : rows.map((r) => stored.get(keyText(spec, r)));
  const changed = rows.map((r, i) => existing[i] !== undefined && differs(spec, existing[i].values, r));
  return { spec, rows, existing, changed };
}

// One array parameter per column, whatever the number of rows: cheap to build, plan and send.
function insertStatement(spec: TableSpec, rows: Row[], returning: boolean): RawBuilder<Row> {
  const columns = Object.entries(spec.columns);
  const arrays = columns.map(
    ([c, type]) => sql`${rows.map((row) => param(type, row[c]))}::${sql.raw(type)}[]`,
  );
  const ids = returning ? sql`returning id, ${sql.join(spec.key.map((c) => sql.id(snakeCase(c))))}` : sql``;
  return sql<Row>`
    insert into ${sql.table(snakeCase(spec.table))} (${sql.join(columns.map(([c]) => sql.id(snakeCase(c))))})
    select * from unnest(${sql.join(arrays)})
    ${ids}`;
}

function updateStatement(spec: TableSpec, chunk: Array<{ id: number; row: Row }>): RawBuilder<unknown> {
  const columns = Object.entries(spec.columns);
  const tuples = chunk.map(
    ({ id, row }) =>
      sql`(${sql.join([
        sql`${id}::bigint`,
        ...columns.map(([c, type]) => sql`${param(type, row[c])}::${sql.raw(type)}`),
      ])})`,
  );
  const names = columns.map(([c]) => sql.id(snakeCase(c)));
  const assignments = columns.map(([c]) => sql`${sql.id(snakeCase(c))} = v.${sql.id(snakeCase(c))}`);
  return sql`
    update ${sql.table(snakeCase(spec.table))} as t set ${sql.join(assignments)}
    from (values ${sql.join(tuples)}) as v (id, ${sql.join(names)})
    where t.id = v.id`;
}

/**
 * Writes the plan: inserts the new rows, updates the changed ones. Returns the id of every input row, or with
 * `ids: false` (nothing refers to the rows) of the stored ones only, 0 for the new ones.
 */
export async function applyUpsert(
  tx: Transaction<Database>,
  plan: UpsertPlan,
  options: { ids?: boolean } = {},
): Promise<{ ids: number[]; counts: KindCounts }> {
  const wantIds = options.ids ?? true;
  const { spec, rows, existing, changed } = plan;
  const ids = existing.map((e) => e?.id ?? 0);
  const fresh = rows.flatMap((row, i) => (existing[i] === undefined ? [{ row, i }] : []));
  const columns = Object.entries(spec.columns);

  // Updates first: a bundle that closes a stored interval and opens the next must not overlap them.
  const updates = rows.flatMap((row, i) => (changed[i] ? [{ id: ids[i]!, row }] : []));
  for (const chunk of chunksOf(updates)) await updateStatement(spec, chunk).execute(tx);

  for (const chunk of chunksOf(fresh)) {
    const inserted = await insertStatement(
      spec,
      chunk.map(({ row }) => row),
      wantIds,
    ).execute(tx);
    if (!wantIds) continue;
    const idByKey = new Map(inserted.rows.map((r) => [keyText(spec, r), Number(r.id)]));
    for (const { row, i } of chunk) ids[i] = idByKey.get(keyText(spec, row))!;
  }

  return {
    ids,
    counts: {
      created: fresh.length,
      updated: updates.length,
      unchanged: rows.length - fresh.length - updates.length,
    },
  };
}
