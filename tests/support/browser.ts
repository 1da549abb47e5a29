import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';

interface Storage {
  setItem(key: string, value: string): void;
}
import type { Role } from '../../src/auth/roles.ts';
import type { Config } from '../../src/config.ts';
import { createTestContext, type TestContext } from './test-app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without these Chromium keeps dialling Google's services, which this machine's closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Browser tests run where Chromium is installed; in CI (`CI` set) its absence is a failure, not a skip. */
export const browserMissing = !existsSync(CHROMIUM) && !process.env.CI;
if (browserMissing) {
  process.stderr.write(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);
}

export const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR ?? '.ci/logs/screenshots');

export interface ConsoleHarness {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser page signed in as `roles` (sub: the staff number for staff), at `path` under /app. */
  open(roles: Role | Role[], path: string, options?: { sub?: string; width?: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** The app on a loopback port over a fresh database, and a headless Chromium to drive its console. */
export async function startConsoleHarness(
  options: { config?: Partial<Config> } = {},
): Promise<ConsoleHarness> {
  const ctx = await createTestContext({ config: { webDir: 'dist/web', ...options.config } });
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  return {
    ctx,
    baseUrl,
    browser,
    async open(roles, path, opts = {}) {
      const token = await ctx.token(roles, opts.sub);
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1280, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      // The console keeps its token in sessionStorage; put it there before the first script runs.
      await context.addInitScript(
        (t) =>
          (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.setItem('qinglian.token', t),
        token,
      );
      const page = await context.newPage();
      // One context per page: closing the page closes its context too.
      page.once('close', () => void context.close().catch(() => undefined));
      page.setDefaultTimeout(15_000);
      await page.goto(`${baseUrl}/app${path}`);
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      await ctx.close();
    },
  };
}

/** Imports the worked example (tests/fixtures/world-small.json) through the API, as admin. */
