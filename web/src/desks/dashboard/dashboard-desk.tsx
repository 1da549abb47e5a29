import { PageHeader } from '../../components/ui.tsx';
import { hasAnyRole, useMe } from '../../session/session.tsx';
import { CampaignPanel } from './campaign-panel.tsx';
import { CertificatesPanel } from './certificates-panel.tsx';
import { FlagsPanel } from './flags-panel.tsx';
import { RotationsPanel } from './rotations-panel.tsx';
import { StatTiles } from './stat-tiles.tsx';
import { useDashboard } from './use-dashboard.ts';
import './dashboard.css';

/** 工作概览: the numbers each office watches, as tiles and charts; each panel only for roles that may read it. */
export default function DashboardDesk() {
  const me = useMe();
  const data = useDashboard(me.roles);
  const hr = hasAnyRole(me, ['admin', 'hr']);
  return (
    <>
      <PageHeader title="工作概览" />
      <StatTiles data={data} />
      <div className="dash-grid">
        {data.flags ? (
          <FlagsPanel state={data.flags} deskLink={hasAnyRole(me, ['admin', 'discipline'])} />
        ) : null}
        {data.campaign ? <CampaignPanel state={data.campaign} /> : null}
        {data.rotations ? <RotationsPanel state={data.rotations} /> : null}
        {data.certificates ? <CertificatesPanel state={data.certificates} deskLink={hr} /> : null}
      </div>
    </>
  );
}
