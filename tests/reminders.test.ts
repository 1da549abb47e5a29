import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import type { Clock } from '../src/clock.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const world = loadFixture('world-small.json');

function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => (at = new Date(next)) };
}

describe('reminders for declarations still owed', () => {
  let t: TestContext;
  const clock = movableClock('2027-01-22T02:00:00Z'); // 9 days before the 2026 campaign's due date
  beforeAll(async () => {
    t = await createTestContext({ clock });
    await importBundle(t.db, clock, systemActor('test'), world);
    // A second unit, so the counts per unit mean something.
    await importBundle(t.db, clock, systemActor('test'), {
      format: 'coi-bundle/1',
      people: [{ ref: 'Q1', name: '孟凡' }],
      staff: [
        {
          staffNo: 'S101',
          person: 'Q1',
          category: 'firefighter',
          unit: '尖山区大队',
          jurisdiction: '230502',
          hiredOn: '2020-01-01',
        },
      ],
    });
    expect((await t.call('POST', '/api/v1/campaigns', { as: 'admin', body: { year: 2026 } })).status).toBe(
      201,
    );
    for (const staffNo of ['S001', 'S002']) {
      const res = await t.call('POST', `/api/v1/declarations/${staffNo}/2026/submissions`, {
        as: 'staff',
        sub: staffNo,
        body: { items: [], nothingToReport: true },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const serving2026 = () =>
    world.staff
      .filter((s: any) => s.hiredOn <= '2026-12-31' && (s.departedOn === null || s.departedOn > '2026-12-31'))
      .map((s: any) => s.staffNo);

  it('lists who still owes, with days left, and due-soon counts per unit', async () => {
    const res = await t.call('GET', '/api/v1/campaigns/2026/reminders?limit=1000', { as: 'discipline' });
    expect(res.status).toBe(200);
    const owing = [...serving2026().filter((no: string) => no !== 'S001' && no !== 'S002'), 'S101'];
    expect(res.body.items.map((r: any) => r.staffNo).sort()).toEqual(owing.sort());
    expect(res.body.items[0]).toMatchObject({
      urgency: 'due_soon',
      daysLeft: 9,
      daysOverdue: null,
      dueOn: '2027-01-31',
    });
    expect(res.body.byUnit).toEqual([
      {
        unit: '双鸭山市消防救援支队',
        owing: owing.length - 1,
        overdue: 0,
        dueSoon: owing.length - 1,
        notYetDue: 0,
      },
      { unit: '尖山区大队', owing: 1, overdue: 0, dueSoon: 1, notYetDue: 0 },
    ]);
    const notYet = await t.call('GET', '/api/v1/campaigns/2026/reminders?withinDays=7', { as: 'hr' });
    expect(notYet.body.totals).toMatchObject({ dueSoon: 0, notYetDue: owing.length });
  });

  it('sends one recorded reminder per staff member owing, and not twice on one day', async () => {
    const sent = await t.call('POST', '/api/v1/campaigns/2026/reminders', {
      as: 'discipline',
      sub: 'D07',
      body: { note: '请于1月31日前完成年度涉消事项申报' },
    });
    expect(sent.status).toBe(201);
    const owing = (await t.call('GET', '/api/v1/campaigns/2026/reminders?limit=1000', { as: 'admin' })).body
      .items;
    expect(sent.body.sent.map((s: any) => s.staffNo).sort()).toEqual(owing.map((o: any) => o.staffNo).sort());
    expect(sent.body.sent[0]).toMatchObject({ sentOn: '2027-01-22', daysLeft: 9, urgency: 'due_soon' });
    const again = await t.call('POST', '/api/v1/campaigns/2026/reminders', { as: 'discipline', body: {} });
    expect(again.body.sent).toEqual([]);
    expect(again.body.skipped).toHaveLength(owing.length);
    const log = await t.call('GET', '/api/v1/campaigns/2026/reminders/sent?staffNo=S013', { as: 'hr' });
    expect(log.body.items).toEqual([
      expect.objectContaining({
        staffNo: 'S013',
        sentOn: '2027-01-22',
        sentBy: 'D07',
        channel: 'in_app',
        standing: 'in_time',
        daysLeft: 9,
        note: '请于1月31日前完成年度涉消事项申报',
      }),
    ]);
    const audit = await t.call('GET', '/api/v1/audit?action=send-declaration-reminders', { as: 'admin' });
    expect(audit.body.items.at(-1).objectKeys.staffNos).toHaveLength(owing.length);
  });

  it('proves "reminded on …" to the staff member and in the list', async () => {
    const mine = await t.call('GET', '/api/v1/campaigns/2026', { as: 'staff', sub: 'S013' });
    expect(mine.body.mine.reminders).toEqual([
      { sentOn: '2027-01-22', standing: 'in_time', daysLeft: 9, note: '请于1月31日前完成年度涉消事项申报' },
    ]);
    const list = await t.call('GET', '/api/v1/campaigns/2026/reminders?unit=尖山区大队', { as: 'admin' });
    expect(list.body.items).toEqual([
      expect.objectContaining({ staffNo: 'S101', lastRemindedOn: '2027-01-22', reminders: 1 }),
    ]);
  });

  it('after the due date: days overdue, overdue counts, and reminders only to those named', async () => {
    clock.set('2027-02-05T02:00:00Z');
    const res = await t.call('GET', '/api/v1/campaigns/2026/reminders?urgency=overdue&limit=2', {
      as: 'admin',
    });
    expect(res.body.items[0]).toMatchObject({ urgency: 'overdue', daysLeft: null, daysOverdue: 5 });
    expect(res.body.nextCursor).not.toBeNull();
    expect(res.body.totals.overdue).toBe(res.body.totals.owing);
    const bad = await t.call('POST', '/api/v1/campaigns/2026/reminders', {
      as: 'discipline',
      body: { staffNos: ['S013', 'S001', 'S999'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['/staffNos/1', '/staffNos/2']);
    const named = await t.call('POST', '/api/v1/campaigns/2026/reminders', {
      as: 'discipline',
      body: { staffNos: ['S013'] },
    });
    expect(named.body.sent).toEqual([
      expect.objectContaining({ staffNo: 'S013', urgency: 'overdue', daysLeft: -5 }),
    ]);
    const log = await t.call('GET', '/api/v1/campaigns/2026/reminders/sent?staffNo=S013', { as: 'admin' });
    expect(log.body.items.map((r: any) => [r.sentOn, r.standing, r.daysLeft])).toEqual([
      ['2027-01-22', 'in_time', 9],
      ['2027-02-05', 'overdue', -5],
    ]);
  });

  it('exports the list as CSV (BOM, Chinese headers) and XLSX', async () => {
    const csv = await t.call('GET', '/api/v1/campaigns/2026/reminders/export?format=csv&unit=尖山区大队', {
      as: 'discipline',
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="declaration-reminders-2026-2027-02-05.csv"',
    );
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      '工号,姓名,单位,状态,截止日期,剩余天数,逾期天数,最近提醒日期,已提醒次数',
      'S101,孟凡,尖山区大队,逾期未报,2027-01-31,,5,2027-01-22,1',
    ]);
    const res = await t.app.request('/api/v1/campaigns/2026/reminders/export?format=xlsx', {
      headers: { authorization: `Bearer ${await t.token('discipline')}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('工号');
    const owing = (await t.call('GET', '/api/v1/campaigns/2026/reminders?limit=1000', { as: 'admin' })).body
      .items;
    expect(sheet.rowCount).toBe(owing.length + 1);
  });

  it('is for the offices: a staff member may not read the list or send reminders', async () => {
    expect(
      (await t.call('GET', '/api/v1/campaigns/2026/reminders', { as: 'staff', sub: 'S013' })).status,
    ).toBe(403);
    expect((await t.call('POST', '/api/v1/campaigns/2026/reminders', { as: 'hr', body: {} })).status).toBe(
      403,
    );
    expect((await t.call('GET', '/api/v1/campaigns/1999/reminders', { as: 'admin' })).status).toBe(404);
  });
});
