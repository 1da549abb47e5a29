import { useState } from 'react';
import { Badge, Card, Empty, Field, Loading, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { nameOf, STAFF_CATEGORY_NAMES } from '../../i18n/zh.ts';
import { CERT_KIND_NAMES } from './labels.ts';
import type { Expiring } from './types.ts';

/** 资格证书到期: certificates of serving staff that stop being valid within N days, soonest first. */
export function CertificatesPage() {
  const [asOf, setAsOf] = useState('');
  const [withinDays, setWithinDays] = useState('90');
  const [kind, setKind] = useState('');
  const [includeRenewed, setIncludeRenewed] = useState(false);
  const withinOk = /^\d+$/.test(withinDays) && Number(withinDays) <= 3660;
  const { data, error, loading } = useApi<Expiring>('/api/v1/qualifications/expiring', {
    asOf: asOf || undefined,
    withinDays: withinOk ? withinDays : 90,
    kind: kind || undefined,
    includeRenewed: includeRenewed ? 'true' : undefined,
  });

  return (
    <>
      <form className="filters" aria-label="筛选到期证书" onSubmit={(e) => e.preventDefault()}>
        <Field label="截至日期" hint="留空为今天">
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </Field>
        <Field label="到期期限（天）" hint={withinOk ? '多少天内失效' : '请填 0–3660 的整数'}>
          <input
            type="number"
            min={0}
            max={3660}
            value={withinDays}
            aria-invalid={!withinOk}
            onChange={(e) => setWithinDays(e.target.value)}
          />
        </Field>
        <Field label="证书类别">
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">全部</option>
            <option value="enforcement">{CERT_KIND_NAMES.enforcement}</option>
            <option value="auxiliary">{CERT_KIND_NAMES.auxiliary}</option>
          </select>
        </Field>
        <label className="hr-check">
          <input
            type="checkbox"
            checked={includeRenewed}
            onChange={(e) => setIncludeRenewed(e.target.checked)}
          />
          包括已换发的证书
        </label>
      </form>

      <Card
        title={data ? `${data.withinDays} 天内失效的资格证书（截至 ${data.asOf}）` : '即将失效的资格证书'}
      >
        <ProblemAlert error={error} />
        {loading && !data ? <Loading what="到期证书" /> : null}
        {data && data.items.length === 0 ? <Empty>期限内没有失效的证书。</Empty> : null}
        {data && data.items.length > 0 ? (
          <div className="table-scroll">
            <table aria-label="即将失效的资格证书">
              <thead>
                <tr>
                  <th>证书编号</th>
                  <th>工号</th>
                  <th>单位</th>
                  <th>人员类别</th>
                  <th>证书类别</th>
                  <th>取得日期</th>
                  <th>失效日期</th>
                  <th>剩余天数</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.certNo}>
                    <td>
                      <code>{c.certNo}</code>
                      {c.renewedBy ? <small className="muted"> 已换发 {c.renewedBy}</small> : null}
                    </td>
                    <td>{c.staffNo}</td>
                    <td>{c.unit}</td>
                    <td>{nameOf(STAFF_CATEGORY_NAMES, c.category)}</td>
                    <td>{nameOf(CERT_KIND_NAMES, c.kind)}</td>
                    <td>{c.passedOn}</td>
                    <td>{c.expiresOn ?? '长期有效'}</td>
                    <td>
                      <Badge tone={c.daysLeft <= 30 ? 'overdue' : 'due'}>{c.daysLeft} 天</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="muted">失效日期是证书不再有效的第一天。</p>
      </Card>
    </>
  );
}
