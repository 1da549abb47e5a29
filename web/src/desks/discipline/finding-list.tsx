import { useState } from 'react';
import { Link } from 'wouter';
import { Badge, Card, Empty, Field, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { nameOf } from '../../i18n/zh.ts';
import { FINDING_STATUS_NAMES, FINDING_TYPE_NAMES } from './labels.ts';
import { Pager, usePages } from './pager.tsx';
import type { Finding, Page } from './types.ts';

/** Accountability findings (十三), newest first. */
export function FindingList() {
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const pages = usePages(`${type}|${status}|${staffNo}`);
  const list = useApi<Page<Finding>>('/api/v1/findings', {
    type: type || undefined,
    status: status || undefined,
    staffNo: staffNo.trim() || undefined,
    limit: 20,
    cursor: pages.cursor,
  });

  return (
    <>
      <PageHeader title="问责记录">
        <Link href="/findings/new" className="button-link">
          新建问责记录
        </Link>
      </PageHeader>
      <form className="filters" aria-label="筛选问责记录" onSubmit={(e) => e.preventDefault()}>
        <Field label="问题类型">
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">全部类型</option>
            {Object.entries(FINDING_TYPE_NAMES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field label="办理状态">
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">全部</option>
            <option value="open">{FINDING_STATUS_NAMES.open}</option>
            <option value="closed">{FINDING_STATUS_NAMES.closed}</option>
          </select>
        </Field>
        <Field label="被问责人员编号">
          <input value={staffNo} size={10} onChange={(e) => setStaffNo(e.target.value)} />
        </Field>
      </form>
      <Card>
        <ProblemAlert error={list.error} />
        {list.loading && !list.data ? <Loading what="问责记录" /> : null}
        {list.data && list.data.items.length === 0 ? <Empty>没有问责记录。</Empty> : null}
        {list.data && list.data.items.length > 0 ? (
          <div className="table-scroll">
            <table aria-label="问责记录列表">
              <thead>
                <tr>
                  <th>日期</th>
                  <th>问题类型</th>
                  <th>被问责人员</th>
                  <th>情况</th>
                  <th>状态</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((f) => (
                  <tr key={f.id}>
                    <td className="nowrap">
                      <Link href={`/findings/${f.id}`}>{f.date}</Link>
                    </td>
                    <td>
                      {nameOf(FINDING_TYPE_NAMES, f.type)}
                      {f.severe ? <Badge tone="violation">后果严重</Badge> : null}
                    </td>
                    <td>{f.respondents.map((r) => r.staffNo).join('、') || '—'}</td>
                    <td className="narrative-cell">{f.narrative}</td>
                    <td>
                      <Badge tone={f.status === 'open' ? 'due' : 'resolved'}>
                        {nameOf(FINDING_STATUS_NAMES, f.status)}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager pages={pages} nextCursor={list.data?.nextCursor ?? null} />
      </Card>
    </>
  );
}
