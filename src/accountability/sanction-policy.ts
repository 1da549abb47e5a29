import { addMonths, parseISO } from 'date-fns';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { formatDay, type Day } from '../lib/days.ts';
import { getCurrentPolicy } from '../policy/policy-store.ts';
import { DEFAULT_POLICY } from '../policy/values.ts';
import type { SanctionMeasure } from './vocabulary.ts';

export type SanctionMonths = Record<SanctionMeasure, number | null>;

/** Effect periods of sanctions in months, the defaults of RULES.md (十三); `null` has no end (开除). */
export const DEFAULT_SANCTION_MONTHS: Readonly<SanctionMonths> = DEFAULT_POLICY.sanctionMonths;

/** The effect periods of the policy in force (an admin changes them with `PUT /api/v1/policy`). */
export async function loadSanctionMonths(db: Kysely<Database>): Promise<SanctionMonths> {
  return (await getCurrentPolicy(db)).values.sanctionMonths;
}

/**
 * The day a sanction stops being in effect: start + N calendar months, clamped to month end
 * (2025-08-31 + 6 months = 2026-02-28). Half-open, so the sanction is no longer active on that day.
 */
export function sanctionEndDay(from: Day, months: number): Day {
  return formatDay(addMonths(parseISO(from), months));
}
