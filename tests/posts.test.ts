import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

describe('posts and assignments: history kept, one current assignment per person per post, atomic moves', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('records a post with its jurisdiction and refuses a second with the same code', async () => {
    const body = {
      code: 'ENF-BS-01',
      name: '宝山区大队防火监督员',
      unit: '宝山区大队',
      kind: 'enforcement',
      rotationYears: 5,
      jurisdiction: '230506',
    };
    const res = await t.call('POST', '/api/v1/posts', { as: 'hr', body });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...body, version: 1 });
    expect((await t.call('POST', '/api/v1/posts', { as: 'hr', body })).status).toBe(409);
    expect((await t.call('POST', '/api/v1/posts', { as: 'investigator', body })).status).toBe(403);
    const bad = await t.call('POST', '/api/v1/posts', {
      as: 'hr',
      body: { ...body, code: 'X', jurisdiction: '2305', kind: 'desk', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/extra',
      '/jurisdiction',
      '/kind',
    ]);
  });

  it('records a jurisdiction on an imported post with If-Match, keeping the previous version', async () => {
    const read = await t.call('GET', '/api/v1/posts/ENF-JS-01', { as: 'hr' });
    expect(read.body).toMatchObject({ unit: '尖山区大队', jurisdiction: null });
    expect(
      (await t.call('PATCH', '/api/v1/posts/ENF-JS-01', { as: 'hr', body: { jurisdiction: '230502' } }))
        .status,
    ).toBe(428);
    const res = await t.call('PATCH', '/api/v1/posts/ENF-JS-01', {
      as: 'hr',
      body: { jurisdiction: '230502' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ jurisdiction: '230502', version: read.body.version + 1 });
    const list = await t.call('GET', '/api/v1/posts?unit=四方台区大队', { as: 'investigator' });
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual([
      'ADM-SFT-02',
      'ENF-SFT-01',
      'ENF-SFT-02',
    ]);
  });

  it('shows a staff member\u2019s assignment history oldest first', async () => {
    const res = await t.call('GET', '/api/v1/assignments?post=ENF-JS-01', { as: 'discipline' });
    expect(res.body.items).toEqual([
      expect.objectContaining({ staffNo: 'S015', post: 'ENF-JS-01', from: '2015-01-01', to: '2021-03-01' }),
      expect.objectContaining({ staffNo: 'S016', post: 'ENF-JS-01', from: '2021-03-01', to: null }),
    ]);
    const active = await t.call('GET', '/api/v1/assignments?activeOn=2021-02-28&unit=尖山区大队', {
      as: 'hr',
    });
    expect(active.body.items.map((a: { staffNo: string }) => a.staffNo)).toEqual(['S015']);
  });

  it('moves a staff member by closing one interval and opening the next on the same day, audited', async () => {
    const res = await t.call('POST', '/api/v1/assignments/moves', {
      as: 'hr',
      body: { staffNo: 'S016', fromPost: 'ENF-JS-01', toPost: 'ENF-BS-01', on: '2026-07-01' },
    });
    expect(res.status).toBe(201);
    expect(res.body.closed).toMatchObject({
      staffNo: 'S016',
      post: 'ENF-JS-01',
      from: '2021-03-01',
      to: '2026-07-01',
    });
    expect(res.body.opened).toMatchObject({
      staffNo: 'S016',
      post: 'ENF-BS-01',
      from: '2026-07-01',
      to: null,
    });
    const audit = await t.call('GET', '/api/v1/audit?action=assignment.move', { as: 'admin' });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: 'hr',
        objectKeys: { staffNo: 'S016', fromPost: 'ENF-JS-01', toPost: 'ENF-BS-01' },
      }),
    ]);
    const again = await t.call('POST', '/api/v1/assignments/moves', {
      as: 'hr',
      body: { staffNo: 'S016', fromPost: 'ENF-JS-01', toPost: 'ENF-BS-01', on: '2026-08-01' },
    });
    expect(again.status).toBe(409);
  });

  it('leaves both assignments untouched when the new one cannot open', async () => {
    // S018 also comes to hold ENF-BS-01: closing ENF-SFT-01 succeeds, opening ENF-BS-01 again fails, so neither stays.
    await t.call('POST', '/api/v1/assignments', {
      as: 'hr',
      body: { staffNo: 'S018', post: 'ENF-BS-01', from: '2026-01-01' },
    });
    const res = await t.call('POST', '/api/v1/assignments/moves', {
      as: 'hr',
      body: { staffNo: 'S018', fromPost: 'ENF-SFT-01', toPost: 'ENF-BS-01', on: '2026-07-01' },
    });
    expect(res.status).toBe(409);
    const current = await t.call('GET', '/api/v1/assignments?staffNo=S018&activeOn=2026-07-02', { as: 'hr' });
    expect(current.body.items.map((a: { post: string; to: string | null }) => [a.post, a.to])).toEqual([
      ['ENF-SFT-01', null],
      ['ENF-BS-01', null],
    ]);
  });

  it('keeps one current assignment per person per post and refuses intervals outside service', async () => {
    const overlap = await t.call('POST', '/api/v1/assignments', {
      as: 'hr',
      body: { staffNo: 'S014', post: 'ENF-SFT-02', from: '2025-01-01', to: '2025-06-01' },
    });
    expect(overlap.status).toBe(409);
    const retired = await t.call('POST', '/api/v1/assignments', {
      as: 'hr',
      body: { staffNo: 'S006', post: 'ENF-BS-01', from: '2026-01-01' },
    });
    expect(retired.status).toBe(422);
    const unknown = await t.call('POST', '/api/v1/assignments', {
      as: 'hr',
      body: { staffNo: 'S999', post: 'NOPE', from: '2026-01-01' },
    });
    expect(unknown.status).toBe(400);
  });

  it('ends an assignment on a day after it began, once', async () => {
    const list = await t.call('GET', '/api/v1/assignments?staffNo=S019', { as: 'hr' });
    const id = list.body.items[0].id;
    expect(
      (await t.call('POST', `/api/v1/assignments/${id}/end`, { as: 'hr', body: { on: '2023-09-29' } }))
        .status,
    ).toBe(400);
    const ended = await t.call('POST', `/api/v1/assignments/${id}/end`, {
      as: 'hr',
      body: { on: '2026-07-01' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ to: '2026-07-01' });
    expect(
      (await t.call('POST', `/api/v1/assignments/${id}/end`, { as: 'hr', body: { on: '2026-08-01' } }))
        .status,
    ).toBe(409);
  });
});
