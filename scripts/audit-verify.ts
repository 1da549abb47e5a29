// Recomputes the audit trail's hash chain in the configured database (DATABASE_URL, else PGlite in DATA_DIR) and
// names the first record that does not hold. Exit 0: intact; 1: broken; 2: nothing to check (config, database).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { isMigrated } from '../src/db/migrate.ts';
import { openConfiguredDatabase } from '../src/db/open.ts';

function fail(message: string): never {
  process.stderr.write(`audit:verify: ${message}\n`);
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
// Checking must not create an empty embedded database where the server has never run.
const pgliteDir = join(resolve(config.dataDir), 'pg');
if (!config.databaseUrl && !existsSync(pgliteDir))
  fail(`no database in ${pgliteDir} (set DATA_DIR or DATABASE_URL)`);

const handle = await openConfiguredDatabase(config);
try {
  if (!(await isMigrated(handle.db))) fail('the database is not migrated; start the server once first');
  const result = await verifyAuditChain(handle.db);
  if (result.ok) {
    process.stdout.write(`audit chain intact: ${result.checked} records verified\n`);
  } else {
    const broken = result.firstBroken!;
    process.stdout.write(
      `audit chain BROKEN at record ${broken.id}: ${broken.reason} (${result.checked} records before it verified)\n`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`audit:verify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  await handle.close();
}
