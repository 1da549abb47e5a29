import { hasAnyRole, isSelfServiceOnly, type Principal } from '../auth/roles.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';

/** Who is looking: a staff-only caller sees only the person and records of its own staff number. */
export interface Viewer {
  /** Set for a caller whose only role is `staff`: `sub`, their staff number. */
  selfStaffNo: string | null;
}

export function viewerOf(principal: Principal): Viewer {
  return { selfStaffNo: isSelfServiceOnly(principal) ? principal.sub : null };
}

/** The office roles that may see anyone's record (every role but `staff`). */
export const OFFICE_READERS = ['admin', 'hr', 'discipline', 'investigator'] as const;

/** Roles that may reveal a full ID number, with a stated purpose. */
export const REVEALERS = ['admin', 'discipline'] as const;

/**
 * The stated purpose of a `?reveal=` request, or null when the caller did not ask. Asking without a purpose
 * is a 400; asking without an admin or discipline role is a 403.
 */
export function revealPurpose(principal: Principal, reveal: string | undefined): string | null {
  if (reveal === undefined) return null;
  const purpose = reveal.trim();
  if (!purpose) throw new ValidationError([{ path: '/reveal', message: 'state the purpose of revealing' }]);
  if (!hasAnyRole(principal, REVEALERS)) {
    throw new ForbiddenError('only an admin or a discipline officer may reveal ID numbers');
  }
  return purpose;
}
