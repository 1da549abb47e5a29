import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

describe('counts of the flag queue (GET /flags/summary)', () => {
  let t: TestContext;
  let flags: any[];
  let units: Map<string, string>;

  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
    expect(
      (await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf: '2026-06-30' } })).status,
    ).toBe(201);
    flags = (await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' })).body.items;
    const staff = (await t.call('GET', '/api/v1/staff?limit=1000', { as: 'admin' })).body.items;
    units = new Map(staff.map((s: any) => [s.staffNo, s.unit]));
  });
  afterAll(() => t.close());

  const countBy = (items: any[], key: (f: any) => string) => {
    const m: Record<string, number> = {};
    for (const f of items) m[key(f)] = (m[key(f)] ?? 0) + 1;
    return m;
  };

  it('counts every flag of the queue once, by rule as the queue lists them', async () => {
    const res = await t.call('GET', '/api/v1/flags/summary', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(24);
    expect(Object.fromEntries(res.body.byRule.map((r: any) => [r.rule, r.count]))).toEqual(
      countBy(flags, (f) => f.rule),
    );
    expect(res.body.byStatus).toEqual([{ status: 'open', count: 24 }]);
  });

  it('puts a flag in the unit of the staff member it names', async () => {
    const res = await t.call('GET', '/api/v1/flags/summary', { as: 'discipline' });
    const byUnit = Object.fromEntries(res.body.byUnit.map((u: any) => [u.unit, u.count]));
    const named = flags.filter((f) => f.staffNo !== null);
    for (const [unit, n] of Object.entries(countBy(named, (f) => units.get(f.staffNo)!))) {
      expect(byUnit[unit]).toBeGreaterThanOrEqual(n);
    }
    expect(res.body.byUnit.reduce((n: number, u: any) => n + u.count, 0)).toBe(24);
  });

  it('narrows the counts with the queue’s filters, unit included', async () => {
    const unit = units.get('S001')!;
    const res = await t.call(
      'GET',
      `/api/v1/flags/summary?unit=${encodeURIComponent(unit)}&rule=COI-RELATIVE-BUSINESS`,
      {
        as: 'discipline',
      },
    );
    const expected = flags.filter((f) => f.rule === 'COI-RELATIVE-BUSINESS' && units.get(f.staffNo) === unit);
    expect(res.body.total).toBe(expected.length);
    expect(res.body.byUnit).toEqual([{ unit, count: expected.length }]);
  });

  it('counts a dismissed flag under its new status', async () => {
    const flag = flags[0];
    const decided = await t.call('POST', `/api/v1/flags/${flag.id}/decision`, {
      as: 'discipline',
      body: { decision: 'dismissed', reason: '经核实为同名人员' },
    });
    expect(decided.status).toBe(200);
    const open = await t.call('GET', '/api/v1/flags/summary?status=open', { as: 'discipline' });
    expect(open.body.total).toBe(23);
  });

  it('is not for staff or HR', async () => {
    expect((await t.call('GET', '/api/v1/flags/summary', { as: 'staff', sub: 'S001' })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/flags/summary', { as: 'hr' })).status).toBe(403);
  });
});
