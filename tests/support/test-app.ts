import { readFileSync } from 'node:fs';
import { createApp, type App } from '../../src/app.ts';
import type { Role } from '../../src/auth/roles.ts';
import { signToken } from '../../src/auth/tokens.ts';
import { fixedClock, type Clock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { AppDeps } from '../../src/http/env.ts';
import { createTestDatabase } from './test-db.ts';

export const TEST_SECRET = 'test-secret-for-qinglian-suites-0123456789';

export interface TestContext {
  app: App;
  deps: AppDeps;
  db: AppDeps['db'];
  kind: 'pglite' | 'postgres';
  /** The server database's URL, for a test's own side connections (absent on PGlite). */
  databaseUrl?: string;
  /** A token for these roles (sub defaults to the first role's name, or the staff number for `staff`). */
  token(roles: Role | Role[], sub?: string): Promise<string>;
  /** Calls the app in-process with a token for `as` (or none), JSON in and out. */
  call(
    method: string,
    path: string,
    options?: { as?: Role | Role[]; sub?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ JWT_SECRET: TEST_SECRET, AUTO_SCREEN: 'off', DATA_DIR: '.tmp/test-data' }),
    ...overrides,
  };
}

/** A fresh database and app per call, on a fixed clock (2026-06-30 noon in Shanghai by default). */
export async function createTestContext(
  options: { clock?: Clock; config?: Partial<Config> } = {},
): Promise<TestContext> {
  const handle = await createTestDatabase();
  const config = testConfig(options.config);
  const { app, deps } = createApp({
    db: handle.db,
    config,
    clock: options.clock ?? fixedClock('2026-06-30T04:00:00Z'),
    jwtSecret: TEST_SECRET,
  });
  const token = (roles: Role | Role[], sub?: string) => {
    const list = Array.isArray(roles) ? roles : [roles];
    return signToken(TEST_SECRET, { sub: sub ?? list[0] ?? 'nobody', roles: list });
  };
  return {
    app,
    deps,
    db: handle.db,
    kind: handle.kind,
    ...(handle.url !== undefined ? { databaseUrl: handle.url } : {}),
    token,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.as) headers.authorization = `Bearer ${await token(opts.as, opts.sub)}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (CSV, GEXF): keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: () => handle.close(),
  };
}

/** Imports a bundle through the API as an admin; a refusal fails with the problem the API gave. */
export async function importFixture(ctx: TestContext, bundle: unknown): Promise<void> {
  const res = await ctx.call('POST', '/api/v1/import', { as: 'admin', body: bundle });
  if (res.status !== 200) throw new Error(`fixture import failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
