import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../src/audit/actor.ts';
import { fixedClock } from '../src/clock.ts';
import { zeroCounts } from '../src/personnel/import/import-result.ts';
import { ANALYZE_AFTER_ROWS, refreshPlannerStatistics } from '../src/personnel/import/planner-statistics.ts';
import type { NdjsonSource } from '../src/personnel/import/ndjson-lines.ts';
import { importNdjson } from '../src/personnel/import/stream-import.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

// A bulk import leaves planner statistics for the tables it grew: without them a freshly loaded table's
// `seq` ranges (how the world is loaded, page by page) are planned as whole-table scans.

const clock = fixedClock('2026-06-30T04:00:00Z');
const admin: Actor = { sub: 'admin', roles: ['admin'], requestId: null };

/** An NDJSON stream of ANALYZE_AFTER_ROWS new people, `<prefix>0` onwards. */
function people(prefix: string, name: string): NdjsonSource {
  const lines = [JSON.stringify({ format: 'coi-bundle/1' })];
  for (let i = 0; i < ANALYZE_AFTER_ROWS; i += 1) {
    lines.push(JSON.stringify({ kind: 'people', record: { ref: `${prefix}${i}`, name: `${name}${i}` } }));
  }
  const text = `${lines.join('\n')}\n`;
  return {
    name: 'people.ndjson',
    chunks: (async function* () {
      yield text;
    })(),
  };
}

describe('planner statistics after a bulk import', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const analysed = async (table: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = ${table}`.execute(
        t.db,
      )
    ).rows[0]!.n;

  it('are there for a table the import added ten thousand rows to, and not for the tables it left alone', async () => {
    expect(await analysed('person')).toBe(0);
    const result = await importNdjson(t.db, clock, admin, [people('B', '批量')]);
    expect(result.created.people).toBe(ANALYZE_AFTER_ROWS);
    expect(await analysed('person')).toBeGreaterThan(0);
    expect(await analysed('kinship')).toBe(0);
  });

  it('are left to autovacuum for an import one row short of that', async () => {
    const result = { created: zeroCounts(), updated: zeroCounts(), unchanged: zeroCounts() };
    result.created.kinship = ANALYZE_AFTER_ROWS - 1;
    result.created.enforcementActions = ANALYZE_AFTER_ROWS;
    const tables = await t.db.transaction().execute((tx) => refreshPlannerStatistics(tx, result));
    expect(tables).toEqual(['enforcement_action', 'action_officer']);
  });
});

const template = inject('dbTemplate');

describe.runIf(template.kind === 'postgres')('planner statistics while a VACUUM holds the table', () => {
  let t: TestContext;
  let vacuum: pg.Client;
  beforeAll(async () => {
    t = await createTestContext();
    vacuum = new pg.Client({ connectionString: t.databaseUrl! });
    await vacuum.connect();
  });
  afterAll(async () => {
    await vacuum.end();
    await t.close();
  });

  it('are left to autovacuum after a short wait, and the import goes through', async () => {
    // The lock a VACUUM (or ANALYZE) of the table holds; inserting rows does not need it.
    await vacuum.query('begin');
    await vacuum.query('lock table person in share update exclusive mode');
    try {
      const result = await importNdjson(t.db, clock, admin, [people('V', '真空')]);
      expect(result.created.people).toBe(ANALYZE_AFTER_ROWS);
    } finally {
      await vacuum.query('rollback');
    }
    const stored = await t.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(ANALYZE_AFTER_ROWS);
    const stats = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_stats where tablename = 'person'`.execute(t.db);
    expect(stats.rows[0]!.n).toBe(0);
  }, 30_000);
});
