import { useState } from 'react';
import { Badge, Card, Empty, Field, Loading, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { nameOf, POST_KIND_NAMES } from '../../i18n/zh.ts';
import { ExportButtons } from './export-buttons.tsx';
import { DUE_STATUS_NAMES } from './labels.ts';
import type { DueRows, DueStatus, DueSummary } from './types.ts';

interface Filters {
  asOf: string;
  withinDays: string;
  status: '' | DueStatus;
  unit: string;
}

/** 轮岗到期名单: who is overdue or due to rotate within N days of a day, with counts and exports. */
export function RotationDuePage() {
  const [filters, setFilters] = useState<Filters>({ asOf: '', withinDays: '90', status: '', unit: '' });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const withinOk = /^\d+$/.test(filters.withinDays) && Number(filters.withinDays) <= 3660;
  const base = { asOf: filters.asOf || undefined, withinDays: withinOk ? filters.withinDays : 90 };
  const summary = useApi<DueSummary>('/api/v1/rotations/due/summary', base);
  const rows = useApi<DueRows>('/api/v1/rotations/due/rows', {
    ...base,
    unit: filters.unit || undefined,
    status: filters.status || undefined,
  });
  const s = summary.data;

  return (
    <>
      <form className="filters" aria-label="筛选轮岗到期名单" onSubmit={(e) => e.preventDefault()}>
        <Field label="截至日期" hint="留空为今天">
          <input type="date" value={filters.asOf} onChange={(e) => set({ asOf: e.target.value })} />
        </Field>
        <Field label="到期期限（天）" hint={withinOk ? '列出此天数内到期的人员' : '请填 0–3660 的整数'}>
          <input
            type="number"
            min={0}
            max={3660}
            value={filters.withinDays}
            aria-invalid={!withinOk}
            onChange={(e) => set({ withinDays: e.target.value })}
          />
        </Field>
        <Field label="状态">
          <select
            value={filters.status}
            onChange={(e) => set({ status: e.target.value as Filters['status'] })}
          >
            <option value="">全部</option>
            <option value="overdue">{DUE_STATUS_NAMES.overdue}</option>
            <option value="due">{DUE_STATUS_NAMES.due}</option>
          </select>
        </Field>
        <Field label="单位">
          <select value={filters.unit} onChange={(e) => set({ unit: e.target.value })}>
            <option value="">全部单位</option>
            {s?.byUnit.map((u) => (
              <option key={u.unit} value={u.unit}>
                {u.unit}（{u.total}）
              </option>
            ))}
          </select>
        </Field>
      </form>

      <ProblemAlert error={summary.error} />
      {s ? (
        <div className="stats" aria-label="轮岗到期统计">
          <div className="stat">
            <strong>{s.overdue}</strong>
            <span>已超期</span>
          </div>
          <div className="stat">
            <strong>{s.due}</strong>
            <span>{s.withinDays} 天内到期</span>
          </div>
          <div className="stat">
            <strong>{s.total}</strong>
            <span>合计（截至 {s.asOf}）</span>
          </div>
        </div>
      ) : null}

      <Card
        title="轮岗到期名单"
        actions={
          <ExportButtons
            path="/api/v1/rotations/due/export"
            filename={`轮岗到期名单-${rows.data?.asOf ?? filters.asOf}`}
            query={{ ...base, unit: filters.unit || undefined }}
            what="轮岗到期名单"
          />
        }
      >
        {filters.status ? <p className="muted">导出文件含两种状态，按截至日期、期限和单位筛选。</p> : null}
        <ProblemAlert error={rows.error} />
        {rows.loading && !rows.data ? <Loading what="轮岗到期名单" /> : null}
        {rows.data && rows.data.items.length === 0 ? <Empty>没有到期或超期的轮岗。</Empty> : null}
        {rows.data && rows.data.items.length > 0 ? (
          <div className="table-scroll">
            <table aria-label="轮岗到期名单">
              <thead>
                <tr>
                  <th>工号</th>
                  <th>姓名</th>
                  <th>单位</th>
                  <th>岗位</th>
                  <th>岗位类别</th>
                  <th>任职起始</th>
                  <th>应轮岗日期</th>
                  <th>状态</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.items.map((r) => (
                  <tr key={`${r.staffNo}:${r.post}`}>
                    <td>{r.staffNo}</td>
                    <td>{r.name}</td>
                    <td>{r.unit}</td>
                    <td>
                      {r.postName} <code>{r.post}</code>
                    </td>
                    <td>{nameOf(POST_KIND_NAMES, r.postKind)}</td>
                    <td>{r.since}</td>
                    <td>{r.dueOn}</td>
                    <td>
                      <Badge tone={r.status}>{DUE_STATUS_NAMES[r.status]}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </>
  );
}
