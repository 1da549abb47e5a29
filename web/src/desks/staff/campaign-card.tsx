import { Link } from 'wouter';
import { Card } from '../../components/ui.tsx';
import { ReviewBadge, StandingBadge } from './standing.tsx';
import type { MyCampaign } from './types.ts';

/** One campaign that covers the staff member: its due date, where they stand, and what to do next. */
export function CampaignCard({ campaign }: { campaign: MyCampaign }) {
  const { year, dueOn, mine } = campaign;
  const submitted = mine.version !== null;
  const draftOpen = mine.draft?.state === 'open';
  return (
    <Card title={`${year} 年度涉消事项申报`}>
      <dl className="facts">
        <div>
          <dt>截止日期</dt>
          <dd>{dueOn}</dd>
        </div>
        <div>
          <dt>申报状态</dt>
          <dd>
            <StandingBadge mine={mine} />
          </dd>
        </div>
        {submitted ? (
          <div>
            <dt>已提交</dt>
            <dd>
              {mine.submittedOn}
              {mine.amendedOn
                ? `（${mine.amendedOn} 更正，第 ${mine.version} 版）`
                : `（第 ${mine.version} 版）`}{' '}
              <ReviewBadge review={mine.review} />
            </dd>
          </div>
        ) : null}
        {mine.reminders.length ? (
          <div>
            <dt>催报提醒</dt>
            <dd>
              {mine.reminders.length} 次，最近 {mine.reminders.at(-1)!.sentOn}
            </dd>
          </div>
        ) : null}
      </dl>
      {mine.review === 'returned' ? (
        <p className="notice">
          纪检部门退回更正{mine.reviewComment ? `：${mine.reviewComment}` : ''}。请更正后重新提交。
        </p>
      ) : null}
      {!submitted && mine.standing === 'overdue' ? (
        <p className="notice">已过截止日期，请尽快提交；逾期提交将被记录。</p>
      ) : null}
      <div className="button-row">
        <Link href={`/${year}/edit`} className="button">
          {submitted ? (draftOpen ? '继续更正' : '更正申报') : draftOpen ? '继续填写' : '填写申报'}
        </Link>
        {submitted ? (
          <Link href={`/${year}/versions`} className="button secondary">
            查看历史版本
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
