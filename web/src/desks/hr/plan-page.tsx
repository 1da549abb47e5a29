import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client.ts';
import { Badge, Card, Empty, Loading, ProblemAlert } from '../../components/ui.tsx';
import { ExportButtons } from './export-buttons.tsx';
import { constraintName, PLAN_STATUS_NAMES } from './labels.ts';
import { MoveCard } from './move-card.tsx';
import type { Plan } from './types.ts';
import { usePlan } from './use-plan.ts';
import { UnitTable } from './unit-table.tsx';

/** One rotation plan: its counts, each move with its explanation, edits, acceptance and export. */
export function PlanPage({ id }: { id: number }) {
  const { plan, moves, posts, error, reload, replaceMove } = usePlan(id);
  const postMap = useMemo(() => new Map(posts.map((p) => [p.code, p])), [posts]);
  if (error) return <ProblemAlert error={error} />;
  if (!plan || !moves) return <Loading what="轮岗方案" />;
  const open = plan.status === 'proposed';
  const c = plan.summary.counts;
  const blocked = Object.entries(plan.summary.blockedBy).filter(([, n]) => n > 0);

  return (
    <>
      <div className="plan-head">
        <h2>
          第 {plan.id} 号轮岗方案 <Badge tone={open ? 'due' : 'ok'}>{PLAN_STATUS_NAMES[plan.status]}</Badge>
        </h2>
        <ExportButtons
          path={`/api/v1/rotations/plans/${plan.id}/export`}
          filename={`轮岗方案-${plan.id}-${plan.asOf}`}
          what="轮岗方案"
        />
      </div>
      <p className="muted">
        生效日期 {plan.asOf}，纳入 {plan.horizonDays} 天内到期人员，单位一次最多调出{' '}
        {Math.round(plan.maxUnitShare * 10000) / 100}%；由 {plan.createdBy} 制定
        {plan.acceptedBy ? `，${plan.acceptedBy} 于 ${plan.acceptedAt?.slice(0, 10)} 接受` : ''}。{' '}
        <Link href="/plans">返回方案列表</Link>
      </p>

      <div className="stats" aria-label="方案统计">
        <Tile n={c.due} label="应轮岗人数" />
        <Tile n={c.overdue} label="其中已超期" />
        <Tile n={c.proposed} label="拟调整" />
        <Tile n={c.infeasible} label="无可行岗位" />
      </div>
      {blocked.length ? (
        <p className="notice">
          无可行岗位的原因：{blocked.map(([k, n]) => `${constraintName(k)} ${n} 人`).join('、')}
        </p>
      ) : null}

      {open ? <AcceptPanel plan={plan} onAccepted={reload} /> : null}

      <Card title={`调整明细（${moves.length} 项）`}>
        {moves.length === 0 ? <Empty>生效日期前后没有到期人员，方案为空。</Empty> : null}
        {moves.map((m) => (
          <MoveCard
            key={m.id}
            planId={plan.id}
            move={m}
            posts={postMap}
            editable={open}
            onSaved={(saved) => {
              replaceMove(saved);
              reload();
            }}
          />
        ))}
      </Card>

      <Card title="各单位调整情况">
        <UnitTable units={plan.summary.units} />
      </Card>
    </>
  );
}

function Tile({ n, label }: { n: number; label: string }) {
  return (
    <div className="stat">
      <strong>{n}</strong>
      <span>{label}</span>
    </div>
  );
}

/** 接受方案 in two steps (no browser dialog): the server re-checks every move before it changes anything. */
function AcceptPanel({ plan, onAccepted }: { plan: Plan; onAccepted(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const accept = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api<Plan>(`/api/v1/rotations/plans/${plan.id}/accept`, { method: 'POST' });
      onAccepted();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <section className="card accept-panel" aria-label="接受方案">
      {confirming ? (
        <>
          <p>
            接受后，{plan.summary.counts.proposed > 0 ? '每项拟调整将' : '方案中的调整将'}于 {plan.asOf}{' '}
            结束原任职、开始新任职，并记入审计日志；接受前系统会重新核查全部约束。
          </p>
          <div className="button-row">
            <button type="button" onClick={accept} disabled={busy}>
              {busy ? '正在接受…' : '确认接受'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              取消
            </button>
          </div>
        </>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => setConfirming(true)}>
            接受方案
          </button>
          <span className="muted">接受前可逐项修改或撤销。</span>
        </div>
      )}
      <ProblemAlert error={error} />
    </section>
  );
}
