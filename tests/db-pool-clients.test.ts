import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { discardingBrokenClients } from '../src/db/connection.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

// Kysely keeps one connection object per client the pool hands it (a WeakMap keyed by the client): the pool
// must hand it the same object for the same pooled connection, or every query builds a new one (and, under
// load, those outlive the young generation: see docs/ARCHITECTURE.md). Only the server run has a pg pool.

const template = inject('dbTemplate');

describe.runIf(template.kind === 'postgres')('pooled clients as Kysely sees them', () => {
  let t: TestContext;
  let url: string;
  let pool: pg.Pool;

  beforeAll(async () => {
    t = await createTestContext();
    url = t.databaseUrl!;
    pool = new pg.Pool({ connectionString: url, max: 1 });
    // As openPostgres does: a lost backend fails the query that used it, not the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('hands out the same client object each time the same connection is checked out', async () => {
    const clients = discardingBrokenClients(pool);
    const first = await clients.connect();
    const pid = first.processID;
    first.release();
    const second = await clients.connect();
    expect(second.processID).toBe(pid);
    expect(second).toBe(first);
    second.release();
  });

  it('destroys a client whose backend was lost, and the next checkout gets a new connection', async () => {
    const clients = discardingBrokenClients(pool);
    const doomed = await clients.connect();
    const dba = new pg.Client({ connectionString: url });
    await dba.connect();
    await dba.query('select pg_terminate_backend($1)', [doomed.processID]);
    await dba.end();
    await expect(doomed.query('select 1', [])).rejects.toThrow();
    doomed.release();
    const next = await clients.connect();
    expect(next).not.toBe(doomed);
    expect(next.processID).not.toBe(doomed.processID);
    const { rows } = await next.query<{ one: number }>('select 1 as one', []);
    expect(rows).toEqual([{ one: 1 }]);
    next.release();
  });
});
