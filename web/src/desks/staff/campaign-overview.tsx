import { useHistoryState } from 'wouter/use-browser-location';
import { Empty, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { CampaignCard } from './campaign-card.tsx';
import { DeclarationHistory } from './declaration-history.tsx';
import type { MyCampaign } from './types.ts';

/** The desk's front page: the campaigns that cover the staff member, then their history. */
export function CampaignOverview() {
  const campaigns = useApi<{ items: MyCampaign[] }>('/api/v1/campaigns', { view: 'mine' });
  const notice = (useHistoryState() as { notice?: string } | null)?.notice;
  const items = campaigns.data?.items ?? [];
  // The newest campaign is the one open now; older ones stay listed while still owed.
  const current = items.filter((c, i) => i === 0 || c.mine.version === null);
  return (
    <div className="staff-desk">
      <PageHeader title="我的申报" />
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}
      <ProblemAlert error={campaigns.error} />
      {campaigns.loading ? <Loading what="申报活动" /> : null}
      {campaigns.data && items.length === 0 ? <Empty>目前没有需要您填写的申报。</Empty> : null}
      {current.map((c) => (
        <CampaignCard key={c.year} campaign={c} />
      ))}
      {campaigns.data ? <DeclarationHistory campaigns={items} /> : null}
    </div>
  );
}
