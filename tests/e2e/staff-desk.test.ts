import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startConsoleHarness, type ConsoleHarness } from '../support/browser.ts';
import { importFixture, loadFixture } from '../support/test-app.ts';

// 我的申报 on the worked example: one campaign (2025, due 2026-01-31), the test clock on 2026-06-30. S023 施伟 is
// covered by it and has not declared; S001 and S002 submitted in January.

describe.skipIf(browserMissing)('the staff desk (我的申报)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
    await importFixture(h.ctx, loadFixture('world-small.json'));
  }, 120_000);
  afterAll(() => h?.close());

  const mine = async (staffNo: string) =>
    (await h.ctx.call('GET', '/api/v1/campaigns/2025', { as: 'staff', sub: staffNo })).body.mine;
  const group = (page: Page, name: RegExp) => page.getByRole('group', { name });
  /** A card of the desk, by its heading. */
  const card = (page: Page, title: string) =>
    page.locator('section', { has: page.getByRole('heading', { name: title, exact: true }) });

  it('a staff member who has not declared fills in the form, submits it, and sees it in the history', async () => {
    const page = await h.open('staff', '/declarations', { sub: 'S023' });
    const campaign = card(page, '2025 年度涉消事项申报');
    await campaign.getByText('2026-01-31').waitFor();
    await campaign.getByText('已逾期 150 天，尚未提交').waitFor();
    await page.getByRole('table', { name: '申报记录' }).waitFor({ state: 'detached' });
    await page.getByText('还没有提交过申报。').waitFor();

    await campaign.getByRole('link', { name: '填写申报' }).click();
    await page.getByRole('heading', { name: '2025 年度申报' }).waitFor();
    await page.getByRole('button', { name: '添加亲属' }).click();
    const son = group(page, /亲属 1/);
    await son.getByLabel('姓名', { exact: true }).fill('施小明');
    await son.getByLabel('与本人关系').selectOption({ label: '子女' });
    await page.getByRole('button', { name: '添加任职持股' }).click();
    const tie = group(page, /任职持股 1/);
    await tie.getByLabel('人员', { exact: true }).selectOption({ label: '施小明（子女）' });
    await tie.getByLabel('统一社会信用代码').fill('91230503MA1B00003H');
    await tie.getByLabel('身份', { exact: true }).selectOption({ label: '员工' });
    await tie.getByLabel('起始日期').fill('2025-03-01');
    await expect.poll(() => page.getByLabel(/无申报事项/).isDisabled()).toBe(true);

    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
    expect(await mine('S023')).toMatchObject({ version: null, draft: { state: 'open' } });
    await h.screenshot(page, 'staff-desk-form');

    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByRole('status').filter({ hasText: '已提交 2025 年度申报（第 1 版）' }).waitFor();
    const history = page.getByRole('table', { name: '申报记录' });
    const row = history.getByRole('row').filter({ hasText: '2025 年度' });
    await expect.poll(() => row.textContent()).toContain('第 1 版');
    expect(await row.textContent()).toContain('2026-06-30');
    await campaign.getByText('逾期提交（晚 150 天）').waitFor();
    await h.screenshot(page, 'staff-desk');

    await history.getByRole('link', { name: '2025 年度各版本' }).click();
    const v1 = card(page, '第 1 版');
    await v1.getByText('2026-06-30 提交').waitFor();
    await v1.getByText(/子女：施小明/).waitFor();
    await v1.getByText(/北方消防工程有限公司 · 员工/).waitFor();
    expect(await mine('S023')).toMatchObject({ version: 1, submittedOn: '2026-06-30', review: 'pending' });
    await page.close();
  }, 120_000);

  it('shows a problem the server finds in Chinese, at its field, and submits nothing', async () => {
    const page = await h.open('staff', '/declarations/2025/edit', { sub: 'S001' });
    await page.getByRole('heading', { name: '更正 2025 年度申报' }).waitFor();
    await page.getByRole('button', { name: '添加亲属' }).click();
    const added = group(page, /亲属 2/);
    await added.getByLabel('与本人关系').selectOption({ label: '子女' });
    await page.getByLabel('更正原因（必填）').fill('漏报了儿子');
    await page.getByRole('button', { name: '提交更正' }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('申报内容有误，请按下列提示修改').waitFor();
    expect(await alert.getByRole('listitem').allTextContents()).toEqual([
      '亲属 2 · 姓名：尚未登记的人员须填写姓名',
    ]);
    expect(await added.getByLabel('姓名', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await added.getByText('尚未登记的人员须填写姓名').waitFor();
    expect(await mine('S001')).toMatchObject({ version: 1, amendedOn: null });
    await h.screenshot(page, 'staff-desk-problem');
    await page.close();
  }, 120_000);

  it('refuses an amendment without a reason; with one it becomes version 2 and both versions stay', async () => {
    const page = await h.open('staff', '/declarations', { sub: 'S002' });
    await page.getByRole('link', { name: '更正申报' }).click();
    await page.getByRole('heading', { name: '更正 2025 年度申报' }).waitFor();
    await group(page, /亲属 1/)
      .getByLabel('与本人关系')
      .selectOption({ label: '配偶的兄弟姐妹' });
    await page.getByRole('button', { name: '提交更正' }).click();
    await page.getByRole('alert').getByText('更正已提交的申报，须填写更正原因').waitFor();
    expect(await page.getByLabel('更正原因（必填）').getAttribute('aria-invalid')).toBe('true');
    expect(await mine('S002')).toMatchObject({ version: 1, amendedOn: null });

    await page.getByLabel('更正原因（必填）').fill('关系填错');
    // S002 declared a relative and no tie: the amendment says so explicitly.
    await page.getByLabel(/无申报事项/).check();
    await page.getByRole('button', { name: '提交更正' }).click();
    await page.getByRole('status').filter({ hasText: '第 2 版' }).waitFor();
    await page.getByRole('link', { name: '2025 年度各版本' }).click();
    await card(page, '第 2 版').getByText('更正原因：关系填错').waitFor();
    await card(page, '第 1 版').getByText('已被更正').waitFor();
    expect(await mine('S002')).toMatchObject({ version: 2, amendedOn: '2026-06-30' });
    await page.close();
  }, 120_000);

  it('works on a phone-width screen: nothing wider than 375 px', async () => {
    const page = await h.open('staff', '/declarations/2025/edit', { sub: 'S004', width: 375 });
    await page.getByRole('heading', { name: '更正 2025 年度申报' }).waitFor();
    await group(page, /任职持股 1/).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await h.screenshot(page, 'staff-desk-phone');
    await page.close();
  }, 120_000);
});
