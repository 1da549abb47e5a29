import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../../api/client.ts';
import { Badge, Card, Empty, Field, Loading, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { PLAN_STATUS_NAMES } from './labels.ts';
import type { Page, Plan } from './types.ts';

/** 轮岗方案: draw up a new proposal, and the plans drawn up before, newest first. */
export function PlansPage() {
  const plans = useApi<Page<Plan>>('/api/v1/rotations/plans', { limit: 50 });
  return (
    <>
      <NewPlanForm />
      <Card title="已有方案">
        <ProblemAlert error={plans.error} />
        {plans.loading && !plans.data ? <Loading what="轮岗方案" /> : null}
        {plans.data && plans.data.items.length === 0 ? <Empty>还没有轮岗方案。</Empty> : null}
        {plans.data && plans.data.items.length > 0 ? (
          <div className="table-scroll">
            <table aria-label="轮岗方案">
              <thead>
                <tr>
                  <th>方案</th>
                  <th>生效日期</th>
                  <th>应轮岗人数</th>
                  <th>拟调整</th>
                  <th>无可行岗位</th>
                  <th>状态</th>
                  <th>制定人</th>
                </tr>
              </thead>
              <tbody>
                {plans.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/plans/${p.id}`}>第 {p.id} 号方案</Link>
                    </td>
                    <td>{p.asOf}</td>
                    <td>{p.summary.counts.due}</td>
                    <td>{p.summary.counts.proposed}</td>
                    <td>{p.summary.counts.infeasible}</td>
                    <td>
                      <Badge tone={p.status === 'accepted' ? 'ok' : 'due'}>
                        {PLAN_STATUS_NAMES[p.status]}
                      </Badge>
                    </td>
                    <td>{p.createdBy}</td>
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

function NewPlanForm() {
  const [, navigate] = useLocation();
  const [asOf, setAsOf] = useState('');
  const [horizonDays, setHorizonDays] = useState('90');
  const [sharePercent, setSharePercent] = useState('30');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const plan = await api<Plan>('/api/v1/rotations/plans', {
        method: 'POST',
        body: {
          ...(asOf ? { asOf } : {}),
          horizonDays: Number(horizonDays),
          maxUnitShare: Math.round(Number(sharePercent) * 100) / 10000,
        },
      });
      navigate(`/plans/${plan.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Card title="制定轮岗方案">
      <p className="muted">
        为生效日期时已超期或将在期限内到期的人员逐一提出新岗位；每项调整都核查全部约束并说明理由。方案接受前可修改。
      </p>
      <form className="filters" onSubmit={submit} aria-label="制定轮岗方案">
        <Field label="生效日期" hint="留空为今天">
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </Field>
        <Field label="到期期限（天）" hint="纳入多少天内到期的人员">
          <input
            type="number"
            min={0}
            max={3660}
            required
            value={horizonDays}
            onChange={(e) => setHorizonDays(e.target.value)}
          />
        </Field>
        <Field label="单位一次最多调出（%）" hint="每个单位至少可调 1 人">
          <input
            type="number"
            min={1}
            max={100}
            step={0.01}
            required
            value={sharePercent}
            onChange={(e) => setSharePercent(e.target.value)}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? '正在制定…' : '生成方案'}
        </button>
      </form>
      <ProblemAlert error={error} />
    </Card>
  );
}
