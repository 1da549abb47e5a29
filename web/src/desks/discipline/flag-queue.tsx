import { useEffect } from 'react';
import { Link, useSearch, useLocation } from 'wouter';
import { Badge, Card, Empty, Field, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { FLAG_STATUS_NAMES, nameOf, RULE_NAMES, ruleName, SEVERITY_NAMES } from '../../i18n/zh.ts';
import { orgNameOf, subjectOf } from './evidence.ts';
import { filtersFrom, queryOf, rememberQueueSearch, searchOf, type QueueFilters } from './queue-filters.ts';
import { Pager, usePages } from './pager.tsx';
import { RuleCounts } from './rule-counts.tsx';
import { RunScreening } from './run-screening.tsx';
import type { Flag, FlagSummary, Page } from './types.ts';

const PAGE_SIZE = 20;

/** The standing flag queue: filters, counts by rule, one page of flags at a time, and 开始筛查. */
export function FlagQueue() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = filtersFrom(new URLSearchParams(search));
  const query = queryOf(filters);
  const pages = usePages(search);
  useEffect(() => rememberQueueSearch(search), [search]);

  const flags = useApi<Page<Flag>>('/api/v1/flags', { ...query, limit: PAGE_SIZE, cursor: pages.cursor });
  const summary = useApi<FlagSummary>('/api/v1/flags/summary', query);
  const everything = useApi<FlagSummary>('/api/v1/flags/summary');

  const setFilter = (change: Partial<QueueFilters>) => {
    const next = searchOf({ ...filters, ...change });
    navigate(next ? `/?${next}` : '/');
  };
  const reloadAll = () => {
    pages.restart();
    flags.reload();
    summary.reload();
    everything.reload();
  };

  const units = (everything.data?.byUnit ?? []).flatMap((u) => (u.unit ? [u.unit] : []));

  return (
    <>
      <PageHeader title="问题线索" />
      <Card title="筛查">
        <RunScreening onDone={reloadAll} />
      </Card>

      <form className="filters" aria-label="筛选线索" onSubmit={(e) => e.preventDefault()}>
        <Field label="状态">
          <select
            value={filters.status}
            onChange={(e) => setFilter({ status: e.target.value as QueueFilters['status'] })}
          >
            {(['open', 'confirmed', 'dismissed', 'resolved'] as const).map((s) => (
              <option key={s} value={s}>
                {FLAG_STATUS_NAMES[s]}
              </option>
            ))}
            <option value="all">全部状态</option>
          </select>
        </Field>
        <Field label="规则">
          <select value={filters.rule} onChange={(e) => setFilter({ rule: e.target.value })}>
            <option value="">全部规则</option>
            {Object.entries(RULE_NAMES).map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="性质">
          <select
            value={filters.severity}
            onChange={(e) => setFilter({ severity: e.target.value as QueueFilters['severity'] })}
          >
            <option value="">全部</option>
            <option value="violation">{SEVERITY_NAMES.violation}</option>
            <option value="risk">{SEVERITY_NAMES.risk}</option>
          </select>
        </Field>
        <Field label="单位">
          <select value={filters.unit} onChange={(e) => setFilter({ unit: e.target.value })}>
            <option value="">全部单位</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </Field>
      </form>

      <Card title="按规则统计">
        <ProblemAlert error={summary.error} />
        {summary.data ? (
          <div className="discipline-counts">
            <div className="stats">
              <div className="stat">
                <strong data-testid="queue-total">{summary.data.total}</strong>
                <span>条线索</span>
              </div>
              {summary.data.bySeverity.map((s) => (
                <div className="stat" key={s.severity}>
                  <strong>{s.count}</strong>
                  <span>{nameOf(SEVERITY_NAMES, s.severity)}</span>
                </div>
              ))}
            </div>
            <RuleCounts summary={summary.data} />
          </div>
        ) : summary.loading ? (
          <Loading what="统计" />
        ) : null}
      </Card>

      <Card title="线索列表">
        <ProblemAlert error={flags.error} />
        {flags.loading && !flags.data ? <Loading what="线索" /> : null}
        {flags.data && flags.data.items.length === 0 ? <Empty>没有符合条件的线索。</Empty> : null}
        {flags.data && flags.data.items.length > 0 ? (
          <div className="table-scroll">
            <table aria-label="线索列表">
              <thead>
                <tr>
                  <th>规则</th>
                  <th>涉及</th>
                  <th>相关单位</th>
                  <th>性质</th>
                  <th>状态</th>
                  <th>依据</th>
                </tr>
              </thead>
              <tbody>
                {flags.data.items.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link href={`/flags/${f.id}`}>{ruleName(f.rule)}</Link>
                      <div className="muted small">{f.rule}</div>
                    </td>
                    <td>{subjectOf(f)}</td>
                    <td>{orgNameOf(f) ?? (f.year ? `${f.year} 年度申报` : '—')}</td>
                    <td>
                      <Badge tone={f.severity}>{nameOf(SEVERITY_NAMES, f.severity)}</Badge>
                    </td>
                    <td>
                      <Badge tone={f.status}>{nameOf(FLAG_STATUS_NAMES, f.status)}</Badge>
                    </td>
                    <td className="nowrap">{f.citation.article}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager pages={pages} nextCursor={flags.data?.nextCursor ?? null} />
      </Card>
    </>
  );
}
