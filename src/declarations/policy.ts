import type { Kysely } from 'kysely';
import type { Database, Relation } from '../db/schema.ts';
import { getCurrentPolicy } from '../policy/policy-store.ts';

/** The close-relative set in force (the policy's `closeRelatives`, RULES.md's default before any change). */
export async function closeRelationsInForce(
  db: Kysely<Database>,
): Promise<{ relations: ReadonlySet<Relation>; policyVersion: number }> {
  const policy = await getCurrentPolicy(db);
  return { relations: new Set(policy.values.closeRelatives), policyVersion: policy.version };
}
