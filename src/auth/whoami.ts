import type { Kysely } from 'kysely';
import type { Database, StaffCategory } from '../db/schema.ts';
import type { Principal, Role } from './roles.ts';

export interface WhoAmI {
  sub: string;
  roles: Role[];
  /** The staff record `sub` names, when it names one (always for a staff token). */
  staff: { staffNo: string; name: string; unit: string; category: StaffCategory } | null;
}

/** The caller as the console greets them: their roles and, when `sub` is a staff number, who that is. */
export async function whoAmI(db: Kysely<Database>, principal: Principal): Promise<WhoAmI> {
  const staff = await db
    .selectFrom('staff')
    .innerJoin('person', 'person.id', 'staff.personId')
    .select(['staff.staffNo', 'person.name', 'staff.unit', 'staff.category'])
    .where('staff.staffNo', '=', principal.sub)
    .executeTakeFirst();
  return { sub: principal.sub, roles: principal.roles, staff: staff ?? null };
}
