import { useMemo } from 'react';
import { Chart } from '../../components/chart.tsx';
import { Card, Empty, Loading, ProblemAlert } from '../../components/ui.tsx';
import type { DashboardData } from './use-dashboard.ts';
import { COLOURS, ringOption, stackedBarOption } from './chart-options.ts';
import { DataTable } from './data-table.tsx';
import type { ProgressCounts } from './types.ts';

const PARTS = [
  { key: 'submitted', name: '按时申报', colour: COLOURS.green },
  { key: 'submittedLate', name: '逾期申报', colour: COLOURS.amber },
  { key: 'overdue', name: '逾期未报', colour: COLOURS.red },
  { key: 'inTime', name: '未报（未到期）', colour: COLOURS.slate },
] as const satisfies readonly { key: keyof ProgressCounts; name: string; colour: string }[];

/** 申报进度: the latest declaration campaign, how many have declared, late or not yet, in all and by unit. */
export function CampaignPanel({ state }: { state: NonNullable<DashboardData['campaign']> }) {
  const p = state.progress.data;
  const ring = useMemo(
    () =>
      p ? ringOption(PARTS.map((x) => ({ name: x.name, value: p.totals[x.key], colour: x.colour }))) : null,
    [p],
  );
  const units = useMemo(
    () =>
      p && p.byUnit.length > 1
        ? stackedBarOption(
            p.byUnit.map((u) => u.unit),
            PARTS.map((x) => ({ name: x.name, colour: x.colour, values: p.byUnit.map((u) => u[x.key]) })),
          )
        : null,
    [p],
  );
  const title = state.latest ? `${state.latest.year} 年度申报进度` : '申报进度';
  return (
    <Card title={title}>
      <ProblemAlert error={state.list.error ?? state.progress.error} />
      {state.latest === undefined && !state.list.error ? <Loading what="申报活动" /> : null}
      {state.latest === null ? <Empty>尚未开启申报活动。</Empty> : null}
      {state.latest && !p && !state.progress.error ? <Loading what="申报进度" /> : null}
      {p && ring ? (
        <>
          <p className="muted">
            截止日期 {p.campaign.dueOn}，统计至 {p.asOf}；应申报 {p.totals.population} 人。
          </p>
          <div className={units ? 'dash-pair' : ''}>
            <Chart option={ring} label={`${p.campaign.year} 年度申报情况`} height={260} />
            {units ? (
              <Chart
                option={units}
                label="各单位申报情况"
                height={Math.max(200, p.byUnit.length * 30 + 60)}
              />
            ) : null}
          </div>
          <DataTable
            label="各单位申报情况"
            columns={['应申报', ...PARTS.map((x) => x.name)]}
            rows={[
              { name: '合计', values: [p.totals.population, ...PARTS.map((x) => p.totals[x.key])] },
              ...p.byUnit.map((u) => ({
                name: u.unit,
                values: [u.population, ...PARTS.map((x) => u[x.key])],
              })),
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
