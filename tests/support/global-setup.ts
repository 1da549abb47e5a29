import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openPGlite, openPostgres } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildConsole } from '../../scripts/build-web.ts';

// Migrate once per run into a template; every test file clones it (PGlite data dir or a template database).
export default async function setup(project: TestProject) {
  // The browser tests drive the built console; rebuild it only when web/ changed since the last build.
  await buildConsole({ ifStale: true, quiet: true });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `qinglian_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const handle = openPostgres({ connectionString: url.toString(), max: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('dbTemplate', { kind: 'postgres', serverUrl, template });
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = resolve('.tmp');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `pglite-template-${process.pid}.tar`);
  const handle = await openPGlite({});
  await migrateToLatest(handle.db);
  const dump = await handle.dumpDataDir!();
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('dbTemplate', { kind: 'pglite', file });
  return async () => {
    await rm(file, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; file: string } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}
