import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

describe('the rotation due list with names and units, for the HR desk', () => {
  let t: TestContext;
  const expected = loadFixture('world-small.expected.json').rotationsDue as { staffNo: string }[];
  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('gives the fixture’s three rows in the due list’s order, each with its person, post and unit', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due/rows?asOf=2026-06-30', { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.staffNo)).toEqual(expected.map((r) => r.staffNo));
    expect(res.body.items[0]).toEqual({
      staffNo: 'S016',
      name: '韩梅',
      post: 'ENF-JS-01',
      postName: '尖山区大队防火监督员',
      unit: '尖山区大队',
      postKind: 'enforcement',
      since: '2021-03-01',
      dueOn: '2026-03-01',
      status: 'overdue',
    });
  });

  it('narrows to one status, unit or post kind', async () => {
    const q = (s: string) =>
      t.call('GET', `/api/v1/rotations/due/rows?asOf=2026-06-30&${s}`, { as: 'admin' });
    const ids = async (s: string) => (await q(s)).body.items.map((r: any) => r.staffNo);
    expect(await ids('status=due')).toEqual(['S018', 'S017']);
    expect(await ids('status=overdue')).toEqual(['S016']);
    expect(await ids(`unit=${encodeURIComponent('四方台区大队')}`)).toEqual(['S018', 'S017']);
    expect(await ids('postKind=administrative')).toEqual(['S017']);
    expect(await ids('withinDays=0')).toEqual(['S016']);
  });

  it('rejects an unknown status with the parameter named', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due/rows?status=late', { as: 'hr' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path)).toEqual(['/status']);
  });

  it('is for HR and admins only', async () => {
    for (const role of ['staff', 'discipline', 'investigator'] as const) {
      expect((await t.call('GET', '/api/v1/rotations/due/rows', { as: role })).status).toBe(403);
    }
  });
});
