import type { Kysely } from 'kysely';
import { hasAnyRole, type Principal, type Role } from '../auth/roles.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import { findCampaign, type CampaignRow } from './campaign-members.ts';
import { covers } from './campaigns.ts';
import { findStaffIdentity, type StaffIdentity } from './known-ties.ts';

/** The offices that see and review everyone's declarations. */
export const DECLARATION_OFFICE = ['admin', 'discipline'] as const satisfies readonly Role[];

/** The one answer for a declaration that is missing or not the caller's: the two must be indistinguishable. */
export const declarationNotFound = (staffNo: string, year: number) =>
  new NotFoundError(`declaration ${staffNo}/${year}`);

export interface Declarant {
  who: StaffIdentity;
  /** The campaign of the year, when one is open (always set for a staff member with `needCampaign`). */
  campaign: CampaignRow | undefined;
  /** The caller acts as the staff member themself (not as an office). */
  self: boolean;
}

/**
 * The staff member whose declaration of `year` a request addresses. A staff member reaches only their own (their
 * token's `sub` is their staff number); anyone else's is a 404 exactly like a missing one. `selfOnly` routes (draft,
 * submission) are for the staff member alone; with `needCampaign` a staff member reaches only years whose
 * campaign covers them (the offices reach any year).
 */
export async function resolveDeclarant(
  db: Kysely<Database>,
  principal: Principal,
  staffNo: string,
  year: number,
  options: { selfOnly?: boolean; needCampaign?: boolean } = {},
): Promise<Declarant> {
  const office = !options.selfOnly && hasAnyRole(principal, DECLARATION_OFFICE);
  const self = !office && principal.roles.includes('staff') && principal.sub === staffNo;
  if (!office && !self) throw declarationNotFound(staffNo, year);
  const who = await findStaffIdentity(db, staffNo);
  if (!who) throw declarationNotFound(staffNo, year);
  const campaign = await findCampaign(db, year);
  if (self && options.needCampaign && (!campaign || !(await covers(db, campaign, staffNo)))) {
    throw declarationNotFound(staffNo, year);
  }
  return { who, campaign, self };
}
