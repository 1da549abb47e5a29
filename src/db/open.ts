import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { openPGlite, openPostgres, type DatabaseHandle } from './connection.ts';

/** The server database when `DATABASE_URL` is set, else embedded PostgreSQL persisted in `DATA_DIR/pg`. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return openPostgres({
      connectionString: config.databaseUrl,
      max: config.dbPoolMax,
      statementTimeoutMs: config.statementTimeoutMs,
    });
  }
  return openPGlite({ dataDir: join(resolve(config.dataDir), 'pg') });
}
