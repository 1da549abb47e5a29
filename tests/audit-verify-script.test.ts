import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { inWriteTransaction } from '../src/audit/audit-log.ts';
import { systemActor } from '../src/audit/actor.ts';
import { systemClock } from '../src/clock.ts';
import { openPGlite, type DatabaseHandle } from '../src/db/connection.ts';
import type { Database } from '../src/db/schema.ts';
import { createTestDatabase } from './support/test-db.ts';

// `npm run audit:verify` as an operator runs it, against the database the server is configured with.
// Each case spawns tsx (seconds on a busy machine), hence the generous timeouts.

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const template = inject('dbTemplate');

function runVerify(env: Record<string, string>) {
  const { DATABASE_URL: _u, DATA_DIR: _d, ...rest } = process.env;
  const res = spawnSync(tsx, ['scripts/audit-verify.ts'], { env: { ...rest, ...env }, encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function writeEntries(db: Kysely<Database>, n: number) {
  for (let i = 0; i < n; i += 1) {
    await inWriteTransaction(db, systemClock, systemActor('test'), ({ audit }) =>
      audit({ action: 'test-entry', objectKeys: { i } }),
    );
  }
}

const tamper = (db: Kysely<Database>, id: number) =>
  db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`update audit_log set action = 'forged' where id = ${id}`.execute(tx);
  });

describe('npm run audit:verify', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('says there is nothing to check where no server has ever run (exit 2), creating nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qinglian-verify-'));
    dirs.push(dir);
    const res = runVerify({ DATA_DIR: join(dir, 'never') });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no database');
  }, 120_000);

  it('reports an intact chain (exit 0), then names the first broken record after an edit (exit 1)', async () => {
    let env: Record<string, string>;
    let handle: DatabaseHandle;
    if (template.kind === 'postgres') {
      handle = await createTestDatabase();
      env = { DATABASE_URL: (handle as { url?: string }).url! };
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'qinglian-verify-'));
      dirs.push(dir);
      const loadDataDir = new Blob([await readFile(template.file)]);
      handle = await openPGlite({ dataDir: join(dir, 'pg'), loadDataDir });
      env = { DATA_DIR: dir };
    }
    // PGlite allows one process at a time: the embedded database is closed while the script runs.
    const reopen = async () =>
      template.kind === 'postgres' ? handle : openPGlite({ dataDir: join(env.DATA_DIR!, 'pg') });
    const release = async (h: DatabaseHandle) => {
      if (template.kind !== 'postgres') await h.close();
    };
    try {
      await writeEntries(handle.db, 5);
      await release(handle);

      const intact = runVerify(env);
      expect(intact.stdout).toContain('audit chain intact: 5 records verified');
      expect(intact.code).toBe(0);

      handle = await reopen();
      await tamper(handle.db, 3);
      await release(handle);

      const broken = runVerify(env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('BROKEN at record 3');
      expect(broken.stdout).toContain('2 records before it verified');
    } finally {
      if (template.kind === 'postgres') await handle.close();
    }
  }, 120_000);
});
