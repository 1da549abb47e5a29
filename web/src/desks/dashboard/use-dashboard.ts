import { useApi, type ApiState } from '../../hooks/use-api.ts';
import type { Role } from '../../session/session.tsx';
import { mayRead } from './panels.ts';
import type { Campaign, CampaignProgress, DueSummary, Expiring, FlagSummary } from './types.ts';

/** How far ahead the certificates panel looks: a year, so renewals can be planned. */
export const CERT_WINDOW_DAYS = 365;

export interface DashboardData {
  flags: ApiState<FlagSummary> | null;
  campaign: {
    latest: Campaign | null | undefined;
    progress: ApiState<CampaignProgress>;
    list: ApiState<unknown>;
  } | null;
  rotations: ApiState<DueSummary> | null;
  certificates: ApiState<Expiring> | null;
}

/** Reads what the caller's roles may read, and nothing else (null: the panel is not for them). */
export function useDashboard(roles: readonly Role[]): DashboardData {
  const flags = useApi<FlagSummary>(mayRead(roles, 'flags') ? '/api/v1/flags/summary' : null, {
    status: 'open',
  });
  const campaigns = useApi<{ items: Campaign[] }>(mayRead(roles, 'campaign') ? '/api/v1/campaigns' : null);
  const latest = campaigns.data ? (campaigns.data.items[0] ?? null) : undefined;
  const progress = useApi<CampaignProgress>(latest ? `/api/v1/campaigns/${latest.year}/progress` : null);
  const rotations = useApi<DueSummary>(mayRead(roles, 'rotations') ? '/api/v1/rotations/due/summary' : null);
  const certificates = useApi<Expiring>(
    mayRead(roles, 'certificates') ? '/api/v1/qualifications/expiring' : null,
    { withinDays: CERT_WINDOW_DAYS },
  );
  return {
    flags: mayRead(roles, 'flags') ? flags : null,
    campaign: mayRead(roles, 'campaign') ? { latest, progress, list: campaigns } : null,
    rotations: mayRead(roles, 'rotations') ? rotations : null,
    certificates: mayRead(roles, 'certificates') ? certificates : null,
  };
}
