import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../src/audit/audit-log.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

describe('the audit trail (全程留痕)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const verify = async () => (await t.call('GET', '/api/v1/audit/verify', { as: 'admin' })).body;

  /** Runs `statement` on audit_log with its user triggers off, as a superuser could, in one transaction. */
  const outOfBand = (statement: ReturnType<typeof sql>) =>
    t.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await statement.execute(tx);
    });

  it('records every write with who, their roles, the action, the object and the request id', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: ['hr', 'staff'],
      sub: 'hr-7',
      body: { ref: 'P1', name: '张建国' },
    });
    expect(res.status).toBe(201);
    const requestId = res.headers.get('x-request-id');
    const [entry] = (await t.call('GET', '/api/v1/audit?limit=1', { as: 'admin' })).body.items;
    expect(entry).toMatchObject({
      actor: 'hr-7',
      roles: ['hr', 'staff'],
      action: 'create-person',
      objectKeys: { person: 'P1' },
      requestId,
    });
    expect(entry.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.hash).toBe(auditHash({ ...entry, at: new Date(entry.at) }));
  });

  it('writes nothing, not even an audit record, when the write is refused', async () => {
    const before = await verify();
    expect(
      (await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'P1', name: '重复' } })).status,
    ).toBe(409);
    expect((await verify()).checked).toBe(before.checked);
  });

  it('chains every record to the one before it, and the whole chain verifies after writes', async () => {
    for (const ref of ['P2', 'P3', 'P4']) {
      expect(
        (await t.call('POST', '/api/v1/people', { as: 'admin', body: { ref, name: '某人' } })).status,
      ).toBe(201);
    }
    const read = await t.call('GET', '/api/v1/people/P2', { as: 'admin' });
    await t.call('PATCH', '/api/v1/people/P2', {
      as: 'admin',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { name: '王磊' },
    });
    const items = (await t.call('GET', '/api/v1/audit', { as: 'admin' })).body.items.reverse();
    expect(items[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < items.length; i += 1) expect(items[i].prevHash).toBe(items[i - 1].hash);
    expect(await verify()).toEqual({ ok: true, checked: items.length, firstBroken: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table by trigger', async () => {
    await expect(sql`update audit_log set actor = 'someone-else'`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  describe('without trusting the database', () => {
    // Runs last in this file: once the chain is broken it stays broken.
    it('keeps up with 20 concurrent writers without forking the chain', async () => {
      const before = (await verify()).checked;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: `C${i}`, name: `并发${i}` } }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      const forks = await sql<{ n: number }>`
        select count(*)::int as n from (select prev_hash from audit_log group by prev_hash having count(*) > 1) f`.execute(
        t.db,
      );
      expect(forks.rows[0]!.n).toBe(0);
      expect(await verify()).toEqual({ ok: true, checked: before + 20, firstBroken: null });
    });

    it('names the one record a superuser edited behind the triggers’ back', async () => {
      const victim = (await t.call('GET', '/api/v1/audit?action=update-person', { as: 'admin' })).body
        .items[0];
      await outOfBand(sql`update audit_log set actor = 'nobody' where id = ${victim.id}`);
      expect(await verify()).toEqual({
        ok: false,
        checked: victim.id - 1,
        firstBroken: { id: victim.id, reason: 'its content does not match its hash' },
      });
    });

    it('still names the next record when the forger also recomputes the edited record’s hash', async () => {
      const row = await t.db
        .selectFrom('auditLog')
        .selectAll()
        .where('actor', '=', 'nobody')
        .executeTakeFirstOrThrow();
      const forged = auditHash({ ...row });
      await outOfBand(sql`update audit_log set hash = ${forged} where id = ${row.id}`);
      expect((await verify()).firstBroken).toEqual({
        id: row.id + 1,
        reason: 'does not follow the record before it',
      });
    });
  });
});
