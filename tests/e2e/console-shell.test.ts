import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startConsoleHarness, type ConsoleHarness } from '../support/browser.ts';
import { importFixture, loadFixture } from '../support/test-app.ts';

describe.skipIf(browserMissing)('the web console shell', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness({ config: { devSignIn: 'on' } });
    await importFixture(h.ctx, loadFixture('world-small.json'));
  }, 120_000);
  afterAll(() => h?.close());

  it('a staff token sees only 我的申报 in the menu', async () => {
    const page = await h.open('staff', '/', { sub: 'S001' });
    const nav = page.getByRole('navigation', { name: '工作台' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['我的申报']);
    await page.close();
  });

  it('a staff token cannot open the discipline desk, even by its address', async () => {
    const page = await h.open('staff', '/discipline', { sub: 'S001' });
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await page.getByRole('link', { name: '问题线索' }).count()).toBe(0);
    await h.screenshot(page, 'staff-refused-discipline-desk');
    await page.close();
  });

  it('an administrator sees every desk', async () => {
    const page = await h.open('admin', '/');
    const nav = page.getByRole('navigation', { name: '工作台' });
    await expect
      .poll(() => nav.getByRole('link').allTextContents())
      .toEqual(['工作概览', '问题线索', '轮岗与资格', '关系图谱']);
    await page.close();
  });

  it('the development sign-in mints a token for the chosen role', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/app/`);
    await page
      .getByRole('region', { name: '开发环境登录' })
      .getByRole('button', { name: '人事干部' })
      .click();
    // In the menu: the dashboard it lands on also links to the desk, once its panels load.
    await page
      .getByRole('navigation', { name: '工作台' })
      .getByRole('link', { name: '轮岗与资格' })
      .waitFor();
    await h.screenshot(page, 'signed-in-as-hr');
    await context.close();
  });

  it('a pasted token that the server refuses is reported in Chinese and nothing opens', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/app/`);
    await page.getByLabel('访问令牌').fill('not-a-token');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '令牌无效或已过期' }).waitFor();
    await context.close();
  });
});
