import type { Kysely } from 'kysely';
import type { Database, Relation } from '../db/schema.ts';
import { DEFAULT_POLICY_VERSION, parseStoredValues, type Policy } from '../policy/values.ts';

/** The close-relative set in force now (the latest policy version; RULES.md's default before any). */
export async function closeRelationsInForce(
  db: Kysely<Database>,
): Promise<{ relations: ReadonlySet<Relation>; policyVersion: number }> {
  const row = await db
    .selectFrom('policy')
    .select(['version', 'values'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const policy: Policy = row
    ? { version: row.version, values: parseStoredValues(row.values) }
    : DEFAULT_POLICY_VERSION;
  return { relations: new Set(policy.values.closeRelatives), policyVersion: policy.version };
}
