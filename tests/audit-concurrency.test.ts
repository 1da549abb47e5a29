import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/audit/actor.ts';
import { inWriteTransaction, recordDisclosure } from '../src/audit/audit-log.ts';
import { fixedClock } from '../src/clock.ts';
import { openPostgres } from '../src/db/connection.ts';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

// Tracing reads (paths, neighbourhoods) reveal relatives, so each leaves an audit record; they take the
// audit-chain lock only, while writers take the writer lock and then the chain lock. The chain must stay
// one unbroken line whatever runs at once.

const PATHS = '/api/v1/graph/paths?from=staff:S021&to=org:91230521MA1B000171&maxDepth=5&asOf=2026-06-30';
const reader: Actor = { sub: 'inv-unreachable', roles: ['investigator'], requestId: null };
const NEIGHBOURHOOD = '/api/v1/graph/neighborhood?node=staff:S002&asOf=2026-06-30';

describe('the audit chain under concurrent tracing reads and writes', () => {
  let t: TestContext;
  const verify = async () => (await t.call('GET', '/api/v1/audit/verify', { as: 'admin' })).body;
  const countOf = async (action: string) =>
    (
      await t.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('keeps one unbroken chain, a record per read and per write, when reads and writes interleave', async () => {
    const before = await verify();
    const [pathsBefore, neighbourhoodsBefore] = [
      Number(await countOf('graph.paths')),
      Number(await countOf('graph.neighborhood')),
    ];
    const calls = Array.from({ length: 40 }, (_, i) => {
      if (i % 4 === 0) {
        return t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: `CC${i}`, name: `并发${i}` } });
      }
      const url = i % 4 === 1 ? NEIGHBOURHOOD : PATHS;
      return t.call('GET', url, { as: 'investigator', sub: `inv-${i}` });
    });
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status)).toEqual(results.map((_, i) => (i % 4 === 0 ? 201 : 200)));
    expect(results.find((_, i) => i % 4 === 2)!.body.paths).toHaveLength(1);

    expect(Number(await countOf('graph.paths'))).toBe(pathsBefore + 20);
    expect(Number(await countOf('graph.neighborhood'))).toBe(neighbourhoodsBefore + 10);
    const forks = await sql<{ n: number }>`
      select count(*)::int as n from (select prev_hash from audit_log group by prev_hash having count(*) > 1) f`.execute(
      t.db,
    );
    expect(forks.rows[0]!.n).toBe(0);
    expect(await verify()).toEqual({ ok: true, checked: before.checked + 40, firstBroken: null });
  });

  it('records each reader of a group of simultaneous reads under their own name and request', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.call('GET', PATHS, { as: 'discipline', sub: `reader-${i}` })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await t.db
      .selectFrom('auditLog')
      .select(['actor', 'requestId', 'roles'])
      .where('actor', 'like', 'reader-%')
      .execute();
    expect(rows.map((r) => r.actor).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `reader-${i}`).sort(),
    );
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(12);
    expect(rows.map((r) => r.requestId).sort()).toEqual(
      results.map((r) => r.headers.get('x-request-id')).sort(),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('answers a tracing read while a writer holds the writer lock, and chains the writer after it', async (ctx) => {
    // One connection on the embedded database: a held transaction there stops every other query.
    if (t.kind === 'pglite') ctx.skip();
    const actor = { sub: 'slow-writer', roles: ['admin' as const], requestId: null };
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let locked!: () => void;
    const holding = new Promise<void>((ok) => (locked = ok));
    const writer = inWriteTransaction(t.db, t.deps.clock, actor, async ({ tx, audit }) => {
      await tx.insertInto('person').values({ ref: 'SLOW1', name: '慢写' }).execute();
      await audit({ action: 'create-person', objectKeys: { person: 'SLOW1' } });
      locked();
      await gate;
    });
    await holding;
    try {
      const read = t.call('GET', PATHS, { as: 'investigator', sub: 'not-waiting' });
      const answered = await Promise.race([
        read.then((r) => r.status),
        new Promise<'waited'>((ok) => setTimeout(() => ok('waited'), 3000)),
      ]);
      expect(answered).toBe(200);
    } finally {
      release();
      await writer;
    }
    const tail = await t.db.selectFrom('auditLog').select(['actor']).orderBy('id', 'desc').limit(2).execute();
    expect(tail.map((r) => r.actor)).toEqual(['slow-writer', 'not-waiting']);
    expect((await verify()).ok).toBe(true);
  });

  it('answers nothing when the record of a tracing read cannot be kept', async () => {
    await sql`alter table audit_log add constraint no_blocked_actor check (actor <> 'blocked')`.execute(t.db);
    try {
      const res = await t.call('GET', PATHS, { as: 'investigator', sub: 'blocked' });
      expect(res.status).toBe(500);
      expect(res.body.paths).toBeUndefined();
      expect((await t.call('GET', PATHS, { as: 'investigator', sub: 'allowed' })).status).toBe(200);
    } finally {
      await sql`alter table audit_log drop constraint no_blocked_actor`.execute(t.db);
    }
    expect((await verify()).ok).toBe(true);
  });
});

describe('the record of a tracing read when the database cannot be reached', () => {
  it('fails the read instead of leaving it waiting', async () => {
    // Nothing listens on port 1: every connection attempt is refused at once.
    const unreachable = openPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/none', max: 2 });
    try {
      const reads = [1, 2, 3].map((i) =>
        recordDisclosure(unreachable.db, fixedClock('2026-06-30T04:00:00Z'), reader, {
          action: 'graph.paths',
          objectKeys: { attempt: i },
        }),
      );
      for (const read of reads) await expect(read).rejects.toThrow();
    } finally {
      await unreachable.close();
    }
  }, 10_000);
});
