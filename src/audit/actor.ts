import type { Role } from '../auth/roles.ts';

/** Who is acting, as the audit trail records it. */
export interface Actor {
  sub: string;
  roles: Role[];
  requestId: string | null;
}

export const systemActor = (what: string): Actor => ({ sub: `system:${what}`, roles: [], requestId: null });
