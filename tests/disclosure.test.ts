import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// 执法公示: the year's accountability counts, for publication, with no personal data in any format.

describe('accountability disclosure report', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
    await importBundle(t.db, t.deps.clock, systemActor('test'), {
      format: 'coi-bundle/1',
      people: [{ ref: 'P901', name: '欧阳明远' }],
      staff: [
        {
          staffNo: 'S901',
          person: 'P901',
          category: 'enforcement_cadre',
          unit: '尖山区消防救援大队',
          jurisdiction: '230502',
          hiredOn: '2012-07-01',
        },
      ],
    });
    const record = async (body: unknown) => {
      const res = await t.call('POST', '/api/v1/findings', { as: 'discipline', body });
      expect(res.status).toBe(201);
      return res.body;
    };
    await record({
      type: 'improper_gain',
      date: '2026-02-01',
      narrative: '张建国的下属许杰利用职权谋利（叙述中含姓名，不得公开）',
      severe: true,
      respondents: [
        {
          staffNo: 'S020',
          responsibility: 'direct',
          sanctions: [{ measure: 'removal', from: '2026-03-01' }],
        },
        {
          staffNo: 'S001',
          responsibility: 'leadership',
          handling: [{ measure: 'admonishment', on: '2026-03-01' }],
        },
      ],
    });
    const corruption = await record({
      type: 'corruption',
      date: '2026-03-10',
      narrative: '欧阳明远收受贿赂',
      respondents: [
        {
          staffNo: 'S901',
          responsibility: 'direct',
          sanctions: [{ measure: 'expulsion', from: '2026-05-01' }],
        },
      ],
    });
    const closed = await t.call('POST', `/api/v1/findings/${corruption.id}/close`, {
      as: 'discipline',
      body: { closedOn: '2026-05-01', referral: { on: '2026-04-20', reference: '双监移〔2026〕3号' } },
    });
    expect(closed.status).toBe(200);
    await record({
      type: 'inaction',
      date: '2026-05-05',
      narrative: '群众举报未核查',
      respondents: [
        { staffNo: 'S014', responsibility: 'direct', handling: [{ measure: 'criticism', on: '2026-05-10' }] },
        { staffNo: 'S016', responsibility: 'direct', handling: [{ measure: 'criticism', on: '2026-05-10' }] },
      ],
    });
    // Another year: not in the 2026 report.
    await record({
      type: 'inaction',
      date: '2025-12-31',
      narrative: '年末积压',
      respondents: [{ staffNo: 'S015', responsibility: 'direct' }],
    });
  });
  afterAll(() => t.close());

  const report = (query: string, as: 'hr' | 'discipline' | 'investigator' | 'admin' | 'staff' = 'hr') =>
    t.call('GET', `/api/v1/reports/accountability?${query}`, { as });

  /** Every name, ID number, staff number and person ref stored, to look for in what is published. */
  const personalData = async () => {
    const people = await t.db.selectFrom('person').select(['ref', 'name', 'idNumber']).execute();
    const staff = await t.db.selectFrom('staff').select('staffNo').execute();
    const values = [
      ...people.flatMap((p) => [p.ref, p.name, ...(p.idNumber ? [p.idNumber] : [])]),
      ...staff.map((s) => s.staffNo),
    ];
    expect(values.length).toBeGreaterThan(100);
    return values;
  };

  it('counts the year’s findings by type, outcome and unit', async () => {
    const res = await report('year=2026');
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2026);
    expect(res.body.totals).toEqual({
      findings: 3,
      severe: 1,
      closed: 1,
      referred: 1,
      respondents: 5,
      direct: 4,
      leadership: 1,
    });
    const byType = Object.fromEntries(res.body.byType.map((r: { type: string }) => [r.type, r]));
    expect(res.body.byType).toHaveLength(10);
    expect(byType.improper_gain).toEqual({
      type: 'improper_gain',
      label: '利用职权谋取不正当利益',
      findings: 1,
      respondents: 2,
    });
    expect(byType.corruption).toMatchObject({ findings: 1, respondents: 1 });
    expect(byType.inaction).toMatchObject({ findings: 1, respondents: 2 });
    expect(byType.delay).toMatchObject({ findings: 0, respondents: 0 });
    const byOutcome = Object.fromEntries(res.body.byOutcome.map((r: { measure: string }) => [r.measure, r]));
    expect(res.body.byOutcome).toHaveLength(13);
    expect(byOutcome.criticism).toEqual({
      category: 'handling',
      measure: 'criticism',
      label: '批评教育',
      findings: 1,
      respondents: 2,
    });
    expect(byOutcome.admonishment).toMatchObject({ findings: 1, respondents: 1 });
    expect(byOutcome.removal).toMatchObject({ category: 'sanction', findings: 1, respondents: 1 });
    expect(byOutcome.expulsion).toMatchObject({ findings: 1, respondents: 1 });
    expect(byOutcome.warning).toMatchObject({ findings: 0, respondents: 0 });
    expect(res.body.byUnit).toEqual([
      { unit: '尖山区消防救援大队', findings: 1, respondents: 1 },
      { unit: '双鸭山市消防救援支队', findings: 2, respondents: 4 },
    ]);
    const other = await report('year=2025');
    expect(other.body.totals).toMatchObject({ findings: 1, respondents: 1 });
  });

  it('contains no name, ID number, staff number or person ref in JSON', async () => {
    const res = await t.app.request('/api/v1/reports/accountability?year=2026', {
      headers: { authorization: `Bearer ${await t.token('hr')}` },
    });
    const raw = await res.text();
    expect(raw).toContain('利用职权谋取不正当利益');
    for (const value of await personalData()) expect(raw, `published ${value}`).not.toContain(value);
  });

  it('exports the same counts as CSV with a BOM, with no personal data', async () => {
    const res = await t.app.request('/api/v1/reports/accountability?year=2026&format=csv', {
      headers: { authorization: `Bearer ${await t.token('discipline')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="accountability-2026.csv"');
    const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(raw.startsWith('\uFEFF年度,分类,代码,项目,案件数,人次\r\n')).toBe(true);
    expect(raw).toContain('2026,问题类型,improper_gain,利用职权谋取不正当利益,1,2\r\n');
    expect(raw).toContain('2026,单位,,双鸭山市消防救援支队,2,4\r\n');
    expect(raw).toContain('2026,合计,referred,移交监察机关,1,\r\n');
    for (const value of await personalData()) expect(raw, `published ${value}`).not.toContain(value);
  });

  it('exports XLSX with the same rows and no personal data in any cell', async () => {
    const res = await t.app.request('/api/v1/reports/accountability?year=2026&format=xlsx', {
      headers: { authorization: `Bearer ${await t.token('admin')}` },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('2026年执法责任追究');
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(sheet.rowCount).toBe(1 + 10 + 13 + 2 + 4);
    const text = cells.join('\n');
    expect(text).toContain('利用职权谋取不正当利益');
    for (const value of await personalData()) expect(text, `published ${value}`).not.toContain(value);
  });

  it('is for the office roles; a staff token and no token are refused', async () => {
    for (const role of ['admin', 'hr', 'discipline', 'investigator'] as const) {
      expect((await report('year=2026', role)).status).toBe(200);
    }
    expect((await report('year=2026', 'staff')).status).toBe(403);
    expect((await t.call('GET', '/api/v1/reports/accountability')).status).toBe(401);
    expect((await report('year=26')).status).toBe(400);
    expect((await report('format=pdf')).status).toBe(400);
    expect((await report('')).body.year).toBe(2026);
  });
});
