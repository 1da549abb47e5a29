import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startConsoleHarness, type ConsoleHarness } from '../support/browser.ts';
import { importFixture, loadFixture } from '../support/test-app.ts';

const expected = loadFixture('world-small.expected.json').rotationsDue as { staffNo: string; post: string }[];

/** Waits as long as a page on a loaded machine may take (expect.poll alone gives up after a second); pages get the same. */
// A browser test on a 2-core machine shared with other runs takes tens of seconds; each gets 3 minutes, a page or a wait 1 minute.
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000 });

let h: ConsoleHarness;
async function open(role: 'hr', path: string): Promise<Page> {
  const page = await h.open(role, path);
  page.setDefaultTimeout(60_000);
  return page;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  return { name: file.suggestedFilename(), body: await readFile((await file.path())!) };
}

describe.skipIf(browserMissing)('the HR desk (轮岗与资格)', () => {
  beforeAll(async () => {
    h = await startConsoleHarness();
    await importFixture(h.ctx, loadFixture('world-small.json'));
    // The fixture's posts record no jurisdiction, so the planner can place no one (it cannot check ties).
    // Two administrative posts in other units, with their jurisdictions, give 杨帆 (S017) somewhere to go.
    for (const post of [
      { code: 'ADM-JS-02', name: '尖山区大队内勤', unit: '尖山区大队', jurisdiction: '230502' },
      { code: 'ADM-ZD-02', name: '支队办公室文员', unit: '双鸭山市消防救援支队', jurisdiction: '230500' },
    ]) {
      const res = await h.ctx.call('POST', '/api/v1/posts', {
        as: 'hr',
        body: { ...post, kind: 'administrative', rotationYears: 3 },
      });
      expect(res.status).toBe(201);
    }
  }, 120_000);
  afterAll(() => h?.close());

  it('lists the fixture’s rotations due on 2026-06-30, overdue first, and exports them as CSV and Excel', async () => {
    const page = await open('hr', '/hr');
    const table = page.getByRole('table', { name: '轮岗到期名单' });
    const staffNos = () => table.locator('tbody tr td:first-child').allTextContents();
    await poll(staffNos).toEqual(expected.map((r) => r.staffNo));
    await poll(() => table.locator('tbody tr').first().textContent()).toContain('已超期');
    const tiles = page.getByLabel('轮岗到期统计');
    await poll(() => tiles.textContent()).toMatch(/1已超期2\d+ 天内到期3合计/);
    await h.screenshot(page, 'hr-desk');

    const exports = page.getByRole('group', { name: '导出轮岗到期名单' });
    const csv = await downloaded(page, () => exports.getByRole('button', { name: '导出 CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('工号');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((r) => r.staffNo));

    const xlsx = await downloaded(page, () => exports.getByRole('button', { name: '导出 Excel' }).click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const rows: string[][] = [];
    book.getWorksheet('轮岗到期名单')!.eachRow((row) => rows.push((row.values as string[]).slice(1)));
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual(expected.map((r) => [r.staffNo, r.post]));
    await page.close();
  }, 180_000);

  it('narrows the list by status and by the window of days', async () => {
    const page = await open('hr', '/hr');
    const table = page.getByRole('table', { name: '轮岗到期名单' });
    const staffNos = () => table.locator('tbody tr td:first-child').allTextContents();
    await poll(staffNos).toHaveLength(3);
    await page.getByLabel('状态').selectOption({ label: '即将到期' });
    await poll(staffNos).toEqual(['S018', 'S017']);
    await page.getByLabel('状态').selectOption({ label: '全部' });
    // S019 falls due on 2026-09-29: 91 days after the test clock's day.
    await page.getByLabel('到期期限（天）').fill('91');
    await poll(staffNos).toEqual(['S016', 'S018', 'S017', 'S019']);
    await page.getByLabel('截至日期').fill('2026-07-15');
    await page.getByLabel('到期期限（天）').fill('0');
    await poll(staffNos).toEqual(['S016', 'S018']);
    await page.close();
  }, 180_000);

  it('shows certificates that stop being valid within the chosen window', async () => {
    const page = await open('hr', '/hr/certificates');
    const certs = () =>
      page
        .getByRole('table', { name: '即将失效的资格证书' })
        .locator('tbody tr td:first-child')
        .allTextContents();
    await page.getByText('期限内没有失效的证书。').waitFor();
    await page.getByLabel('到期期限（天）').fill('190');
    await poll(certs).toEqual(['HLJ-ZF-S020-2021']);
    await page.close();
  }, 180_000);

  it('draws up a plan, explains each move, refuses an edit that breaks a rule, takes one that keeps them, and accepts it', async () => {
    const page = await open('hr', '/hr/plans');
    await page.getByLabel('生效日期').fill('2026-06-30');
    await page.getByRole('button', { name: '生成方案' }).click();
    await page.getByRole('heading', { name: /第 \d+ 号轮岗方案/ }).waitFor();

    // 韩梅 and 朱丽 cannot move: the explanation names the constraint, in Chinese.
    const han = page.getByRole('article', { name: 'S016 韩梅' });
    await han.getByText('无可行岗位').first().waitFor();
    await poll(() => han.textContent()).toContain('受阻于“新岗位已登记辖区”');
    const zhu = page.getByRole('article', { name: 'S018 朱丽' });
    await poll(() => zhu.textContent()).toContain('执法单位至少保留两名持证执法人员');
    await poll(() => zhu.textContent()).toContain('调出后四方台区大队剩 1 名持证执法人员');

    // 杨帆 gets one of the two new posts, with the reasons it was chosen.
    const yang = page.getByRole('article', { name: 'S017 杨帆' });
    await poll(() => yang.textContent()).toContain('拟调整');
    await poll(() => yang.textContent()).toContain('选择理由');
    await poll(() => yang.textContent()).toMatch(/共 2 个岗位满足全部约束/);
    expect(await yang.textContent()).toMatch(
      /本人及近亲属在新辖区无利益关联（满足）：在辖区 23050[02] 无利益关联/,
    );
    expect(await page.locator('main').textContent()).not.toMatch(/undefined|\bis not\b|\bkeeps\b/);
    const chosen = (await yang.textContent())!.includes('ADM-JS-02') ? 'ADM-JS-02' : 'ADM-ZD-02';
    const other = chosen === 'ADM-JS-02' ? 'ADM-ZD-02' : 'ADM-JS-02';
    await h.screenshot(page, 'hr-plan');

    // A post whose jurisdiction is not recorded is refused, and the refusal says which rule.
    await yang.getByRole('button', { name: '修改此项' }).click();
    await yang.getByLabel('拟任岗位').selectOption('ADM-SFT-03');
    await yang.getByRole('button', { name: '保存修改' }).click();
    await poll(() => yang.getByRole('alert').textContent()).toContain('新岗位已登记辖区');

    await yang.getByLabel('拟任岗位').selectOption(other);
    await yang.getByLabel('修改说明').fill('按工作需要调整');
    await yang.getByRole('button', { name: '保存修改' }).click();
    await poll(() => yang.textContent()).toContain('已修改');
    await poll(() => yang.textContent()).toContain(other);
    await poll(() => yang.textContent()).toContain('修改说明：按工作需要调整');

    await page.getByRole('button', { name: '接受方案' }).click();
    await page.getByRole('button', { name: '确认接受' }).click();
    await page.getByRole('heading', { name: /已接受/ }).waitFor();
    await poll(() => yang.textContent()).toContain('已执行');
    expect(await page.getByRole('button', { name: '修改此项' }).count()).toBe(0);

    // The move happened: 杨帆 now holds the post HR chose, from the plan's day.
    const held = await h.ctx.call('GET', '/api/v1/assignments?staffNo=S017', { as: 'hr' });
    expect(held.status).toBe(200);
    const current = held.body.items.filter((a: { to: string | null }) => a.to === null);
    expect(current.map((a: { post: string; from: string }) => [a.post, a.from])).toEqual([
      [other, '2026-06-30'],
    ]);

    const plan = page.getByRole('group', { name: '导出轮岗方案' });
    const csv = await downloaded(page, () => plan.getByRole('button', { name: '导出 CSV' }).click());
    const text = csv.body.toString('utf8');
    expect(text).toContain('S017');
    expect(text).toContain(other);
    expect(text).toContain('已执行');
    await page.close();
  }, 180_000);
});
