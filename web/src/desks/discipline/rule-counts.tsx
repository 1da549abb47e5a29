import { useMemo } from 'react';
import { barOption, Chart } from '../../components/chart.tsx';
import { Empty } from '../../components/ui.tsx';
import { ruleName } from '../../i18n/zh.ts';
import type { FlagSummary } from './types.ts';

/** Counts of the filtered queue by rule, as bars, with the numbers also in a table for screen readers. */
export function RuleCounts({ summary }: { summary: FlagSummary }) {
  const option = useMemo(
    () => barOption(summary.byRule.map((r) => ({ name: ruleName(r.rule), value: r.count }))),
    [summary],
  );
  if (summary.total === 0) return <Empty>没有符合条件的线索。</Empty>;
  return (
    <>
      <Chart
        option={option}
        label="按规则统计的线索数"
        height={Math.max(160, summary.byRule.length * 30 + 30)}
      />
      <table className="visually-hidden" aria-label="各规则线索数">
        <tbody>
          {summary.byRule.map((r) => (
            <tr key={r.rule}>
              <th>{ruleName(r.rule)}</th>
              <td>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
