import { Route, Switch } from 'wouter';
import { Card, PageHeader } from '../../components/ui.tsx';
import { useMe } from '../../session/session.tsx';
import { CampaignOverview } from './campaign-overview.tsx';
import { DeclarationEditor } from './declaration-editor.tsx';
import { VersionHistory } from './version-history.tsx';
import './staff.css';

/** 我的申报: a staff member's own declarations — the open campaign, the form, and the history. */
export default function StaffDesk() {
  const { staff } = useMe();
  if (!staff) {
    return (
      <>
        <PageHeader title="我的申报" />
        <Card>您的账号没有关联干部职工档案，无法填写申报。请联系人事部门。</Card>
      </>
    );
  }
  return (
    <Switch>
      <Route path="/">
        <CampaignOverview />
      </Route>
      <Route path="/:year/edit">
        {(p) => <DeclarationEditor key={p.year} staffNo={staff.staffNo} year={Number(p.year)} />}
      </Route>
      <Route path="/:year/versions">
        {(p) => <VersionHistory key={p.year} staffNo={staff.staffNo} year={Number(p.year)} />}
      </Route>
      <Route>
        <p>没有这个页面。</p>
      </Route>
    </Switch>
  );
}
