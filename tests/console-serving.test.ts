import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/test-app.ts';

// The global setup builds the console into dist/web before any test file runs.
describe('the web console served at /app', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ config: { webDir: 'dist/web' } });
  });
  afterAll(() => t.close());

  it('redirects /app to /app/ and answers with the console page in Chinese, without a token', async () => {
    expect((await t.app.request('/app')).headers.get('location')).toBe('/app/');
    const res = await t.app.request('/app/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<html lang="zh-CN">');
  });

  it('answers a desk address with the same page, for the console’s own router', async () => {
    const res = await t.app.request('/app/discipline/flags/some-id');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('allows scripts from this origin only', async () => {
    const csp = (await t.app.request('/app/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves hashed assets with a year-long cache, and 404 for an asset that is not there', async () => {
    const script = readdirSync('dist/web/assets').find((f) => f.endsWith('.js'))!;
    const res = await t.app.request(`/app/assets/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await t.app.request('/app/assets/missing-0000.js')).status).toBe(404);
  });

  it('refuses a path that climbs out of the console folder', async () => {
    const res = await t.app.request('/app/assets/..%2f..%2fpackage.json');
    expect(res.status).toBe(404);
  });
});

describe('a server whose console is not built', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ config: { webDir: '.tmp/no-console-here' } });
  });
  afterAll(() => t.close());

  it('says how to build it instead of a blank page', async () => {
    const res = await t.call('GET', '/app/');
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain('npm run build:web');
  });
});
