import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openPGlite, openPostgres, type DatabaseHandle } from '../../src/db/connection.ts';

/**
 * A fresh, migrated database cloned from the run's template: a PGlite data dir loaded in memory, or a new
 * database on the server (`TEST_DATABASE_URL`) dropped again on close.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const bytes = await readFile(template.file);
    return openPGlite({ loadDataDir: new Blob([bytes]) });
  }
  const name = `qinglian_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(template.serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres({ connectionString: url.toString(), max: 5 });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: template.serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
