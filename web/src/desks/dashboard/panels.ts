import type { Role } from '../../session/session.tsx';

// Who sees which panel: exactly the roles the panel's API routes allow, so no one is shown a panel that
// would answer 403.
export const PANEL_ROLES = {
  /** GET /api/v1/flags/summary (src/routes/flag-summary.ts). */
  flags: ['admin', 'discipline', 'investigator'],
  /** GET /api/v1/campaigns and /campaigns/{year}/progress (src/routes/campaigns.ts, WATCHERS). */
  campaign: ['admin', 'discipline', 'hr'],
  /** GET /api/v1/rotations/due/summary (src/routes/rotation-plans.ts). */
  rotations: ['admin', 'hr'],
  /** GET /api/v1/qualifications/expiring (src/routes/qualifications.ts, READERS). */
  certificates: ['admin', 'hr', 'discipline', 'investigator'],
} as const satisfies Record<string, readonly Role[]>;

export type Panel = keyof typeof PANEL_ROLES;

export const mayRead = (roles: readonly Role[], panel: Panel) =>
  roles.some((r) => (PANEL_ROLES[panel] as readonly Role[]).includes(r));
