import { Link } from 'wouter';
import { Badge, Card, Loading, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { nameOf, ruleName } from '../../i18n/zh.ts';
import { when } from './format.ts';
import {
  FINDING_STATUS_NAMES,
  FINDING_TYPE_NAMES,
  HANDLING_NAMES,
  RESPONSIBILITY_NAMES,
  SANCTION_NAMES,
} from './labels.ts';
import type { Finding, FindingVersion } from './types.ts';

/** One finding: what happened, who answers for it and how, what it concerns, and its versions. */
export function FindingPage({ id }: { id: string }) {
  const finding = useApi<Finding>(`/api/v1/findings/${encodeURIComponent(id)}`);
  const versions = useApi<{ items: FindingVersion[] }>(`/api/v1/findings/${encodeURIComponent(id)}/versions`);
  const back = (
    <p className="back">
      <Link href="/findings">← 返回问责记录</Link>
    </p>
  );
  if (finding.error) {
    return (
      <>
        {back}
        <ProblemAlert error={finding.error} />
      </>
    );
  }
  const f = finding.data;
  if (!f) return <Loading what="问责记录" />;

  return (
    <>
      {back}
      <PageHeader title={`${nameOf(FINDING_TYPE_NAMES, f.type)}（${f.date}）`}>
        <Badge tone={f.status === 'open' ? 'due' : 'resolved'}>
          {nameOf(FINDING_STATUS_NAMES, f.status)}
        </Badge>
        {f.severe ? <Badge tone="violation">后果严重</Badge> : null}
        {f.suspectedCriminal ? <Badge tone="violation">涉嫌犯罪</Badge> : null}
      </PageHeader>
      <Card title="基本情况">
        <p className="narrative">{f.narrative}</p>
        <p className="muted small">
          第 {f.version} 版，{f.recordedBy} 于 {when(f.recordedAt)} 记录
          {f.closedOn ? `；${f.closedOn} 办结` : ''}
        </p>
        {f.referral ? (
          <p>
            移交监察机关：{f.referral.on}，{f.referral.authority ?? ''} {f.referral.reference}
          </p>
        ) : null}
      </Card>
      <Card title="被问责人员">
        {f.respondents.length === 0 ? (
          <p className="muted">未列被问责人员。</p>
        ) : (
          <div className="table-scroll">
            <table aria-label="被问责人员">
              <thead>
                <tr>
                  <th>人员编号</th>
                  <th>责任</th>
                  <th>组织处理</th>
                  <th>政务处分</th>
                </tr>
              </thead>
              <tbody>
                {f.respondents.map((r) => (
                  <tr key={r.staffNo}>
                    <td>{r.staffNo}</td>
                    <td>{nameOf(RESPONSIBILITY_NAMES, r.responsibility)}</td>
                    <td>
                      {r.handling.map((h, i) => (
                        <div key={i}>
                          {nameOf(HANDLING_NAMES, h.measure)}（{h.on}）
                        </div>
                      ))}
                      {r.handling.length === 0 ? '—' : null}
                    </td>
                    <td>
                      {r.sanctions.map((s, i) => (
                        <div key={i}>
                          {nameOf(SANCTION_NAMES, s.measure)}（{s.from} 至 {s.until ?? '无期限'}）
                        </div>
                      ))}
                      {r.sanctions.length === 0 ? '—' : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {f.suspensions.length > 0 ? (
          <p className="notice">
            停职查办：{f.suspensions.map((s) => `${s.staffNo}（自 ${s.from}）`).join('、')}
          </p>
        ) : null}
      </Card>
      <Card title="涉及事项">
        <ul className="plain">
          {f.concerns.flags.map((flag) => (
            <li key={flag}>
              线索 <Link href={`/flags/${flag}`}>{flag.slice(0, 8)}</Link>
            </li>
          ))}
          {f.concerns.declarations.map((d) => (
            <li key={`${d.staffNo}-${d.year}`}>
              申报{' '}
              <Link
                href={`/declarations/${encodeURIComponent(d.staffNo)}/${d.year}`}
              >{`${d.staffNo} ${d.year} 年度`}</Link>
            </li>
          ))}
          {f.concerns.actions.map((a) => (
            <li key={a}>执法行为 {a}</li>
          ))}
          {f.concerns.rules.map((r) => (
            <li key={r}>规则 {ruleName(r)}</li>
          ))}
        </ul>
        {f.concerns.flags.length +
          f.concerns.declarations.length +
          f.concerns.actions.length +
          f.concerns.rules.length ===
        0 ? (
          <p className="muted">未关联线索或事项。</p>
        ) : null}
      </Card>
      <Card title="版本记录">
        <ProblemAlert error={versions.error} />
        <ul className="plain">
          {versions.data?.items.map((v) => (
            <li key={v.version}>
              第 {v.version} 版：{v.recordedBy}，{when(v.recordedAt)}
              {v.reason ? `，更正理由：${v.reason}` : ''}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
