import { useMemo } from 'react';
import { Link } from 'wouter';
import { Chart } from '../../components/chart.tsx';
import { Card, Empty, Loading, ProblemAlert } from '../../components/ui.tsx';
import type { ApiState } from '../../hooks/use-api.ts';
import { COLOURS, stackedBarOption } from './chart-options.ts';
import { DataTable } from './data-table.tsx';
import type { DueSummary } from './types.ts';
import { deskHref } from '../../links.ts';

/** 轮岗到期: who is overdue or due to rotate, by unit. */
export function RotationsPanel({ state }: { state: ApiState<DueSummary> }) {
  const s = state.data;
  const option = useMemo(
    () =>
      s
        ? stackedBarOption(
            s.byUnit.map((u) => u.unit),
            [
              { name: '已超期', colour: COLOURS.red, values: s.byUnit.map((u) => u.overdue) },
              { name: '即将到期', colour: COLOURS.amber, values: s.byUnit.map((u) => u.due) },
            ],
          )
        : null,
    [s],
  );
  return (
    <Card
      title={s ? `轮岗到期（${s.withinDays} 天内）` : '轮岗到期'}
      actions={<Link href={deskHref('/hr')}>进入轮岗与资格 →</Link>}
    >
      <ProblemAlert error={state.error} />
      {state.loading && !s ? <Loading what="轮岗到期统计" /> : null}
      {s && s.total === 0 ? <Empty>没有到期或超期的轮岗。</Empty> : null}
      {s && s.total > 0 && option ? (
        <>
          <Chart
            option={option}
            label="各单位轮岗到期人数"
            height={Math.max(180, s.byUnit.length * 34 + 60)}
          />
          <DataTable
            label="各单位轮岗到期人数"
            columns={['已超期', '即将到期', '合计']}
            rows={s.byUnit.map((u) => ({ name: u.unit, values: [u.overdue, u.due, u.total] }))}
          />
        </>
      ) : null}
    </Card>
  );
}
