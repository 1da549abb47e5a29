import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import type { Clock } from '../src/clock.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// The pre-fill names only recorded relatives; someone first named in a declaration has a ref but no kinship until
// the office accepts it. The names read lets the staff member's own screen say who and what they declared.

const clock: Clock = { now: () => new Date('2026-06-30T02:00:00Z') };

describe('the names a declaration names', () => {
  let t: TestContext;
  const as = (staffNo: string) => ({ as: 'staff' as const, sub: staffNo });
  beforeAll(async () => {
    t = await createTestContext({ clock });
    await importBundle(t.db, clock, systemActor('test'), loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('names a relative first declared in a submission, and the recorded firm of their tie', async () => {
    const submitted = await t.call('POST', '/api/v1/declarations/S023/2025/submissions', {
      ...as('S023'),
      body: {
        nothingToReport: false,
        items: [
          { type: 'relative', person: 'new:son', relation: 'child', name: '施小明' },
          { type: 'affiliation', person: 'new:son', org: '91230503MA1B00003H', role: 'employee' },
        ],
      },
    });
    expect(submitted.status).toBe(201);
    const prefill = await t.call('GET', '/api/v1/declarations/S023/2025/prefill', as('S023'));
    expect(prefill.body.relatives).toEqual([]);

    const names = await t.call('GET', '/api/v1/declarations/S023/2025/names', as('S023'));
    expect(names.status).toBe(200);
    expect(names.body).toEqual({
      staffNo: 'S023',
      year: 2025,
      people: [{ ref: 'D2025-S023-1', name: '施小明' }],
      organizations: [{ creditCode: '91230503MA1B00003H', name: '北方消防工程有限公司' }],
    });
    const audit = await t.call('GET', '/api/v1/audit?action=read-declaration-names&actor=S023', {
      as: 'admin',
    });
    expect(audit.body.items[0].objectKeys).toMatchObject({
      staffNo: 'S023',
      year: 2025,
      people: ['D2025-S023-1'],
    });
  });

  it('keeps naming people only an earlier version named', async () => {
    const amended = await t.call('POST', '/api/v1/declarations/S023/2025/submissions', {
      ...as('S023'),
      body: { nothingToReport: true, items: [], amendmentReason: '儿子已离职' },
    });
    expect(amended.status).toBe(201);
    const names = await t.call('GET', '/api/v1/declarations/S023/2025/names', as('S023'));
    expect(names.body.people).toEqual([{ ref: 'D2025-S023-1', name: '施小明' }]);
  });

  it("is a 404 for another staff member's declaration, as for one that does not exist", async () => {
    const theirs = await t.call('GET', '/api/v1/declarations/S023/2025/names', as('S001'));
    const none = await t.call('GET', '/api/v1/declarations/S022/2025/names', as('S022'));
    expect([theirs.status, none.status]).toEqual([404, 404]);
    const office = await t.call('GET', '/api/v1/declarations/S001/2025/names', { as: 'discipline' });
    expect(office.body.people).toEqual([{ ref: 'P1W', name: '李秀英' }]);
  });
});
