import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real process, as `npm start` runs it: config errors, readiness, tokens, and a clean SIGTERM.

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string } {
  const child = spawn(tsx, ['src/server.ts'], {
    env: { ...process.env, AUTO_SCREEN: 'off', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return { child, output: () => out };
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('refuses a bad configuration, naming the variable', async () => {
    const { child, output } = start({ PORT: 'not-a-port', DATA_DIR: join(tmpdir(), 'unused') });
    expect(await exitOf(child)).toBe(2);
    expect(output()).toContain('PORT');
  });

  it('serves on embedded PostgreSQL in DATA_DIR, accepts `npm run token` tokens, and drains on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qinglian-srv-'));
    dirs.push(dataDir);
    const port = await freePort();
    const { child, output } = start({ PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' });
    const exited = exitOf(child);
    const health = await waitFor(`http://127.0.0.1:${port}/health`, 100_000);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    const secret = (await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/audit`)).status).toBe(401);
    const token = execFileSync(tsx, ['scripts/token.ts', '--role', 'admin'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const audit = await fetch(`http://127.0.0.1:${port}/api/v1/audit`, {
      headers: { authorization: `Bearer ${token.trim()}` },
    });
    expect(audit.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped"');
  }, 150_000);
});
