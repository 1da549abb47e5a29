import type { Kysely } from 'kysely';
import type { Actor } from '../../audit/actor.ts';
import { inWriteTransaction } from '../../audit/audit-log.ts';
import type { Bundle } from '../../bundle/schema.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../errors.ts';
import type { AppDeps } from '../../http/env.ts';
import { checkBundle } from './check-bundle.ts';
import type { ImportResult } from './import-result.ts';
import { refreshPlannerStatistics } from './planner-statistics.ts';
import { writeBundle } from './write-bundle.ts';

/**
 * A record the checks let through but a database constraint refuses (a class 22 or 23 error, e.g. a date
 * outside PostgreSQL's range) is still bad input: a 400 naming the constraint, and the transaction rolls back.
 */
function refusedAsInvalid(error: unknown): never {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (typeof e?.code === 'string' && /^2[23]/.test(e.code)) {
    const constraint = typeof e.constraint === 'string' ? ` (${e.constraint})` : '';
    throw new ValidationError([
      { path: '', message: `the database refused a record: ${String(e.message)}${constraint}` },
    ]);
  }
  throw error;
}

/** Checks a bundle (schema, check characters, keys, references to stored records) without writing anything.
 *  Returns the parsed bundle; throws a ValidationError listing every problem with its JSON path. */
export async function validateBundle(db: Kysely<Database>, input: unknown): Promise<Bundle> {
  const checked = await checkBundle(db, input);
  if (!checked.bundle) throw new ValidationError(checked.problems);
  return checked.bundle;
}

/**
 * Imports a `coi-bundle/1` document: all or nothing, idempotent by natural keys, one audited write transaction.
 * `input` is parsed here, so callers may pass what they read from a file or built in code.
 */
export async function importBundle(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: unknown,
): Promise<ImportResult> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    // Checked under the writer lock: the stored keys it resolves cannot change before the write.
    const checked = await checkBundle(tx, input);
    if (!checked.bundle) throw new ValidationError(checked.problems);
    const result = await writeBundle(tx, checked.bundle, checked.stored).catch(refusedAsInvalid);
    await refreshPlannerStatistics(tx, result);
    await audit({
      action: 'import',
      objectKeys: { format: checked.bundle.format, ...result },
      change: checked.bundle,
    });
    return result;
  });
}

/** Starts every after-import hook (auto-screening) without waiting for it; a failure is logged, not thrown. */
export function runAfterImportHooks(deps: Pick<AppDeps, 'afterImport' | 'logger'>, actor: Actor): void {
  for (const hook of deps.afterImport) {
    void Promise.resolve()
      .then(() => hook(actor))
      .catch((error: unknown) =>
        deps.logger.error('after-import hook failed', {
          actor: actor.sub,
          requestId: actor.requestId,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
  }
}
