import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as initial from '../../migrations/20261128170000_initial.ts';
import * as accountability from '../../migrations/20261128180000_accountability.ts';
import * as postsRotationEnforcement from '../../migrations/20261128190000_posts_rotation_enforcement.ts';
import * as declarations from '../../migrations/20261128201000_declarations.ts';
import * as flagQueueVersion from '../../migrations/20261128213000_flag_queue_version.ts';
import * as flagSightings from '../../migrations/20261129000000_flag_sightings.ts';

// Listed in code, not read from disk: vitest cannot import `.ts` files found by FileMigrationProvider.
const migrations: Record<string, Migration> = {
  '20261128170000_initial': initial,
  '20261128180000_accountability': accountability,
  '20261128190000_posts_rotation_enforcement': postsRotationEnforcement,
  '20261128201000_declarations': declarations,
  '20261128213000_flag_queue_version': flagQueueVersion,
  '20261129000000_flag_sightings': flagSightings,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {}

type MigrationRun = Awaited<ReturnType<Migrator['migrateToLatest']>>;

function applied({ error, results }: MigrationRun): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Brings the database to the latest migration; throws naming the migration that failed. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return applied(await new Migrator({ db, provider }).migrateToLatest());
}

/** Brings the database to the named migration, reverting later ones (`down`) or applying earlier ones. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<string[]> {
  if (!(name in migrations)) throw new MigrationError(`no migration named ${name}`);
  return applied(await new Migrator({ db, provider }).migrateTo(name));
}

/** Whether every known migration has been applied (for `/ready`). */
export async function isMigrated(db: Kysely<any>): Promise<boolean> {
  const migrator = new Migrator({ db, provider });
  const list = await migrator.getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
