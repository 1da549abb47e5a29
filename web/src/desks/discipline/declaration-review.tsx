import { useState } from 'react';
import { Link } from 'wouter';
import { Badge, Card, Empty, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { hasAnyRole, useMe } from '../../session/session.tsx';
import {
  FLAG_STATUS_NAMES,
  nameOf,
  ORG_KIND_NAMES,
  RELATION_NAMES,
  ROLE_IN_ORG_NAMES,
  ruleName,
} from '../../i18n/zh.ts';
import { ReviewDecisionForm } from './review-decision-form.tsx';
import { MARK_TONES, REVIEW_STATUS_NAMES, REVIEW_TONES, TIE_SOURCE_NAMES } from './labels.ts';
import type { ReviewView } from './types.ts';

const span = (from: string | null, to: string | null) =>
  from || to ? `（${from ?? '—'} 至 ${to ?? '今'}）` : '';

/** A declaration under review: what was declared beside what the records know, its flags, and the decision. */
export function DeclarationReview({ staffNo, year }: { staffNo: string; year: string }) {
  const path = `/api/v1/declarations/${encodeURIComponent(staffNo)}/${encodeURIComponent(year)}/review`;
  const view = useApi<ReviewView>(path);
  const [notice, setNotice] = useState<string | null>(null);
  // Deciding is the discipline officers' (the route refuses an administrator).
  const mayDecide = hasAnyRole(useMe(), ['discipline']);

  if (view.error) {
    return (
      <>
        <BackToList />
        <ProblemAlert error={view.error} />
      </>
    );
  }
  if (!view.data) return <Loading what="申报审核" />;
  const { declaration: d, self, relatives, ties, summary, flags, reviews } = view.data;

  return (
    <>
      <BackToList />
      <PageHeader title={`${self.name}（${d.staffNo}）${d.year} 年度申报`}>
        <Badge tone={REVIEW_TONES[d.review.status]}>{nameOf(REVIEW_STATUS_NAMES, d.review.status)}</Badge>
      </PageHeader>
      <div className="stats">
        <Stat n={summary.missing} label="未报" />
        <Stat n={summary.differs} label="不一致" />
        <Stat n={summary.new} label="新报" />
        <Stat n={summary.matches} label="一致" />
      </div>
      <Card title="申报情况">
        <p>
          第 {d.version} 版，{d.submittedOn} 提交
          {d.amendedOn ? `，${d.amendedOn} 更正（理由：${d.amendmentReason ?? '—'}）` : ''}
          {d.dueOn ? `；截止日 ${d.dueOn}，${d.onTime ? '按时' : '逾期'}` : ''}
          {d.nothingToReport ? '；本人报告无应报事项' : ''}。
        </p>
      </Card>

      <Card title="近亲属：申报与掌握对照">
        {relatives.length === 0 ? (
          <Empty>既未申报也未掌握近亲属。</Empty>
        ) : (
          <div className="table-scroll">
            <table aria-label="近亲属对照">
              <thead>
                <tr>
                  <th>亲属</th>
                  <th>本人申报</th>
                  <th>组织掌握</th>
                  <th>比对</th>
                </tr>
              </thead>
              <tbody>
                {relatives.map((r) => (
                  <tr key={r.person}>
                    <td>{r.name ?? r.person}</td>
                    <td>{r.declared ? nameOf(RELATION_NAMES, r.declared) : '未申报'}</td>
                    <td>{r.known ? nameOf(RELATION_NAMES, r.known) : '无记录'}</td>
                    <td>
                      <Badge tone={MARK_TONES[r.mark]}>{r.label}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title="任职、持股：申报与掌握对照">
        {ties.length === 0 ? (
          <Empty>既未申报也未掌握应报的任职、持股。</Empty>
        ) : (
          <div className="table-scroll">
            <table aria-label="任职持股对照" className="compare">
              <thead>
                <tr>
                  <th>人员</th>
                  <th>单位</th>
                  <th>本人申报</th>
                  <th>组织掌握</th>
                  <th>比对</th>
                </tr>
              </thead>
              <tbody>
                {ties.map((t) => (
                  <tr key={`${t.person}|${t.org}`}>
                    <td>
                      {t.personName ?? t.person}
                      <div className="muted small">
                        {t.relation === 'self' ? '本人' : nameOf(RELATION_NAMES, t.relation)}
                      </div>
                    </td>
                    <td>
                      {t.orgName ?? t.org}
                      <div className="muted small">{nameOf(ORG_KIND_NAMES, t.orgKind)}</div>
                    </td>
                    <td>
                      {t.declared.length === 0
                        ? '未申报'
                        : t.declared.map((x, i) => (
                            <div key={i}>
                              {nameOf(ROLE_IN_ORG_NAMES, x.role)}
                              {span(x.from, x.to)}
                            </div>
                          ))}
                    </td>
                    <td>
                      {t.known.length === 0
                        ? '无记录'
                        : t.known.map((x, i) => (
                            <div key={i}>
                              {nameOf(ROLE_IN_ORG_NAMES, x.role)}
                              {span(x.from, x.to)}
                              <span className="muted small"> {nameOf(TIE_SOURCE_NAMES, x.source)}</span>
                            </div>
                          ))}
                    </td>
                    <td>
                      <Badge tone={MARK_TONES[t.mark]}>{t.label}</Badge>
                      {t.flag ? (
                        <div>
                          <Link href={`/flags/${t.flag.id}`}>
                            线索（{nameOf(FLAG_STATUS_NAMES, t.flag.status)}）
                          </Link>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {flags.length > 0 ? (
        <Card title="相关线索">
          <ul>
            {flags.map((f) => (
              <li key={f.id}>
                <Link href={`/flags/${f.id}`}>{ruleName(f.rule)}</Link>{' '}
                <Badge tone={f.status}>{nameOf(FLAG_STATUS_NAMES, f.status)}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <div className="grid">
        <Card title="审核意见">
          {notice ? (
            <p className="success" role="status">
              {notice}
            </p>
          ) : null}
          {d.review.status === 'pending' && !mayDecide ? (
            <p className="muted">审核意见由纪检干部作出。</p>
          ) : d.review.status === 'pending' ? (
            <ReviewDecisionForm
              path={path}
              version={d.version}
              onDecided={(message) => {
                setNotice(message);
                view.reload();
              }}
            />
          ) : (
            <p className="muted">此版本已审核；申报人更正后将出现新的版本待审核。</p>
          )}
        </Card>
        <Card title="审核记录">
          {reviews.length === 0 ? (
            <Empty>尚未审核。</Empty>
          ) : (
            <ul className="plain">
              {reviews.map((r) => (
                <li key={r.id}>
                  {r.reviewedOn} 第 {r.version} 版{' '}
                  <Badge tone={REVIEW_TONES[r.decision]}>{nameOf(REVIEW_STATUS_NAMES, r.decision)}</Badge>{' '}
                  {r.reviewedBy}
                  {r.comment ? `：${r.comment}` : ''}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function Stat({ n, label }: { n: number; label: string }) {
  return (
    <div className="stat">
      <strong>{n}</strong>
      <span>{label}</span>
    </div>
  );
}

function BackToList() {
  return (
    <p className="back">
      <Link href="/declarations">← 返回申报审核</Link>
    </p>
  );
}
