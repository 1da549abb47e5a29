import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.ts';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// The fixture's world on the suite's fixed day, 2026-06-30: campaign 2025 (due 2026-01-31) is imported.
const world = loadFixture('world-small.json');

const servingOn = (s: { hiredOn: string; departedOn: string | null }, day: string) =>
  s.hiredOn <= day && (s.departedOn === null || day < s.departedOn);

describe('declaration campaigns', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), world);
  });
  afterAll(() => t.close());

  it('opens a campaign with the due date and population defaults, and records who opened it', async () => {
    const res = await t.call('POST', '/api/v1/campaigns', {
      as: 'discipline',
      sub: 'D01',
      body: { year: 2026 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/v1/campaigns/2026');
    expect(res.body).toMatchObject({
      year: 2026,
      dueOn: '2027-01-31',
      population: { servingOn: '2026-12-31' },
      defaultPopulation: true,
      openedBy: 'D01',
      openedOn: '2026-06-30',
    });
    const audit = await t.call('GET', '/api/v1/audit?action=open-campaign', { as: 'admin' });
    expect(audit.body.items[0]).toMatchObject({
      actor: 'D01',
      objectKeys: { campaign: 2026, dueOn: '2027-01-31' },
    });
  });

  it('refuses a second campaign for the same year', async () => {
    const res = await t.call('POST', '/api/v1/campaigns', {
      as: 'admin',
      body: { year: 2025, dueOn: '2026-02-28' },
    });
    expect(res.status).toBe(409);
  });

  it('names every bad field of an opening request, and only the offices may open one', async () => {
    const bad = await t.call('POST', '/api/v1/campaigns', {
      as: 'admin',
      body: { year: 2030, dueOn: '2029-06-30', population: { staffNos: ['S001', 'S999', 'S001'] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/dueOn',
      '/population/staffNos/1',
      '/population/staffNos/2',
    ]);
    expect((await t.call('POST', '/api/v1/campaigns', { as: 'hr', body: { year: 2031 } })).status).toBe(403);
    expect(
      (await t.call('POST', '/api/v1/campaigns', { as: 'staff', sub: 'S001', body: { year: 2031 } })).status,
    ).toBe(403);
    const unknownField = await t.call('POST', '/api/v1/campaigns', {
      as: 'admin',
      body: { year: 2031, closeOn: 'x' },
    });
    expect(unknownField.status).toBe(400);
  });

  it('shows live progress by unit: submitted, late, still in time — as the fixture has it', async () => {
    const campaign = world.campaigns[0];
    const asOf = '2026-06-30';
    const members = world.staff.filter((s: any) => servingOn(s, '2025-12-31'));
    const submittedOn = new Map(world.declarations.map((d: any) => [d.staffNo, d.submittedOn]));
    const expected = { submitted: 0, submittedLate: 0, overdue: 0, inTime: 0 };
    for (const m of members) {
      const on = submittedOn.get(m.staffNo) as string | undefined;
      if (on === undefined) expected[asOf > campaign.dueOn ? 'overdue' : 'inTime'] += 1;
      else expected[on <= campaign.dueOn ? 'submitted' : 'submittedLate'] += 1;
    }
    const res = await t.call('GET', '/api/v1/campaigns/2025/progress', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({
      population: members.length,
      ...expected,
      late: expected.submittedLate + expected.overdue,
    });
    expect(res.body.byUnit).toEqual([{ unit: '双鸭山市消防救援支队', ...res.body.totals }]);
    // S013 declared 2026-02-15, after the due date; S023 never did; S022 was hired after the year.
    const late = await t.call('GET', '/api/v1/campaigns/2025/members?standing=submitted_late', { as: 'hr' });
    expect(late.body.items.map((m: any) => [m.staffNo, m.daysLate])).toEqual([['S013', 15]]);
    const overdue = await t.call('GET', '/api/v1/campaigns/2025/members?standing=overdue', { as: 'hr' });
    expect(overdue.body.items.map((m: any) => [m.staffNo, m.daysOverdue])).toEqual([['S023', 150]]);
    const all = await t.call('GET', '/api/v1/campaigns/2025/members?limit=1000', { as: 'admin' });
    expect(all.body.items.map((m: any) => m.staffNo)).not.toContain('S022');
  });

  it('progress as of an earlier day counts only what had been submitted by then', async () => {
    const res = await t.call('GET', '/api/v1/campaigns/2025/progress?asOf=2026-01-10', { as: 'admin' });
    const byThen = world.declarations.filter((d: any) => d.submittedOn <= '2026-01-10').length;
    expect(res.body.totals.submitted).toBe(byThen);
    expect(res.body.totals.overdue).toBe(0);
    expect(res.body.totals.inTime).toBe(res.body.totals.population - byThen);
  });

  it('pages the members by unit and staff number', async () => {
    const first = await t.call('GET', '/api/v1/campaigns/2025/members?limit=5', { as: 'admin' });
    const second = await t.call(
      'GET',
      `/api/v1/campaigns/2025/members?limit=5&cursor=${first.body.nextCursor}`,
      {
        as: 'admin',
      },
    );
    expect(first.body.items).toHaveLength(5);
    expect(second.body.items[0].staffNo > first.body.items[4].staffNo).toBe(true);
  });

  it('a campaign for a listed population covers exactly those staff', async () => {
    const res = await t.call('POST', '/api/v1/campaigns', {
      as: 'admin',
      body: { year: 2024, dueOn: '2025-01-31', population: { staffNos: ['S001', 'S013'] } },
    });
    expect(res.status).toBe(201);
    const progress = await t.call('GET', '/api/v1/campaigns/2024/progress', { as: 'admin' });
    expect(progress.body.totals).toMatchObject({ population: 2, overdue: 2 });
  });

  it('a staff member sees only the campaigns that cover them, with where they stand', async () => {
    const mine = await t.call('GET', '/api/v1/campaigns', { as: 'staff', sub: 'S013' });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: any) => c.year)).toEqual([2026, 2025, 2024]);
    expect(mine.body.items[1].mine).toMatchObject({
      standing: 'submitted_late',
      submittedOn: '2026-02-15',
      version: 1,
    });
    expect(mine.body.items[0].mine).toMatchObject({ standing: 'in_time', daysLeft: 215, submittedOn: null });
    const other = await t.call('GET', '/api/v1/campaigns', { as: 'staff', sub: 'S002' });
    expect(other.body.items.map((c: any) => c.year)).toEqual([2026, 2025]);
    expect((await t.call('GET', '/api/v1/campaigns/2024', { as: 'staff', sub: 'S002' })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/campaigns/2024', { as: 'staff', sub: 'S001' })).status).toBe(200);
    expect(
      (await t.call('GET', '/api/v1/campaigns/2025/progress', { as: 'staff', sub: 'S001' })).status,
    ).toBe(403);
  });

  it('an officer who also declares gets the office view, or their own with view=mine', async () => {
    const both = { as: ['discipline', 'staff'] as Role[], sub: 'S013' };
    const office = await t.call('GET', '/api/v1/campaigns', both);
    expect(office.body.items.every((c: any) => c.mine === undefined)).toBe(true);
    const own = await t.call('GET', '/api/v1/campaigns?view=mine', both);
    expect(own.status).toBe(200);
    expect(own.body.items.map((c: any) => [c.year, c.mine.standing])).toEqual([
      [2026, 'in_time'],
      [2025, 'submitted_late'],
      [2024, expect.any(String)],
    ]);
    const year = await t.call('GET', '/api/v1/campaigns/2025?view=mine', both);
    expect(year.body.mine).toMatchObject({ standing: 'submitted_late', version: 1 });
  });

  it('view=mine needs the staff role: an officer who does not declare has no own view', async () => {
    expect((await t.call('GET', '/api/v1/campaigns?view=mine', { as: 'discipline' })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/campaigns?view=all', { as: 'discipline' })).status).toBe(400);
  });
});
