import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../src/bundle/schema.ts';
import { rotationsDue } from '../src/rotation/due.ts';
import { worldFromBundle } from '../src/graph/world.ts';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

describe('rotations due, for HR', () => {
  let t: TestContext;
  const expected = loadFixture('world-small.expected.json');
  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('lists the fixture’s three rows on 2026-06-30: overdue first, then by due day', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due?asOf=2026-06-30', { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2026-06-30', withinDays: 90 });
    expect(res.body.items).toEqual(expected.rotationsDue);
  });

  it('includes a rotation due on the window’s last day and not the day after', async () => {
    // 2026-06-30 + 90 days = 2026-09-28: S017 (due 09-28) is in, S019 (due 09-29) is not until 91 days.
    const ninety = await t.call('GET', '/api/v1/rotations/due?asOf=2026-06-30&withinDays=90', {
      as: 'admin',
    });
    expect(ninety.body.items.map((r: any) => r.staffNo)).not.toContain('S019');
    const more = await t.call('GET', '/api/v1/rotations/due?asOf=2026-06-30&withinDays=91', { as: 'admin' });
    expect(more.body.items.at(-1)).toEqual({
      staffNo: 'S019',
      post: 'ADM-SFT-03',
      since: '2023-09-29',
      dueOn: '2026-09-29',
      status: 'due',
    });
  });

  it('is overdue on the due day itself', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due?asOf=2026-07-15&withinDays=0', { as: 'hr' });
    expect(res.body.items.map((r: any) => [r.staffNo, r.status])).toEqual([
      ['S016', 'overdue'],
      ['S018', 'overdue'],
    ]);
  });

  it('rejects a bad day or window with the parameter named', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due?asOf=2026-02-30&withinDays=-1', { as: 'hr' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['/asOf', '/withinDays']);
  });

  it('is for HR and admins only', async () => {
    for (const role of ['staff', 'discipline', 'investigator'] as const) {
      expect((await t.call('GET', '/api/v1/rotations/due', { as: role })).status).toBe(403);
    }
  });
});

describe('rotations due from the world', () => {
  const b: Bundle = {
    format: 'coi-bundle/1',
    people: [{ ref: 'P1', name: '甲' }],
    staff: [
      {
        staffNo: 'S1',
        person: 'P1',
        category: 'cadre',
        unit: 'u',
        jurisdiction: '230500',
        hiredOn: '2010-01-01',
      },
    ],
    posts: [{ code: 'X', name: 'x', unit: 'u', kind: 'enforcement', rotationYears: 3 }],
    assignments: [{ staffNo: 'S1', post: 'X', from: '2024-02-29' }],
  };

  it('falls due on 28 February for an assignment that began on a leap day', () => {
    expect(rotationsDue(worldFromBundle(b), { rotationYearsByPostKind: {} }, '2027-02-28', 0)).toEqual([
      { staffNo: 'S1', post: 'X', since: '2024-02-29', dueOn: '2027-02-28', status: 'overdue' },
    ]);
    expect(rotationsDue(worldFromBundle(b), { rotationYearsByPostKind: {} }, '2027-02-27', 0)).toEqual([]);
  });
});
