import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import { enforcementStatusOf, type StatusFacts } from './status.ts';
import type { EnforcementStatus } from './schemas.ts';

/**
 * The records that decide enforcement status, for the given staff numbers (or everyone when omitted), in three
 * queries whatever the number of people. Keyed by staff number; unknown numbers are absent.
 */
export async function loadStatusFacts(
  db: Kysely<Database>,
  staffNos?: readonly string[],
): Promise<Map<string, StatusFacts & { staffId: number; personId: number }>> {
  if (staffNos && staffNos.length === 0) return new Map();
  let staffQuery = db
    .selectFrom('staff')
    .select(['id', 'staffNo', 'personId', 'category', 'hiredOn', 'departedOn']);
  if (staffNos) staffQuery = staffQuery.where('staffNo', 'in', [...new Set(staffNos)]);
  const staff = await staffQuery.execute();
  const ids = staff.map((s) => s.id);
  const byId = new Map(
    staff.map((s) => [
      s.id,
      {
        staffId: s.id,
        personId: s.personId,
        staffNo: s.staffNo,
        category: s.category,
        hiredOn: s.hiredOn,
        departedOn: s.departedOn,
        qualifications: [] as StatusFacts['qualifications'],
        suspensions: [] as StatusFacts['suspensions'],
      },
    ]),
  );
  if (ids.length) {
    let quals = db.selectFrom('qualification').select(['staffId', 'certNo', 'kind', 'passedOn', 'expiresOn']);
    let susps = db.selectFrom('suspension').select(['staffId', 'validFrom', 'validTo', 'reason']);
    if (staffNos) {
      quals = quals.where('staffId', 'in', ids);
      susps = susps.where('staffId', 'in', ids);
    }
    for (const q of await quals.execute()) {
      byId.get(q.staffId)?.qualifications.push({
        certNo: q.certNo,
        kind: q.kind,
        passedOn: q.passedOn,
        expiresOn: q.expiresOn,
      });
    }
    for (const s of await susps.execute()) {
      byId.get(s.staffId)?.suspensions.push({ from: s.validFrom, to: s.validTo, reason: s.reason });
    }
  }
  return new Map([...byId.values()].map((f) => [f.staffNo, f]));
}

/** A staff member's enforcement status on a day, with the reasons. */
export async function enforcementStatus(
  db: Kysely<Database>,
  staffNo: string,
  day: Day,
): Promise<EnforcementStatus> {
  const facts = (await loadStatusFacts(db, [staffNo])).get(staffNo);
  if (!facts) throw new NotFoundError(`staff member ${staffNo}`);
  return enforcementStatusOf(facts, day);
}
