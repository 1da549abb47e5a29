import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startConsoleHarness, type ConsoleHarness } from '../support/browser.ts';
import { importFixture, loadFixture } from '../support/test-app.ts';

// The discipline desk (问题线索) on the worked example, screened as of 2026-06-30: 24 open flags.
// The machine running the suite is shared and slow: a page's first render can take seconds.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 250 });
const SLOW = 150_000;

describe.skipIf(browserMissing)('the discipline desk', () => {
  let h: ConsoleHarness;
  let flags: any[];
  const flagOf = (rule: string, staffNo: string) =>
    flags.find((f) => f.rule === rule && f.staffNo === staffNo);
  const statusOf = async (id: string) =>
    (await h.ctx.call('GET', `/api/v1/flags/${id}`, { as: 'discipline' })).body.status;

  beforeAll(async () => {
    h = await startConsoleHarness();
    await importFixture(h.ctx, loadFixture('world-small.json'));
    const screened = await h.ctx.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: '2026-06-30' },
    });
    expect(screened.status).toBe(201);
    flags = (await h.ctx.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' })).body.items;
  }, 120_000);
  afterAll(() => h?.close());

  it(
    'a discipline officer dismisses a flag with a reason and sees it leave the open queue',
    async () => {
      const flag = flagOf('COI-OUTSIDE-POST', 'S005');
      const page = await h.open('discipline', '/discipline');
      const total = page.getByTestId('queue-total');
      await total.waitFor({ timeout: 60_000 }); // the first page of the run loads the desk's code cold
      await poll(() => total.textContent()).toBe('24');
      await page.getByRole('table', { name: '线索列表' }).waitFor();
      // The counts by rule: drawn as bars, and read out as a table for screen readers.
      const byRule = page.getByRole('table', { name: '各规则线索数' });
      const relativeBusiness = byRule.getByRole('row', { name: /本人或近亲属经营消防企业/ });
      expect(await relativeBusiness.textContent()).toBe('本人或近亲属经营消防企业5');
      await page.locator('.chart canvas').first().waitFor();
      await h.screenshot(page, 'discipline-queue');

      await page.getByRole('combobox', { name: /^规则/ }).selectOption('COI-OUTSIDE-POST');
      await poll(() => total.textContent()).toBe('1');
      const queue = page.getByRole('table', { name: '线索列表' });
      await queue.getByRole('link', { name: '在行业协会、中介机构兼职' }).click();
      await page.getByRole('heading', { name: /在行业协会、中介机构兼职：赵敏（S005）/ }).waitFor();

      await page
        .getByLabel('理由（必填）')
        .fill('经核实，赵敏已于 2026 年 5 月辞去协会董事职务，登记尚未变更。');
      await page.getByRole('button', { name: '排除', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已排除此线索' }).waitFor();
      const history = page.getByRole('table', { name: '状态记录' });
      await history.getByText('经核实，赵敏已于 2026 年 5 月辞去协会董事职务').waitFor();
      expect(await statusOf(flag.id)).toBe('dismissed');

      await page.getByRole('link', { name: '返回线索队列' }).first().click();
      await page.getByText('没有符合条件的线索。').first().waitFor();
      expect(await page.getByRole('combobox', { name: /^规则/ }).inputValue()).toBe('COI-OUTSIDE-POST');
      await page.getByRole('combobox', { name: /^规则/ }).selectOption('');
      await poll(() => total.textContent()).toBe('23');
      expect(await page.getByRole('table', { name: '线索列表' }).getByText('赵敏（S005）').count()).toBe(0);

      await page.getByRole('combobox', { name: /^状态/ }).selectOption('dismissed');
      await page.getByRole('table', { name: '线索列表' }).getByText('赵敏（S005）').waitFor();
      await page.close();
    },
    SLOW,
  );

  it(
    'refuses to dismiss without a reason, in Chinese, and leaves the flag open',
    async () => {
      const flag = flagOf('ROT-OVERDUE', 'S016');
      const page = await h.open('discipline', `/discipline/flags/${flag.id}`);
      await page.getByLabel('理由（必填）').fill('   ');
      await page.getByRole('button', { name: '排除', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '请填写排除理由' }).waitFor();
      expect(await page.getByLabel('理由（必填）').getAttribute('aria-invalid')).toBe('true');
      expect(await statusOf(flag.id)).toBe('open');
      await page.close();
    },
    SLOW,
  );

  it(
    'shows an administrator the flag but no decision form, since deciding is the discipline officers’',
    async () => {
      const flag = flagOf('ROT-OVERDUE', 'S016');
      const page = await h.open('admin', `/discipline/flags/${flag.id}`);
      await page.getByText('认定或排除线索由纪检干部作出。').waitFor();
      expect(await page.getByRole('button', { name: '排除', exact: true }).count()).toBe(0);
      await page.close();
    },
    SLOW,
  );

  it(
    'shows the citation, the evidence path as a graph and as records with their dates',
    async () => {
      const flag = flagOf('COI-RELATIVE-BUSINESS', 'S001');
      const page = await h.open('discipline', `/discipline/flags/${flag.id}`);
      const citation = page.getByRole('figure', { name: '依据条款' });
      await citation.getByText(flag.citation.text).waitFor();
      expect(await citation.textContent()).toContain(flag.citation.article);

      const nodes = page.getByTestId('graph-nodes');
      await poll(() => nodes.getByRole('listitem').allTextContents()).toEqual(
        expect.arrayContaining(['张建国（S001）', '李秀英']),
      );
      expect((await nodes.textContent()) ?? '').toContain('双鸭山安泰消防技术服务有限公司');

      const records = page.getByRole('table', { name: '证据记录' });
      const kinship = records.getByRole('row').filter({ hasText: '李秀英 是 张建国 的配偶' });
      await kinship.waitFor();
      const shares = records.getByRole('row').filter({ hasText: '股东，40%' });
      expect(await shares.textContent()).toContain('2019-04-01 至 今');
      expect(await shares.textContent()).toContain('工商登记');

      const history = page.getByRole('table', { name: '状态记录' });
      expect(await history.getByRole('row').filter({ hasText: '待处理' }).count()).toBe(1);
      await page.getByRole('img', { name: '证据路径图' }).waitFor();
      await h.screenshot(page, 'discipline-flag');

      await page.getByRole('link', { name: '在关系图谱中展开' }).click();
      await poll(() => page.url()).toContain('/app/graph?node=person%3AP1&asOf=2026-06-30');
      await page.close();
    },
    SLOW,
  );

  it(
    'pages through the queue 20 at a time',
    async () => {
      const page = await h.open('discipline', '/discipline?status=all');
      const rows = page.getByRole('table', { name: '线索列表' }).locator('tbody tr');
      await poll(() => rows.count()).toBe(20);
      await page.getByRole('button', { name: '下一页' }).click();
      await poll(() => rows.count()).toBe(flags.length - 20);
      expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: '上一页' }).click();
      await poll(() => rows.count()).toBe(20);
      await page.close();
    },
    SLOW,
  );

  it(
    '开始筛查 screens again and reports what changed; the dismissed flag stays dismissed',
    async () => {
      const page = await h.open('discipline', '/discipline');
      await page.getByLabel('筛查基准日').fill('2026-06-30');
      await page.getByRole('button', { name: '开始筛查' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: '筛查完成（基准日 2026-06-30）：新发现 0 条' })
        .waitFor();
      await poll(() => page.getByTestId('queue-total').textContent()).toBe('23');
      expect(await statusOf(flagOf('COI-OUTSIDE-POST', 'S005').id)).toBe('dismissed');
      await page.close();
    },
    SLOW,
  );

  it(
    'shows a declaration under review with what was declared beside what the records know',
    async () => {
      const page = await h.open('discipline', '/discipline/declarations');
      await page.getByRole('table', { name: '申报列表' }).getByRole('link', { name: '陈静' }).click();
      await page.getByRole('heading', { name: '陈静（S004）2025 年度申报' }).waitFor();
      const ties = page.getByRole('table', { name: '任职持股对照' });
      const undeclared = ties.getByRole('row').filter({ hasText: '北方消防工程有限公司' });
      await undeclared.waitFor();
      const cells = await undeclared.getByRole('cell').allTextContents();
      expect(cells[2]).toBe('未申报');
      expect(cells[3]).toContain('法定代表人（2020-01-01 至 今）');
      expect(cells[4]).toContain('未报');
      await h.screenshot(page, 'discipline-declaration-review');
      await page.close();
    },
    SLOW,
  );

  it(
    'returns a declaration for correction only with a comment, and lists it as returned',
    async () => {
      const page = await h.open('discipline', '/discipline/declarations/S002/2025');
      await page.getByRole('heading', { name: '王磊（S002）2025 年度申报' }).waitFor();
      await page.getByRole('button', { name: '退回更正' }).click();
      await page.getByRole('alert').filter({ hasText: '退回申报须写明需要更正的内容' }).waitFor();
      await page
        .getByLabel('审核意见（退回时必填）')
        .fill('请补报配偶在北方消防工程有限公司的任职起止日期。');
      await page.getByRole('button', { name: '退回更正' }).click();
      await page.getByRole('status').filter({ hasText: '已退回申报人更正' }).waitFor();
      await page.getByText('请补报配偶在北方消防工程有限公司的任职起止日期。').waitFor();

      await page.getByRole('link', { name: '返回申报审核' }).click();
      const list = page.getByRole('table', { name: '申报列表' });
      await list.getByRole('link', { name: '张建国' }).waitFor();
      expect(await list.getByRole('link', { name: '王磊' }).count()).toBe(0);
      await page.getByRole('combobox', { name: /^审核状态/ }).selectOption('returned');
      await list.getByRole('link', { name: '王磊' }).waitFor();
      await page.close();
    },
    SLOW,
  );

  it(
    'records a finding from a flag and lists it',
    async () => {
      const flag = flagOf('COI-DESIGNATE', 'S012');
      const page = await h.open('discipline', `/discipline/flags/${flag.id}`);
      await page.getByRole('link', { name: '据此建立问责记录' }).click();
      await page.getByText('据线索建立：指定承包单位').waitFor();
      expect(await page.getByLabel('人员编号').inputValue()).toBe('S012');
      await page.getByRole('button', { name: '保存问责记录' }).click();
      await page.getByRole('alert').filter({ hasText: '请填写：基本情况' }).waitFor();
      await page.getByLabel('基本情况').fill('褚亮在监督检查中向业主指定北方消防工程有限公司承接消防工程。');
      await page.getByLabel('政务处分').selectOption('warning');
      await page.getByRole('button', { name: '保存问责记录' }).click();
      await page.getByRole('heading', { name: /违规从业、兼职、指定/ }).waitFor();
      await page.getByRole('table', { name: '被问责人员' }).getByText('警告').waitFor();

      const findings = (await h.ctx.call('GET', '/api/v1/findings', { as: 'discipline' })).body.items;
      expect(findings).toHaveLength(1);
      expect(findings[0].concerns.flags).toEqual([flag.id]);
      await page.getByRole('link', { name: '返回问责记录' }).click();
      await page.getByRole('table', { name: '问责记录列表' }).getByText('S012').waitFor();
      await page.close();
    },
    SLOW,
  );
});
