import { useState } from 'react';
import { Link } from 'wouter';
import { Badge, Card, Empty, Field, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { nameOf } from '../../i18n/zh.ts';
import { Pager, usePages } from './pager.tsx';
import { REVIEW_STATUS_NAMES, REVIEW_TONES } from './labels.ts';
import type { DeclarationSummary, Page, ReviewStatus } from './types.ts';

/** Submitted declarations and where their review stands; pending ones first of interest. */
export function DeclarationList() {
  const [review, setReview] = useState<ReviewStatus | ''>('pending');
  const [year, setYear] = useState('');
  const [unit, setUnit] = useState('');
  const filterKey = `${review}|${year}|${unit}`;
  const pages = usePages(filterKey);
  const list = useApi<Page<DeclarationSummary>>('/api/v1/declarations', {
    review: review || undefined,
    year: /^\d{4}$/.test(year) ? year : undefined,
    unit: unit.trim() || undefined,
    limit: 20,
    cursor: pages.cursor,
  });

  return (
    <>
      <PageHeader title="申报审核" />
      <form className="filters" aria-label="筛选申报" onSubmit={(e) => e.preventDefault()}>
        <Field label="审核状态">
          <select value={review} onChange={(e) => setReview(e.target.value as ReviewStatus | '')}>
            <option value="pending">{REVIEW_STATUS_NAMES.pending}</option>
            <option value="accepted">{REVIEW_STATUS_NAMES.accepted}</option>
            <option value="returned">{REVIEW_STATUS_NAMES.returned}</option>
            <option value="">全部</option>
          </select>
        </Field>
        <Field label="申报年度">
          <input inputMode="numeric" size={6} value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        <Field label="单位">
          <input value={unit} onChange={(e) => setUnit(e.target.value)} />
        </Field>
      </form>
      <Card>
        <ProblemAlert error={list.error} />
        {list.loading && !list.data ? <Loading what="申报" /> : null}
        {list.data && list.data.items.length === 0 ? <Empty>没有符合条件的申报。</Empty> : null}
        {list.data && list.data.items.length > 0 ? (
          <div className="table-scroll">
            <table aria-label="申报列表">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>人员编号</th>
                  <th>单位</th>
                  <th>年度</th>
                  <th>提交日期</th>
                  <th>版本</th>
                  <th>申报事项</th>
                  <th>审核</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => (
                  <tr key={`${d.staffNo}-${d.year}`}>
                    <td>
                      <Link href={`/declarations/${encodeURIComponent(d.staffNo)}/${d.year}`}>{d.name}</Link>
                    </td>
                    <td>{d.staffNo}</td>
                    <td>{d.unit}</td>
                    <td>{d.year}</td>
                    <td className="nowrap">
                      {d.submittedOn}
                      {d.amendedOn ? <div className="muted small">更正 {d.amendedOn}</div> : null}
                    </td>
                    <td>第 {d.version} 版</td>
                    <td>{d.nothingToReport ? '无事项报告' : `${d.itemCount} 项`}</td>
                    <td>
                      <Badge tone={REVIEW_TONES[d.review]}>{nameOf(REVIEW_STATUS_NAMES, d.review)}</Badge>
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
