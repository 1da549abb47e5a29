import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserMissing,
  SCREENSHOT_DIR,
  startConsoleHarness,
  type ConsoleHarness,
} from '../support/browser.ts';
import { importFixture, loadFixture } from '../support/test-app.ts';

// The investigator desk (关系图谱) on the worked example: 张建国 (S001) is married to 李秀英, a 40% shareholder of
// 双鸭山安泰消防技术服务有限公司 since 2019-04-01, and inspected that company himself (A6, 2026-05-10).
// The machine is shared and slow; the graph is laid out and drawn in the browser.
const SLOW = { timeout: 20_000 };
const ANTAI = '双鸭山安泰消防技术服务有限公司';

const drawnNodes = (page: Page) => page.getByTestId('graph-nodes').locator('li').allTextContents();
const drawnEdges = (page: Page) =>
  page
    .getByTestId('graph-edges')
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-edge')));

/** Searches a picker (中心对象, 起点, 终点) and picks the result whose text matches. */
async function pick(page: Page, picker: string, text: string, result: RegExp) {
  await page.getByRole('searchbox', { name: picker }).fill(text);
  await page.getByRole('button', { name: `查找${picker}` }).click();
  await page
    .getByRole('list', { name: `${picker}：查找结果` })
    .getByRole('button', { name: result })
    .click();
}

/** The desk, once its chunk has loaded (the first page of a run waits for the build's chunks). */
async function openDesk(h: ConsoleHarness) {
  const page = await h.open('investigator', '/graph');
  await page.getByRole('heading', { name: '关系图谱' }).waitFor({ timeout: 30_000 });
  return page;
}

async function setAsOf(page: Page, day: string) {
  await page.getByLabel('查询日期').fill(day);
}

// The page's own globals, typed here because the tests compile without the DOM library.
interface Picture {
  src: string;
  width: number;
  height: number;
  decode(): Promise<void>;
}
interface PageGlobals {
  Image: new () => Picture;
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(image: Picture, x: number, y: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
  };
}

/** Reads the drawn canvas back (sigma draws with WebGL, so from a screenshot): which pixels are painted, and where. */
async function canvasPixels(page: Page, canvas: Locator, colour?: [number, number, number]) {
  const png = (await canvas.screenshot()).toString('base64');
  return page.evaluate(
    async ({ data, colour }) => {
      const w = globalThis as unknown as PageGlobals;
      const img = new w.Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const c = w.document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      const distance = (i: number, [r, gr, b]: [number, number, number]) =>
        Math.abs(px[i]! - r) + Math.abs(px[i + 1]! - gr) + Math.abs(px[i + 2]! - b);
      let painted = 0;
      let matched = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < px.length; i += 4) {
        // The canvas background is #fcfcfd; nodes and edges are saturated colours.
        if (distance(i, [0xfc, 0xfc, 0xfd]) > 60) painted++;
        if (colour && distance(i, colour) < 30) {
          matched++;
          sx += (i / 4) % c.width;
          sy += Math.floor(i / 4 / c.width);
        }
      }
      return { painted, matched, at: matched ? { x: sx / matched, y: sy / matched } : null };
    },
    { data: png, colour },
  );
}

const paintedPixels = async (page: Page, canvas: Locator) => (await canvasPixels(page, canvas)).painted;

describe.skipIf(browserMissing)('the investigator desk (关系图谱)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
    await importFixture(h.ctx, loadFixture('world-small.json'));
  }, 120_000);
  afterAll(() => h?.close());

  it('draws S001’s neighbourhood and the paths from S001 to 双鸭山安泰消防技术服务有限公司, hop by hop', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-06-30');
    await pick(page, '中心对象', 'S001', /张建国（S001）/);

    // Two steps out (the default): his spouse, the inspection he took part in, the company and his co-inspector.
    await expect
      .poll(() => drawnNodes(page), SLOW)
      .toEqual(
        expect.arrayContaining([
          '张建国（S001）',
          '李秀英',
          '检查 A6 2026-05-10',
          `${ANTAI}（维护保养检测机构）`,
          '韩梅（S016）',
        ]),
      );
    const canvas = page.getByRole('img', { name: '关系网络图' });
    await expect.poll(() => paintedPixels(page, canvas), SLOW).toBeGreaterThan(500);
    await page.getByText('按 2026-06-30 有效的关系绘制').waitFor();
    await h.screenshot(page, 'investigator-neighbourhood');

    await pick(page, '起点', 'S001', /张建国（S001）/);
    await pick(page, '终点', '安泰', new RegExp(ANTAI));
    await page.getByRole('button', { name: '查找路径' }).click();

    const list = page.getByRole('list', { name: '路径列表' });
    await list.waitFor();
    const first = page.getByRole('list', { name: '路径 1' });
    const second = page.getByRole('list', { name: '路径 2' });
    expect(await page.getByRole('status').filter({ hasText: '找到 2 条路径' }).count()).toBe(1);
    // Both are two steps: through the inspection he did, and through his wife's shareholding.
    const hops = [await first.locator('li').allTextContents(), await second.locator('li').allTextContents()];
    const byInspection = hops.find((p) => p.some((t) => t.includes('检查 A6')))!;
    const byWife = hops.find((p) => p.some((t) => t.includes('李秀英')))!;
    expect(byInspection).toHaveLength(3);
    expect(byInspection[0]).toBe('张建国（S001）');
    expect(byInspection[1]).toMatch(/参与执法：参与执法 2026-05-10（2026-05-10 起）\s*检查 A6 2026-05-10$/);
    expect(byInspection[2]).toMatch(new RegExp(`执法对象：执法对象 2026-05-10.*${ANTAI}`));
    expect(byWife).toHaveLength(3);
    expect(byWife[1]).toMatch(/亲属关系：李秀英 是 张建国 的配偶（无起止日期）\s*李秀英$/);
    expect(byWife[2]).toMatch(new RegExp(`任职、持股：股东，40%，2019-04-01 起（2019-04-01 起）.*${ANTAI}`));

    // The paths' ties are drawn.
    await expect
      .poll(() => drawnEdges(page), SLOW)
      .toEqual(
        expect.arrayContaining([
          'kinship:P1|P1W',
          'affiliation:P1W|91230502MA1B00001W|shareholder|2019-04-01',
          'participation:A6|S001',
          'target:A6',
        ]),
      );
    await page.getByRole('button', { name: '在图中突出路径 2' }).click();
    await page.getByRole('button', { name: '取消突出' }).waitFor();
    expect(await paintedPixels(page, canvas)).toBeGreaterThan(500);
    await h.screenshot(page, 'investigator-path');
    await page.close();
  }, 120_000);

  it('expanding a node adds its ties to the drawing', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-06-30');
    await page.getByLabel('关系层数').selectOption('1');
    await pick(page, '中心对象', '张建国', /张建国（S001）/);
    await expect
      .poll(async () => (await drawnNodes(page)).sort(), SLOW)
      .toEqual(['张建国（S001）', '李秀英', '检查 A6 2026-05-10'].sort());

    await page.getByText(/图中对象（3 个）/).click();
    await page.getByRole('button', { name: '展开 李秀英' }).click();
    await expect.poll(() => drawnNodes(page), SLOW).toContain(`${ANTAI}（维护保养检测机构）`);
    expect(await drawnNodes(page)).not.toContain('韩梅（S016）');
    await page.close();
  }, 120_000);

  it('clicking a node in the picture expands it', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-06-30');
    await page.getByLabel('关系层数').selectOption('1');
    await pick(page, '中心对象', 'S001', /张建国（S001）/);
    await expect.poll(async () => (await drawnNodes(page)).length, SLOW).toBe(3);
    // 李秀英 is the only person drawn who is not staff: the one node in the person blue (#2563eb).
    const canvas = page.getByRole('img', { name: '关系网络图' });
    const wife = await canvasPixels(page, canvas, [0x25, 0x63, 0xeb]);
    expect(wife.matched).toBeGreaterThan(50);
    await canvas.click({ position: wife.at! });
    await expect.poll(() => drawnNodes(page), SLOW).toContain(`${ANTAI}（维护保养检测机构）`);
    await page.close();
  }, 120_000);

  it('draws the ties in force on the chosen day, of the chosen kinds', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-05-01');
    await page.getByLabel('关系层数').selectOption('1');
    await pick(page, '中心对象', 'S001', /张建国（S001）/);
    // Before the inspection of 2026-05-10 there is only his wife.
    await expect.poll(() => drawnNodes(page), SLOW).toEqual(['张建国（S001）', '李秀英']);

    await setAsOf(page, '2026-06-30');
    await expect.poll(async () => (await drawnNodes(page)).length, SLOW).toBe(3);
    await page.getByRole('checkbox', { name: '亲属关系' }).uncheck();
    await expect.poll(() => drawnNodes(page), SLOW).toEqual(['张建国（S001）', '检查 A6 2026-05-10']);
    await page.close();
  }, 120_000);

  it('keeps the view in its address, so a link or a reload opens the same neighbourhood', async () => {
    const page = await h.open('investigator', '/graph?node=staff:S016&asOf=2026-06-30&depth=1');
    await expect
      .poll(async () => (await drawnNodes(page)).sort(), SLOW)
      .toEqual(
        [
          '韩梅（S016）',
          '检查 A3 2026-03-20',
          '检查 A4 2026-05-20',
          '检查 A5 2026-06-01',
          '检查 A6 2026-05-10',
          '检查 A7 2023-12-01',
        ].sort(),
      );
    await page.getByText('中心：韩梅（S016）').waitFor();

    await pick(page, '中心对象', 'S001', /张建国（S001）/);
    await expect.poll(() => new URL(page.url()).searchParams.get('node'), SLOW).toBe('person:P1');
    await page.reload();
    await expect.poll(() => drawnNodes(page), SLOW).toContain('李秀英');
    expect(await page.getByLabel('关系层数').inputValue()).toBe('1');
    await page.close();
  }, 120_000);

  it('says so when the server cut the neighbourhood at the node cap', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-06-30');
    await page.getByLabel('关系层数').selectOption('3');
    await page.getByLabel('节点上限').selectOption('20');
    // 韩梅 (S016) has 22 nodes within three steps.
    await pick(page, '中心对象', 'S016', /韩梅（S016）/);
    await page
      .getByRole('status')
      .filter({ hasText: '结果已截断：韩梅（S016） 的关系超过节点上限（20 个）' })
      .waitFor();
    expect(await drawnNodes(page)).toHaveLength(20);
    await page.getByLabel('节点上限').selectOption('100');
    await expect.poll(async () => (await drawnNodes(page)).length, SLOW).toBe(22);
    expect(await page.getByRole('status').filter({ hasText: '结果已截断' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('a search with no match says so', async () => {
    const page = await openDesk(h);
    await page.getByRole('searchbox', { name: '中心对象' }).fill('欧阳无此人');
    await page.getByRole('button', { name: '查找中心对象' }).click();
    await page.getByRole('status').filter({ hasText: '没有找到与“欧阳无此人”匹配的人员或单位' }).waitFor();
    expect(await page.getByTestId('graph-nodes').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('a path search with no path says so', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-06-30');
    await pick(page, '起点', 'S001', /张建国（S001）/);
    await pick(page, '终点', '黑龙江省消防协会', /黑龙江省消防协会/);
    await page.getByRole('button', { name: '查找路径' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '在 4 步以内没有找到从“张建国（S001）”到“黑龙江省消防协会”的关系路径' })
      .waitFor();
    expect(await page.getByRole('list', { name: '路径列表' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('exports the drawing as PNG and the neighbourhood as GEXF', async () => {
    const page = await openDesk(h);
    await setAsOf(page, '2026-06-30');
    await pick(page, '中心对象', 'S001', /张建国（S001）/);
    await expect.poll(() => drawnNodes(page), SLOW).toContain('李秀英');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出图片（PNG）' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('关系图谱_张建国（S001）_2026-06-30.png');
    const image = await readFile((await png.path())!);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.length).toBeGreaterThan(5_000);
    await png.saveAs(join(SCREENSHOT_DIR, 'investigator-export.png'));

    const [gexf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 GEXF' }).click(),
    ]);
    expect(gexf.suggestedFilename()).toBe('关系图谱_张建国（S001）_2026-06-30.gexf');
    const xml = await readFile((await gexf.path())!, 'utf8');
    expect(xml).toContain('<gexf');
    expect(xml).toContain(ANTAI);
    expect(xml).toContain('李秀英');
    await page.close();
  }, 120_000);
});
