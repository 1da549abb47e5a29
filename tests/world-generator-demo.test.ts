import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('npm run demo', () => {
  it('serves a fresh database, imports and screens a generated world, and prints tokens and requests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qinglian-demo-'));
    const dataDir = join(dir, 'demo-data');
    try {
      const port = await freePort();
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/demo.ts', '--staff', '60', '--data-dir', dataDir, '--exit'],
        { env: { ...process.env, PORT: String(port), DATABASE_URL: '' }, timeout: 240_000 },
      );
      expect(stdout).toContain(`http://localhost:${port}`);
      expect(stdout).toMatch(/staff\s+60/);
      expect(stdout).toContain('exactly the planted flags; the background raised none');
      for (const role of ['ADMIN', 'HR', 'DISCIPLINE', 'INVESTIGATOR', 'STAFF']) {
        expect(stdout).toMatch(new RegExp(`export ${role}=[\\w-]+\\.[\\w-]+\\.[\\w-]+`));
      }
      expect(stdout).toMatch(/api\/v1\/staff\/S\d{4}/);
      expect(stdout).toContain('/api/v1/graph/neighborhood?node=staff:');
      expect(stdout).toContain('/api/v1/rotations/due');
      expect(stdout).toContain('/docs');
      expect(stdout).toContain('stopping the server');
      expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['jwt-secret', 'server.log']));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
