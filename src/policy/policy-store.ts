import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import {
  applyPatch,
  DEFAULT_POLICY,
  parseStoredValues,
  type Policy,
  type PolicyPatch,
  type PolicyValues,
} from './values.ts';

export interface PolicyVersion extends Policy {
  reason: string | null;
  createdBy: string | null;
  createdAt: string | null;
}

const DEFAULTS: PolicyVersion = {
  version: 0,
  values: DEFAULT_POLICY,
  reason: 'the defaults of RULES.md',
  createdBy: null,
  createdAt: null,
};

const toVersion = (row: {
  version: number;
  values: unknown;
  reason: string | null;
  createdBy: string;
  createdAt: Date;
}): PolicyVersion => ({
  version: row.version,
  values: parseStoredValues(row.values),
  reason: row.reason,
  createdBy: row.createdBy,
  createdAt: new Date(row.createdAt).toISOString(),
});

/** The policy in force: the latest stored version, or the defaults (version 0) when none was stored. */
export async function getCurrentPolicy(db: Kysely<Database>): Promise<PolicyVersion> {
  const row = await db
    .selectFrom('policy')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(row) : DEFAULTS;
}

/** Every version, newest first, ending with the defaults. */
export async function listPolicyVersions(db: Kysely<Database>): Promise<PolicyVersion[]> {
  const rows = await db.selectFrom('policy').selectAll().orderBy('version', 'desc').execute();
  return [...rows.map(toVersion), DEFAULTS];
}

/** Adds a policy version: the current values with `patch` applied, who, when and why; audited. */
export async function changePolicy(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: { values: PolicyPatch; reason: string },
): Promise<PolicyVersion> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await getCurrentPolicy(tx);
    const values: PolicyValues = applyPatch(current.values, input.values);
    const version = current.version + 1;
    const row = await tx
      .insertInto('policy')
      .values({
        version,
        values: JSON.stringify(values),
        reason: input.reason,
        createdBy: actor.sub,
        createdAt: clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'policy.change',
      objectKeys: { version, previous: current.version },
      change: { from: current.values, to: values, reason: input.reason },
    });
    return toVersion(row);
  });
}
