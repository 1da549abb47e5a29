import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { browserMissing, startConsoleHarness, type ConsoleHarness } from '../support/browser.ts';
import { importFixture, loadFixture } from '../support/test-app.ts';
import { RULE_NAMES } from '../../web/src/i18n/zh.ts';

const expected = loadFixture('world-small.expected.json') as {
  flags: { rule: string }[];
  rotationsDue: { staffNo: string }[];
};

/** Waits as long as a page on a loaded machine may take (expect.poll alone gives up after a second). */
// A browser test on a 2-core machine shared with other runs takes tens of seconds; each gets 3 minutes, a page or a wait 1 minute.
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000 });

const PANELS = {
  flags: '待处理问题线索',
  campaign: /年度申报进度/,
  rotations: /轮岗到期（/,
  certificates: /资格证书到期（/,
};

/** The rows of a chart's data table as [name, ...numbers]. */
async function rowsOf(page: Page, table: string): Promise<string[][]> {
  return page
    .getByRole('table', { name: table })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
}

const tile = (page: Page, label: string) => page.getByRole('group', { name: label }).locator('strong');

describe.skipIf(browserMissing)('the dashboard (工作概览)', () => {
  let h: ConsoleHarness;
  async function open(role: Role): Promise<Page> {
    const page = await h.open(role, '/dashboard');
    page.setDefaultTimeout(60_000);
    await page.getByRole('heading', { name: '工作概览' }).waitFor();
    return page;
  }
  async function panelsShown(page: Page) {
    const shown: string[] = [];
    for (const [panel, name] of Object.entries(PANELS)) {
      if ((await page.getByRole('heading', { name }).count()) > 0) shown.push(panel);
    }
    return shown;
  }

  beforeAll(async () => {
    h = await startConsoleHarness();
    await importFixture(h.ctx, loadFixture('world-small.json'));
    const run = await h.ctx.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: '2026-06-30' },
    });
    expect(run.status).toBeLessThan(300);
  }, 120_000);
  afterAll(() => h?.close());

  it('shows discipline the open flags by rule, totalling the fixture’s 24, and no HR-only panel', async () => {
    const page = await open('discipline');
    await poll(() => tile(page, '待处理线索').textContent()).toBe(String(expected.flags.length));
    expect(expected.flags.length).toBe(24);

    const perRule = new Map<string, number>();
    for (const f of expected.flags) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    const rows = await rowsOf(page, '待处理线索按规则统计');
    expect(new Map(rows.map(([name, n]) => [name!, Number(n)]))).toEqual(
      new Map([...perRule].map(([rule, n]) => [RULE_NAMES[rule] ?? rule, n])),
    );
    const units = await rowsOf(page, '待处理线索按单位统计');
    expect(units.reduce((sum, [, n]) => sum + Number(n), 0)).toBe(24);

    await poll(() => panelsShown(page)).toEqual(['flags', 'campaign', 'certificates']);
    expect(await page.getByRole('group', { name: '轮岗已超期' }).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await h.screenshot(page, 'dashboard-discipline');
    await page.close();
  }, 180_000);

  it('shows HR the rotations due by unit and campaign progress, and no flag panel', async () => {
    const page = await open('hr');
    await poll(() => tile(page, '轮岗已超期').textContent()).toBe('1');
    await poll(() => tile(page, '轮岗 90 天内到期').textContent()).toBe('2');
    expect(await rowsOf(page, '各单位轮岗到期人数')).toEqual([
      ['四方台区大队', '0', '2', '2'],
      ['尖山区大队', '1', '0', '1'],
    ]);
    expect(expected.rotationsDue).toHaveLength(3);

    const progress = (await h.ctx.call('GET', '/api/v1/campaigns/2025/progress', { as: 'hr' })).body;
    const t = progress.totals;
    await poll(() => rowsOf(page, '各单位申报情况')).toContainEqual(
      ['合计', t.population, t.submitted, t.submittedLate, t.overdue, t.inTime].map(String),
    );
    const done = Math.round(((t.submitted + t.submittedLate) / t.population) * 1000) / 10;
    expect(await tile(page, '申报完成率').textContent()).toBe(`${done}%`);

    await poll(() => panelsShown(page)).toEqual(['campaign', 'rotations', 'certificates']);
    expect(await page.getByRole('group', { name: '待处理线索' }).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('shows an investigator the flags and certificates but not campaigns, which their role may not read', async () => {
    const page = await open('investigator');
    await poll(() => tile(page, '待处理线索').textContent()).toBe('24');
    await poll(() => panelsShown(page)).toEqual(['flags', 'certificates']);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('shows an administrator every panel, with certificates bucketed by the days they have left', async () => {
    const page = await open('admin');
    await poll(() => panelsShown(page)).toEqual(['flags', 'campaign', 'rotations', 'certificates']);
    const expiring = (
      await h.ctx.call('GET', '/api/v1/qualifications/expiring?withinDays=365', { as: 'admin' })
    ).body.items as { daysLeft: number }[];
    expect(expiring.length).toBeGreaterThan(0);
    await poll(() => tile(page, '证书 365 天内失效').textContent()).toBe(String(expiring.length));
    const buckets = await rowsOf(page, '证书按剩余天数统计');
    const late = buckets.find(([name]) => name === '181–365 天')!;
    expect(Number(late[1]) + Number(late[2])).toBe(expiring.filter((c) => c.daysLeft > 180).length);
    expect(await page.getByRole('alert').count()).toBe(0);
    await h.screenshot(page, 'dashboard-admin');
    await page.close();
  }, 180_000);

  it('leads from a panel to its desk, inside the console', async () => {
    const page = await open('admin');
    await page.getByRole('link', { name: '进入轮岗与资格 →' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/app/hr');
    await page
      .getByRole('navigation', { name: '工作台' })
      .getByRole('link', { name: '轮岗与资格' })
      .waitFor();
    await page.close();
  }, 180_000);
});
