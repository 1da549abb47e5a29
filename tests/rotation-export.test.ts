import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('the rotation due list of world-small: summaries per unit and post kind, CSV and XLSX', () => {
  let t: TestContext;
  const expected = loadFixture('world-small.expected.json').rotationsDue as {
    staffNo: string;
    post: string;
    since: string;
    dueOn: string;
    status: string;
  }[];

  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('gives the three rotations of the fixture through the due list', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due?asOf=2026-06-30', { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expected);
  });

  it('counts them per unit and per post kind', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due/summary?asOf=2026-06-30', { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      asOf: '2026-06-30',
      withinDays: 90,
      overdue: 1,
      due: 2,
      total: 3,
      byUnit: [
        { unit: '四方台区大队', overdue: 0, due: 2, total: 2 },
        { unit: '尖山区大队', overdue: 1, due: 0, total: 1 },
      ],
      byPostKind: [
        { postKind: 'administrative', overdue: 0, due: 1, total: 1 },
        { postKind: 'enforcement', overdue: 1, due: 1, total: 2 },
      ],
    });
  });

  it('takes in the next assignment when the horizon reaches its due day', async () => {
    // S019's post falls due on 2026-09-29, 91 days after 2026-06-30.
    const res = await t.call('GET', '/api/v1/rotations/due/summary?asOf=2026-06-30&withinDays=91', {
      as: 'admin',
    });
    expect(res.body).toMatchObject({ total: 4, due: 3 });
  });

  it('exports the list as CSV in the same order, overdue first', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due/export?asOf=2026-06-30&format=csv', { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="rotations-due-2026-06-30.csv"',
    );
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('工号,姓名,单位,岗位代码,岗位名称,岗位类别,任职起始,应轮岗日期,状态');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((r) => r.staffNo));
    expect(lines[1]).toBe(
      'S016,韩梅,尖山区大队,ENF-JS-01,尖山区大队防火监督员,执法岗位,2021-03-01,2026-03-01,已超期',
    );
  });

  it('exports one unit as XLSX', async () => {
    const res = await t.app.request(
      '/api/v1/rotations/due/export?asOf=2026-06-30&format=xlsx&unit=四方台区大队',
      {
        headers: { authorization: `Bearer ${await t.token('hr')}` },
      },
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('轮岗到期名单')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as string[]).slice(1)));
    expect(rows.map((r) => [r[0], r[3], r[8]])).toEqual([
      ['工号', '岗位代码', '状态'],
      ['S018', 'ENF-SFT-01', '即将到期'],
      ['S017', 'ADM-SFT-02', '即将到期'],
    ]);
  });

  it('is for HR and admins only', async () => {
    expect((await t.call('GET', '/api/v1/rotations/due/summary', { as: 'discipline' })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/rotations/due/export', { as: 'staff', sub: 'S016' })).status).toBe(
      403,
    );
  });
});
