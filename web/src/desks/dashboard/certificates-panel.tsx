import { useMemo } from 'react';
import { Link } from 'wouter';
import { Chart } from '../../components/chart.tsx';
import { Card, Empty, Loading, ProblemAlert } from '../../components/ui.tsx';
import type { ApiState } from '../../hooks/use-api.ts';
import { COLOURS, stackedBarOption } from './chart-options.ts';
import { DataTable } from './data-table.tsx';
import type { Expiring } from './types.ts';
import { deskHref } from '../../links.ts';

const BUCKETS = [
  { name: '30 天内', max: 30 },
  { name: '31–90 天', max: 90 },
  { name: '91–180 天', max: 180 },
  { name: '181–365 天', max: 365 },
] as const;
const KINDS = [
  { kind: 'enforcement', name: '执法资格', colour: COLOURS.red },
  { kind: 'auxiliary', name: '辅助执法资格', colour: COLOURS.blue },
] as const;

/** Counts per "days left" bucket and certificate kind. */
export function bucketise(items: Expiring['items']) {
  return BUCKETS.map((b, i) => {
    const min = i === 0 ? 0 : BUCKETS[i - 1]!.max + 1;
    const inside = items.filter((c) => c.daysLeft >= min && c.daysLeft <= b.max);
    return { name: b.name, counts: KINDS.map((k) => inside.filter((c) => c.kind === k.kind).length) };
  });
}

/** 资格证书到期: how many certificates stop being valid, and how soon. */
export function CertificatesPanel({ state, deskLink }: { state: ApiState<Expiring>; deskLink: boolean }) {
  const e = state.data;
  const buckets = useMemo(() => (e ? bucketise(e.items) : null), [e]);
  const option = useMemo(
    () =>
      buckets
        ? stackedBarOption(
            buckets.map((b) => b.name),
            KINDS.map((k, i) => ({
              name: k.name,
              colour: k.colour,
              values: buckets.map((b) => b.counts[i]!),
            })),
          )
        : null,
    [buckets],
  );
  return (
    <Card
      title={e ? `资格证书到期（${e.withinDays} 天内）` : '资格证书到期'}
      actions={deskLink ? <Link href={deskHref('/hr/certificates')}>查看证书 →</Link> : undefined}
    >
      <ProblemAlert error={state.error} />
      {state.loading && !e ? <Loading what="证书到期统计" /> : null}
      {e && e.items.length === 0 ? <Empty>一年内没有失效的资格证书。</Empty> : null}
      {e && e.items.length > 0 && option && buckets ? (
        <>
          <Chart option={option} label="证书按剩余天数统计" height={220} />
          <DataTable
            label="证书按剩余天数统计"
            columns={KINDS.map((k) => k.name)}
            rows={buckets.map((b) => ({ name: b.name, values: b.counts }))}
          />
        </>
      ) : null}
    </Card>
  );
}
