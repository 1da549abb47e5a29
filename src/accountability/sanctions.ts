import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import {
  FINDING_TYPES,
  OUTCOME_LABELS,
  SANCTION_MEASURES,
  type FindingType,
  type SanctionMeasure,
} from './vocabulary.ts';

/** A sanction (政务处分) recorded on the current version of a finding. */
export interface SanctionRecord {
  staffNo: string;
  findingId: string;
  findingType: FindingType;
  measure: SanctionMeasure;
  from: Day;
  /** First day it no longer applies (half-open); null: no end (开除). */
  until: Day | null;
  /** The policy value it was recorded with; null for 开除. */
  months: number | null;
  note: string | null;
}

export type ActiveSanction = SanctionRecord;

function sanctionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('findingOutcome as o')
    .innerJoin('finding as f', (j) =>
      j.onRef('f.id', '=', 'o.findingId').onRef('f.version', '=', 'o.version'),
    )
    .innerJoin('staff as s', 's.id', 'o.staffId')
    .select([
      's.staffNo',
      'o.findingId',
      'f.type as findingType',
      'o.measure',
      'o.startsOn as from',
      'o.endsOn as until',
      'o.months',
      'o.note',
    ])
    .where('o.category', '=', 'sanction')
    .orderBy('s.staffNo')
    .orderBy('o.startsOn')
    .orderBy('o.findingId')
    .orderBy('o.position');
}

const asRecord = (r: {
  staffNo: string;
  findingId: string;
  findingType: string;
  measure: string;
  from: Day;
  until: Day | null;
  months: number | null;
  note: string | null;
}): SanctionRecord => ({
  ...r,
  findingType: r.findingType as FindingType,
  measure: r.measure as SanctionMeasure,
});

/**
 * The sanctions in effect on `day` for these staff members, keyed by staff number (absent: none). For the
 * rotation planner and promotion checks: during a sanction's period the person may not be promoted.
 */
export async function activeSanctions(
  db: Kysely<Database>,
  staffNos: readonly string[],
  day: Day,
): Promise<Map<string, ActiveSanction[]>> {
  const result = new Map<string, ActiveSanction[]>();
  if (staffNos.length === 0) return result;
  const rows = await sanctionsQuery(db)
    .where('s.staffNo', 'in', [...new Set(staffNos)])
    .where('o.startsOn', '<=', day)
    .where((eb) => eb.or([eb('o.endsOn', 'is', null), eb('o.endsOn', '>', day)]))
    .execute();
  for (const row of rows) {
    const list = result.get(row.staffNo) ?? [];
    list.push(asRecord(row));
    result.set(row.staffNo, list);
  }
  return result;
}

export const SanctionViewSchema = z.object({
  findingId: z.string(),
  findingType: z.enum(FINDING_TYPES),
  measure: z.enum(SANCTION_MEASURES),
  label: z.string(),
  from: z.string(),
  until: z.string().nullable().openapi({ description: 'First day no longer in effect; null: no end (开除)' }),
  months: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const StaffSanctionsSchema = z
  .object({
    staffNo: z.string(),
    asOf: z.string(),
    promotionBlocked: z.boolean().openapi({ description: 'A sanction is in effect on asOf' }),
    active: z.array(SanctionViewSchema),
    ended: z.array(SanctionViewSchema),
    upcoming: z.array(SanctionViewSchema),
  })
  .openapi('StaffSanctions');

/** A person's sanction record on `asOf`: in effect, ended, and decided but not yet started. */
export async function staffSanctions(db: Kysely<Database>, staffNo: string, asOf: Day) {
  const staff = await db
    .selectFrom('staff')
    .select('staffNo')
    .where('staffNo', '=', staffNo)
    .executeTakeFirst();
  if (!staff) throw new NotFoundError(`staff member ${staffNo}`);
  const rows = (await sanctionsQuery(db).where('s.staffNo', '=', staffNo).execute()).map(asRecord);
  const view = ({ staffNo: _staffNo, ...r }: SanctionRecord) => ({ ...r, label: OUTCOME_LABELS[r.measure] });
  const active = rows.filter((r) => r.from <= asOf && (r.until === null || asOf < r.until));
  return {
    staffNo,
    asOf,
    promotionBlocked: active.length > 0,
    active: active.map(view),
    ended: rows.filter((r) => r.until !== null && r.until <= asOf).map(view),
    upcoming: rows.filter((r) => r.from > asOf).map(view),
  };
}
