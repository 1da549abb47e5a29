import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../src/audit/actor.ts';
import { recordDisclosure, verifyAuditChain } from '../src/audit/audit-log.ts';
import { fixedClock } from '../src/clock.ts';
import type { DatabaseHandle } from '../src/db/connection.ts';
import { preparedAs, preparedName } from '../src/db/prepared.ts';
import { createTestDatabase } from './support/test-db.ts';

// Hot statements are sent as named prepared statements on a PostgreSQL server (parsed and planned once per
// connection); on PGlite the mark is only a comment. Disclosure records go in through one such statement.

const onServer = inject('dbTemplate').kind === 'postgres';

describe('statements marked as prepared', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  const plusOne = (n: number) => sql<{ n: number }>`${preparedAs('test_plus_one')}select ${n}::int + 1 as n`;
  const preparedOnThisConnection = (conn: typeof handle.db) =>
    sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(conn);

  it('answer with the parameters of each call', async () => {
    await handle.db.connection().execute(async (conn) => {
      expect((await plusOne(1).execute(conn)).rows).toEqual([{ n: 2 }]);
      expect((await plusOne(41).execute(conn)).rows).toEqual([{ n: 42 }]);
    });
  });

  it.runIf(onServer)('are prepared once on the connection and kept under their name', async () => {
    await handle.db.connection().execute(async (conn) => {
      await plusOne(1).execute(conn);
      await plusOne(2).execute(conn);
      expect((await preparedOnThisConnection(conn)).rows).toEqual([{ name: 'test_plus_one' }]);
    });
  });

  it.runIf(onServer)('near miss: an unmarked statement leaves nothing prepared', async () => {
    await handle.db.connection().execute(async (conn) => {
      const before = (await preparedOnThisConnection(conn)).rows;
      await sql`select ${1}::int + 1 as n`.execute(conn);
      await sql`select ${2}::int + 1 as n`.execute(conn);
      expect((await preparedOnThisConnection(conn)).rows).toEqual(before);
    });
  });

  it.runIf(onServer)(
    'are sent again unnamed, then always, when the server has lost them (a pooler, a DISCARD ALL)',
    async () => {
      await handle.db.connection().execute(async (conn) => {
        await plusOne(1).execute(conn);
        // Behind the driver's back, as a pooler moving the client to another backend would.
        await sql`deallocate all`.execute(conn);
        expect((await plusOne(2).execute(conn)).rows).toEqual([{ n: 3 }]);
        expect((await plusOne(3).execute(conn)).rows).toEqual([{ n: 4 }]);
        expect((await preparedOnThisConnection(conn)).rows).toHaveLength(0);
      });
    },
  );

  it('take only a plain lower-case name, read back from the statement text', () => {
    expect(preparedName('/* prepared audit_disclosures */ insert into t values (1)')).toBe(
      'audit_disclosures',
    );
    expect(preparedName('select 1 /* prepared audit_disclosures */ ')).toBeUndefined();
    expect(() => preparedAs('drop table x; --')).toThrow(/not a statement name/);
    expect(() => preparedAs('Upper')).toThrow(/not a statement name/);
  });
});

describe('disclosure records through the prepared insert', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('keep each reader’s roles, object keys, request and digest exactly, in chain order', async () => {
    const clock = fixedClock('2026-06-30T04:00:00.123Z');
    const readers: Actor[] = [
      { sub: 'inv-1', roles: ['investigator', 'discipline'], requestId: 'req-1' },
      { sub: 'inv-2', roles: ['admin'], requestId: null },
      { sub: 'inv-3', roles: [], requestId: 'req-"3"' },
    ];
    const keys = [
      { node: 'person:张三', depth: 2, quote: 'a "b" \\ c' },
      { node: 'org:91230521MA1B000171', nested: { list: [1, null, 'x'] } },
      {},
    ];
    // A new chainer does not know the chain's tail and appends its first group the slow way; once it has
    // appended one record, the readers below all go through the prepared insert.
    await recordDisclosure(handle.db, clock, readers[1]!, { action: 'graph.paths', objectKeys: {} });
    // Started together: they are chained as one group (one statement) or a few.
    await Promise.all(
      readers.map((actor, i) =>
        recordDisclosure(handle.db, clock, actor, {
          action: 'graph.neighborhood',
          objectKeys: keys[i]!,
          ...(i === 2 ? {} : { change: [`node-${i}`] }),
        }),
      ),
    );
    const rows = await handle.db
      .selectFrom('auditLog')
      .select(['actor', 'roles', 'objectKeys', 'requestId', 'digest', 'at', 'prevHash', 'hash'])
      .where('action', '=', 'graph.neighborhood')
      .orderBy('id')
      .execute();
    const byActor = new Map(rows.map((r) => [r.actor, r]));
    readers.forEach((actor, i) => {
      const row = byActor.get(actor.sub)!;
      expect(row.roles).toEqual(actor.roles);
      expect(row.objectKeys).toEqual(keys[i]);
      expect(row.requestId).toBe(actor.requestId);
      expect(row.digest === null).toBe(i === 2);
      expect(new Date(row.at).toISOString()).toBe('2026-06-30T04:00:00.123Z');
    });
    // Ids follow the chain: each record names the one stored before it.
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]!.hash));
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, firstBroken: null });
  });
});
