import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from './support/test-app.ts';

// What a client sees when PostgreSQL drops the app's connections: a 503 for the request that was using one, and
// service as usual from the next request on, in the same process (an unhandled 'error' event from a pg client would
// crash it; vitest fails the run on one). Only the server run has backends to kill.

const template = inject('dbTemplate');
const WRITE_LOCK_KEY = 0x71_6e_67_6c; // the writers' advisory lock (src/audit/audit-log.ts)

describe.runIf(template.kind === 'postgres')('a dropped database connection', () => {
  let t: TestContext;
  let dba: pg.Client;
  let dbName: string;

  beforeAll(async () => {
    t = await createTestContext();
    expect(t.kind).toBe('postgres');
    dbName = new URL(t.databaseUrl!).pathname.slice(1);
    dba = new pg.Client({ connectionString: t.databaseUrl! });
    await dba.connect();
    // A read that takes its time, so its backend can be killed while it runs (registered before any request).
    t.app.get('/api/v1/test-only/slow', async (c) => {
      await sql`select pg_sleep(5)`.execute(t.db);
      return c.json({ done: true });
    });
  });
  afterAll(async () => {
    await dba.end();
    await t.close();
  });

  /** Terminates every backend of the app's database except the DBA's own session; returns how many. */
  const killAppBackends = async () =>
    (
      await dba.query<{ killed: boolean }>(
        `select pg_terminate_backend(pid) as killed from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [dbName],
      )
    ).rows.length;

  const waitForLockWaiter = async () => {
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await dba.query(
        `select 1 from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
        [dbName],
      );
      if (rows.length) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the request never reached the writer lock');
  };

  it('answers 503 to the request whose backend was killed mid-request, writes nothing, and serves the next', async () => {
    // Hold the writers' lock so the request is inside its transaction, waiting, when its backend goes.
    await dba.query('select pg_advisory_lock($1)', [WRITE_LOCK_KEY]);
    const inFlight = t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'KILLED', name: '断线' } });
    try {
      await waitForLockWaiter();
      expect(await killAppBackends()).toBeGreaterThan(0);
    } finally {
      await dba.query('select pg_advisory_unlock($1)', [WRITE_LOCK_KEY]);
    }
    const res = await inFlight;
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(res.body.requestId).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/terminat|57P01/i);

    const next = await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'AFTER', name: '恢复' } });
    expect(next.status).toBe(201);
    expect((await t.call('GET', '/api/v1/people/KILLED', { as: 'hr' })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/audit/verify', { as: 'admin' })).body).toMatchObject({ ok: true });
    expect((await t.call('GET', '/ready')).status).toBe(200);
  });

  it('serves requests again after every idle connection was killed between requests', async () => {
    // Warm the pool with several connections, then drop them all while they sit idle.
    await Promise.all(Array.from({ length: 5 }, () => t.call('GET', '/api/v1/people', { as: 'hr' })));
    expect(await killAppBackends()).toBeGreaterThan(0);
    const first = await t.call('GET', '/api/v1/people/AFTER', { as: 'hr' });
    expect([200, 503]).toContain(first.status);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call('GET', '/api/v1/people/AFTER', { as: 'hr' })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('answers 503 to a long read whose backend is killed while it runs, and serves the next', async () => {
    const slow = t.call('GET', '/api/v1/test-only/slow', { as: 'hr' });
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await dba.query(
        `select 1 from pg_stat_activity where datname = $1 and wait_event = 'PgSleep'`,
        [dbName],
      );
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    // Only the backend running the read: the pool's idle connections live on, so the next request must succeed.
    const killed = await dba.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and wait_event = 'PgSleep'`,
      [dbName],
    );
    expect(killed.rows.length).toBe(1);
    const res = await slow;
    expect(res.status).toBe(503);
    expect(res.body.title).toBe('Service Unavailable');
    const after = await t.call('GET', '/api/v1/people/AFTER', { as: 'hr' });
    expect(after.body).toMatchObject({ ref: 'AFTER' });
    expect(after.status).toBe(200);
  });
});
