import { addMonths, parseISO } from 'date-fns';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { formatDay, type Day } from '../lib/days.ts';
import { SANCTION_MEASURES, type SanctionMeasure } from './vocabulary.ts';

/**
 * Effect periods of sanctions in months (公职人员政务处分法), the configurable defaults of RULES.md (十三).
 * `null` is a sanction without an end (开除). A policy row may override any of them under `sanctionMonths`.
 */
export const DEFAULT_SANCTION_MONTHS: Readonly<Record<SanctionMeasure, number | null>> = {
  warning: 6,
  demerit: 12,
  major_demerit: 18,
  downgrade: 24,
  removal: 24,
  expulsion: null,
};

export type SanctionMonths = Record<SanctionMeasure, number | null>;

const Months = z.number().int().min(1).max(600).nullable();
const Overrides = z.partialRecord(z.enum(SANCTION_MEASURES), Months);

/** The effect periods in force: the latest policy row's `sanctionMonths` over the defaults. */
export async function loadSanctionMonths(db: Kysely<Database>): Promise<SanctionMonths> {
  const row = await db
    .selectFrom('policy')
    .select('values')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const parsed = Overrides.safeParse((row?.values as Record<string, unknown> | undefined)?.sanctionMonths);
  return { ...DEFAULT_SANCTION_MONTHS, ...(parsed.success ? parsed.data : {}) };
}

/**
 * The day a sanction stops being in effect: start + N calendar months, clamped to month end
 * (2025-08-31 + 6 months = 2026-02-28). Half-open, so the sanction is no longer active on that day.
 */
export function sanctionEndDay(from: Day, months: number): Day {
  return formatDay(addMonths(parseISO(from), months));
}
