import { useMemo } from 'react';
import { Link } from 'wouter';
import { barOption, Chart } from '../../components/chart.tsx';
import { Card, Empty, Loading, ProblemAlert } from '../../components/ui.tsx';
import type { ApiState } from '../../hooks/use-api.ts';
import { ruleName } from '../../i18n/zh.ts';
import { DataTable } from './data-table.tsx';
import type { FlagSummary } from './types.ts';
import { deskHref } from '../../links.ts';

const unitName = (unit: string | null) => unit ?? '（未关联单位）';

/** 待处理问题线索: the open queue counted by rule and by unit. */
export function FlagsPanel({ state, deskLink }: { state: ApiState<FlagSummary>; deskLink: boolean }) {
  const s = state.data;
  const byRule = useMemo(
    () => (s ? barOption(s.byRule.map((r) => ({ name: ruleName(r.rule), value: r.count }))) : null),
    [s],
  );
  const byUnit = useMemo(
    () =>
      s
        ? barOption(
            s.byUnit.map((u) => ({ name: unitName(u.unit), value: u.count })),
            '#d97706',
          )
        : null,
    [s],
  );
  return (
    <Card
      title="待处理问题线索"
      actions={deskLink ? <Link href={deskHref('/discipline')}>进入问题线索 →</Link> : undefined}
    >
      <ProblemAlert error={state.error} />
      {state.loading && !s ? <Loading what="线索统计" /> : null}
      {s && s.total === 0 ? <Empty>没有待处理的问题线索。</Empty> : null}
      {s && s.total > 0 && byRule && byUnit ? (
        <div className="dash-pair">
          <figure aria-label="按规则">
            <figcaption>按规则</figcaption>
            <Chart
              option={byRule}
              label="待处理线索按规则统计"
              height={Math.max(180, s.byRule.length * 28 + 30)}
            />
            <DataTable
              label="待处理线索按规则统计"
              columns={['线索数']}
              rows={s.byRule.map((r) => ({ name: ruleName(r.rule), values: [r.count] }))}
            />
          </figure>
          <figure aria-label="按单位">
            <figcaption>按单位</figcaption>
            <Chart
              option={byUnit}
              label="待处理线索按单位统计"
              height={Math.max(180, s.byUnit.length * 28 + 30)}
            />
            <DataTable
              label="待处理线索按单位统计"
              columns={['线索数']}
              rows={s.byUnit.map((u) => ({ name: unitName(u.unit), values: [u.count] }))}
            />
          </figure>
        </div>
      ) : null}
    </Card>
  );
}
