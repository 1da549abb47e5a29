import { Link } from 'wouter';
import { Card, Empty } from '../../components/ui.tsx';
import { ReviewBadge } from './standing.tsx';
import type { MyCampaign } from './types.ts';

/** The staff member's own submitted declarations, a row per year, newest first. */
export function DeclarationHistory({ campaigns }: { campaigns: MyCampaign[] }) {
  const submitted = campaigns.filter((c) => c.mine.version !== null);
  return (
    <Card title="申报记录">
      {submitted.length === 0 ? (
        <Empty>还没有提交过申报。</Empty>
      ) : (
        <div className="table-scroll">
          <table aria-label="申报记录">
            <thead>
              <tr>
                <th>年度</th>
                <th>版本</th>
                <th>首次提交</th>
                <th>最近更正</th>
                <th>审核</th>
                <th>
                  <span className="visually-hidden">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {submitted.map(({ year, mine }) => (
                <tr key={year}>
                  <td>{year} 年度</td>
                  <td>第 {mine.version} 版</td>
                  <td>{mine.submittedOn}</td>
                  <td>{mine.amendedOn ?? '—'}</td>
                  <td>
                    <ReviewBadge review={mine.review} />
                  </td>
                  <td>
                    <Link href={`/${year}/versions`} aria-label={`${year} 年度各版本`}>
                      各版本
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
