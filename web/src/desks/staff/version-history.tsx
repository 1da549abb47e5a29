import { Link } from 'wouter';
import { Badge, Card, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { ItemList } from './item-list.tsx';
import { namesFrom } from './names.ts';
import { ReviewBadge } from './standing.tsx';
import type { DeclarationVersions, DeclaredNames, Prefill } from './types.ts';

/** Every submitted version of one year's declaration, newest first; amendments never erase the earlier ones. */
export function VersionHistory({ staffNo, year }: { staffNo: string; year: number }) {
  const base = `/api/v1/declarations/${encodeURIComponent(staffNo)}/${year}`;
  const versions = useApi<DeclarationVersions>(`${base}/versions`);
  const prefill = useApi<Prefill>(`${base}/prefill`);
  const declared = useApi<DeclaredNames>(`${base}/names`);
  const names = namesFrom(prefill.data, [], declared.data);
  const newest = [...(versions.data?.items ?? [])].reverse();
  return (
    <div className="staff-desk">
      <PageHeader title={`${year} 年度申报的历史版本`}>
        <Link href="/">返回我的申报</Link>
      </PageHeader>
      <ProblemAlert error={versions.error} />
      {versions.loading ? <Loading what="历史版本" /> : null}
      {newest.map((v, i) => (
        <Card key={v.version} title={`第 ${v.version} 版`}>
          <p className="version-facts">
            {i === 0 ? <Badge tone="ok">现行版本</Badge> : <Badge>已被更正</Badge>}{' '}
            {v.amendedOn ? `${v.amendedOn} 更正提交` : `${v.submittedOn} 提交`}{' '}
            {v.review ? (
              <ReviewBadge review={v.review.decision} />
            ) : i === 0 ? (
              <ReviewBadge review="pending" />
            ) : null}
          </p>
          {v.amendmentReason ? <p>更正原因：{v.amendmentReason}</p> : null}
          {v.review?.comment ? <p>审核意见：{v.review.comment}</p> : null}
          {v.nothingToReport ? <p className="nothing">无申报事项</p> : null}
          <ItemList items={v.items} names={names} />
        </Card>
      ))}
    </div>
  );
}
