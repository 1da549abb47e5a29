import type { Kysely } from 'kysely';
import type { Database, FlagStatus } from '../db/schema.ts';
import { flagUnit } from './flag-unit.ts';

export interface FlagSummaryFilter {
  status?: FlagStatus | undefined;
  rule?: string | undefined;
  severity?: 'violation' | 'risk' | undefined;
  unit?: string | undefined;
}

export interface FlagSummary {
  total: number;
  byRule: { rule: string; count: number }[];
  bySeverity: { severity: string; count: number }[];
  byStatus: { status: string; count: number }[];
  /** `unit` is null for flags that name no staff member and no officer. */
  byUnit: { unit: string | null; count: number }[];
}

/** Counts of the standing queue under a filter, by rule, severity, status and unit (largest first). */
export async function summarizeFlags(db: Kysely<Database>, filter: FlagSummaryFilter): Promise<FlagSummary> {
  let base = db.selectFrom('flag').select(['rule', 'severity', 'status', flagUnit().as('unit')]);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.rule) base = base.where('rule', '=', filter.rule);
  if (filter.severity) base = base.where('severity', '=', filter.severity);
  if (filter.unit) base = base.where(flagUnit(), '=', filter.unit);
  const rows = await db
    .with('f', () => base)
    .selectFrom('f')
    .select(['rule', 'severity', 'status', 'unit', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['rule', 'severity', 'status', 'unit'])
    .execute();

  const tally = <K extends string | null>(key: (r: (typeof rows)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + Number(r.count));
    return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  };
  return {
    total: rows.reduce((n, r) => n + Number(r.count), 0),
    byRule: tally((r) => r.rule).map(([rule, count]) => ({ rule, count })),
    bySeverity: tally((r) => r.severity).map(([severity, count]) => ({ severity, count })),
    byStatus: tally((r) => r.status).map(([status, count]) => ({ status, count })),
    byUnit: tally((r) => r.unit).map(([unit, count]) => ({ unit, count })),
  };
}
