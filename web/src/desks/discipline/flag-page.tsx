import { useState } from 'react';
import { Link } from 'wouter';
import { Badge, Card, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { hasAnyRole, useMe } from '../../session/session.tsx';
import { FLAG_STATUS_NAMES, nameOf, ruleName, SEVERITY_NAMES } from '../../i18n/zh.ts';
import { DecisionForm } from './decision-form.tsx';
import { orgNameOf, subjectOf } from './evidence.ts';
import { EvidenceView } from './evidence-view.tsx';
import { FlagHistory } from './flag-history.tsx';
import { when } from './format.ts';
import { queueHref } from './queue-filters.ts';
import type { FlagDetail } from './types.ts';

/** One flag: what rule and article, the evidence (graph and records), its history, and the decision. */
export function FlagPage({ id }: { id: string }) {
  const loaded = useApi<FlagDetail>(`/api/v1/flags/${encodeURIComponent(id)}`);
  const [decided, setDecided] = useState<FlagDetail | null>(null);
  // Deciding is the discipline officers' (the route refuses an administrator).
  const mayDecide = hasAnyRole(useMe(), ['discipline']);
  const flag = decided ?? loaded.data;

  if (loaded.error) {
    return (
      <>
        <BackToQueue />
        <ProblemAlert error={loaded.error} />
      </>
    );
  }
  if (!flag) return <Loading what="线索" />;

  return (
    <>
      <BackToQueue />
      <PageHeader title={`${ruleName(flag.rule)}：${subjectOf(flag)}`}>
        <Badge tone={flag.severity}>{nameOf(SEVERITY_NAMES, flag.severity)}</Badge>
        <Badge tone={flag.status}>{nameOf(FLAG_STATUS_NAMES, flag.status)}</Badge>
      </PageHeader>

      <Card title="依据条款">
        <figure className="citation" aria-label="依据条款">
          <figcaption>
            《关于深化消防执法改革的实施方案》{flag.citation.article} · 规则 {flag.rule}
          </figcaption>
          <blockquote>{flag.citation.text}</blockquote>
        </figure>
        <dl className="facts">
          {flag.staffNo ? <Item label="人员编号" value={flag.staffNo} /> : null}
          {flag.org ? <Item label="相关单位" value={`${orgNameOf(flag)}（${flag.org}）`} /> : null}
          {flag.action ? <Item label="执法行为" value={flag.action} /> : null}
          {flag.post ? <Item label="岗位" value={flag.post} /> : null}
          {flag.year ? <Item label="申报年度" value={`${flag.year} 年`} /> : null}
        </dl>
      </Card>

      <Card title="证据路径">
        <EvidenceView flag={flag} />
      </Card>

      <div className="grid">
        <Card title="处理">
          {decided ? (
            <p className="success" role="status">
              已{nameOf(FLAG_STATUS_NAMES, decided.status).replace('已', '')}此线索。
              <Link href={queueHref()}>返回线索队列</Link>
            </p>
          ) : null}
          {flag.decision ? (
            <p>
              当前结论：
              <Badge tone={flag.decision.decision}>
                {nameOf(FLAG_STATUS_NAMES, flag.decision.decision)}
              </Badge>{' '}
              {flag.decision.by ?? ''} {when(flag.decision.at)}，理由：{flag.decision.reason ?? '—'}
            </p>
          ) : null}
          {flag.status === 'resolved' ? (
            <p className="muted">最近一次筛查已不再发现此情形，线索已消除，无需处理。</p>
          ) : mayDecide ? (
            <DecisionForm flag={flag} onDecided={setDecided} />
          ) : (
            <p className="muted">认定或排除线索由纪检干部作出。</p>
          )}
          <p>
            <Link href={`/findings/new?flag=${flag.id}`}>据此建立问责记录</Link>
          </p>
        </Card>
        <Card title="状态记录">
          <FlagHistory events={flag.history} />
        </Card>
      </div>
    </>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function BackToQueue() {
  return (
    <p className="back">
      <Link href={queueHref()}>← 返回线索队列</Link>
    </p>
  );
}
