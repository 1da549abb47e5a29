import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../src/lib/gb11643.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const ZHANG = idNumber('23050219700312001');
const LI = idNumber('23050219720508002');

describe('people: the register of natural persons', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const lastAudit = async () => (await t.call('GET', '/api/v1/audit?limit=1', { as: 'admin' })).body.items[0];

  it('records a person and answers 201 with an ETag, a Location and the ID number masked', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: 'hr',
      body: { ref: 'P1', name: '张建国', idNumber: ZHANG },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe('/api/v1/people/P1');
    expect(res.body).toMatchObject({
      ref: 'P1',
      name: '张建国',
      idNumber: '2305**********' + ZHANG.slice(-4),
    });
    expect(JSON.stringify(res.body)).not.toContain(ZHANG);
    expect(await lastAudit()).toMatchObject({
      action: 'create-person',
      actor: 'hr',
      objectKeys: { person: 'P1' },
    });
  });

  it('refuses an ID number whose check digit is wrong, naming the field', async () => {
    const bad = `${ZHANG.slice(0, 17)}${ZHANG[17] === '0' ? '1' : '0'}`;
    const res = await t.call('POST', '/api/v1/people', {
      as: 'hr',
      body: { ref: 'PX', name: '错号', idNumber: bad },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/idNumber' })]);
    expect(res.body.errors[0].message).toMatch(/check character/);
    expect((await t.call('GET', '/api/v1/people/PX', { as: 'hr' })).status).toBe(404);
  });

  it('refuses a second person with the same ref or the same ID number (409)', async () => {
    const sameRef = await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'P1', name: '另一人' } });
    expect(sameRef.status).toBe(409);
    const sameId = await t.call('POST', '/api/v1/people', {
      as: 'hr',
      body: { ref: 'P1-dup', name: '另一人', idNumber: ZHANG },
    });
    expect(sameId.status).toBe(409);
    expect(sameId.body.detail).toContain('P1');
  });

  it('refuses mass assignment of server-owned fields and any unknown field (400, nothing written)', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: 'admin',
      body: { ref: 'P9', name: '冒名', id: 1, version: 7, seq: 99, createdAt: '2000-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/id', '/version', '/seq', '/createdAt']));
    expect((await t.call('GET', '/api/v1/people/P9', { as: 'admin' })).status).toBe(404);

    const get = await t.call('GET', '/api/v1/people/P1', { as: 'admin' });
    const patch = await t.call('PATCH', '/api/v1/people/P1', {
      as: 'admin',
      headers: { 'if-match': get.headers.get('etag')! },
      body: { ref: 'P1-renamed', version: 1 },
    });
    expect(patch.status).toBe(400);
    expect((await t.call('GET', '/api/v1/people/P1', { as: 'admin' })).body.version).toBe(get.body.version);
  });

  it('needs If-Match to change a person: 428 without, 412 when stale, 200 with a new ETag when current', async () => {
    const without = await t.call('PATCH', '/api/v1/people/P1', { as: 'hr', body: { name: '张建华' } });
    expect(without.status).toBe(428);
    const star = await t.call('PATCH', '/api/v1/people/P1', {
      as: 'hr',
      headers: { 'if-match': '*' },
      body: { name: '张建华' },
    });
    expect(star.status).toBe(428);

    const read = await t.call('GET', '/api/v1/people/P1', { as: 'hr' });
    const etag = read.headers.get('etag')!;
    const first = await t.call('PATCH', '/api/v1/people/P1', {
      as: 'hr',
      headers: { 'if-match': etag },
      body: { name: '张建华' },
    });
    expect(first.status).toBe(200);
    expect(first.body.name).toBe('张建华');
    expect(first.headers.get('etag')).not.toBe(etag);

    const stale = await t.call('PATCH', '/api/v1/people/P1', {
      as: 'hr',
      headers: { 'if-match': etag },
      body: { name: '张某' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.call('GET', '/api/v1/people/P1', { as: 'hr' })).body.name).toBe('张建华');
  });

  it('keeps every earlier version in the history after an update', async () => {
    const res = await t.call('GET', '/api/v1/people/P1/history', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((v: any) => [v.version, v.name])).toEqual([
      [1, '张建国'],
      [2, '张建华'],
    ]);
    for (const v of res.body.items) expect(v.idNumber).toBe(`2305**********${ZHANG.slice(-4)}`);
  });

  it('masks ID numbers for every role that does not ask to reveal', async () => {
    for (const role of ['admin', 'hr', 'discipline', 'investigator'] as const) {
      const res = await t.call('GET', '/api/v1/people/P1', { as: role });
      expect(res.body.idNumber).toBe(`2305**********${ZHANG.slice(-4)}`);
    }
  });

  it('reveals an ID number to an admin with a stated purpose, and audits the reveal with it', async () => {
    const before = (await t.call('GET', '/api/v1/audit?action=reveal-id-number', { as: 'admin' })).body.items
      .length;
    const purpose = '案件 2026-017 身份核验';
    const res = await t.call('GET', `/api/v1/people/P1?reveal=${encodeURIComponent(purpose)}`, {
      as: 'admin',
    });
    expect(res.status).toBe(200);
    expect(res.body.idNumber).toBe(ZHANG);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const trail = (await t.call('GET', '/api/v1/audit?action=reveal-id-number', { as: 'admin' })).body.items;
    expect(trail).toHaveLength(before + 1);
    expect(trail[0]).toMatchObject({ actor: 'admin', objectKeys: { person: 'P1', purpose } });
  });

  it('refuses a reveal without a purpose (400) and from a role that may not reveal (403), auditing nothing', async () => {
    const count = async () =>
      (await t.call('GET', '/api/v1/audit?action=reveal-id-number', { as: 'admin' })).body.items.length;
    const before = await count();
    expect((await t.call('GET', '/api/v1/people/P1?reveal=', { as: 'admin' })).status).toBe(400);
    expect((await t.call('GET', '/api/v1/people/P1?reveal=%20%20', { as: 'discipline' })).status).toBe(400);
    for (const role of ['hr', 'investigator'] as const) {
      const res = await t.call('GET', '/api/v1/people/P1?reveal=curiosity', { as: role });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(ZHANG);
    }
    expect(await count()).toBe(before);
  });

  it('reveals a page of people to a discipline officer and records which people were shown', async () => {
    await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'P1W', name: '李秀英', idNumber: LI } });
    const res = await t.call('GET', '/api/v1/people?reveal=review%20of%20declarations', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: any) => p.idNumber)).toEqual([ZHANG, LI]);
    expect(await lastAudit()).toMatchObject({
      action: 'reveal-id-number',
      actor: 'discipline',
      objectKeys: { people: ['P1', 'P1W'], purpose: 'review of declarations' },
    });
  });

  it('lists people by ref with keyset pages and a name filter', async () => {
    for (const [ref, name] of [
      ['P2', '王磊'],
      ['P3', '王强'],
      ['P4', '刘洋'],
    ] as const) {
      expect((await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref, name } })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.call('GET', `/api/v1/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        as: 'investigator',
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: any) => p.ref));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['P1', 'P1W', 'P2', 'P3', 'P4']);

    const wang = await t.call('GET', `/api/v1/people?name=${encodeURIComponent('王')}`, { as: 'hr' });
    expect(wang.body.items.map((p: any) => p.ref)).toEqual(['P2', 'P3']);
    const wildcard = await t.call('GET', '/api/v1/people?name=%25', { as: 'hr' });
    expect(wildcard.body.items).toEqual([]);
  });

  it('rejects a forged cursor and a limit above 1000', async () => {
    expect((await t.call('GET', '/api/v1/people?cursor=not-a-cursor', { as: 'hr' })).status).toBe(400);
    expect((await t.call('GET', '/api/v1/people?limit=1001', { as: 'hr' })).status).toBe(400);
    expect((await t.call('GET', '/api/v1/people?limit=1000', { as: 'hr' })).status).toBe(200);
  });

  it('has no way to delete a person: there is no DELETE route and the database refuses it', async () => {
    const res = await t.call('DELETE', '/api/v1/people/P2', { as: 'admin' });
    expect(res.status).toBe(404);
    await expect(t.db.deleteFrom('person').where('ref', '=', 'P2').execute()).rejects.toThrow(
      /never deleted/,
    );
    expect((await t.call('GET', '/api/v1/people/P2', { as: 'admin' })).status).toBe(200);
  });
});
