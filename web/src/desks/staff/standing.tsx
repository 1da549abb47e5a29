import { Badge } from '../../components/ui.tsx';
import type { MyCampaign, ReviewStatus } from './types.ts';

// Where the staff member stands in a campaign, in the words of the notice they received.

export function StandingBadge({ mine }: { mine: MyCampaign['mine'] }) {
  switch (mine.standing) {
    case 'submitted':
      return <Badge tone="ok">已按时提交</Badge>;
    case 'submitted_late':
      return <Badge tone="due">逾期提交（晚 {mine.daysLate} 天）</Badge>;
    case 'overdue':
      return <Badge tone="overdue">已逾期 {mine.daysOverdue} 天，尚未提交</Badge>;
    case 'in_time':
      return <Badge tone="open">未提交，距截止还有 {mine.daysLeft} 天</Badge>;
  }
}

const REVIEW: Record<ReviewStatus, [string, string]> = {
  pending: ['待审核', 'neutral'],
  accepted: ['审核通过', 'ok'],
  returned: ['退回更正', 'overdue'],
};

export function ReviewBadge({ review }: { review: ReviewStatus | null }) {
  if (!review) return null;
  const [label, tone] = REVIEW[review];
  return <Badge tone={tone}>{label}</Badge>;
}
