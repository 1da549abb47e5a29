export const ROLES = ['admin', 'hr', 'discipline', 'investigator', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The verified caller. For the `staff` role `sub` is their staff number. */
export interface Principal {
  sub: string;
  roles: Role[];
}

export const hasAnyRole = (p: Principal, roles: readonly Role[]) => p.roles.some((r) => roles.includes(r));

/** A caller whose only view is their own record (a staff member without an office role). */
export const isSelfServiceOnly = (p: Principal) => p.roles.every((r) => r === 'staff');
