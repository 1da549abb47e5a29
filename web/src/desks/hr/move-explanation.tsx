import { explainZh } from './explain-zh.ts';
import { constraintName } from './labels.ts';
import type { PlanMove } from './types.ts';

/** Why the planner chose this post (or none): the reasons, every constraint checked, the candidates. */
export function MoveExplanation({ move }: { move: PlanMove }) {
  const { why, checks, candidates, blockedBy } = move.explanation;
  const excluded = Object.entries(candidates.excludedBy).filter(([, n]) => n > 0);
  return (
    <div className="move-explanation">
      {blockedBy ? (
        <p className="move-blocked">
          <strong>受阻于“{constraintName(blockedBy.constraint)}”</strong>：{explainZh(blockedBy.detail)}
        </p>
      ) : null}
      {why.length ? (
        <div>
          <h4>选择理由</h4>
          <ul className="move-why">
            {why.map((w) => (
              <li key={w}>{explainZh(w)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div>
        <h4>约束核查</h4>
        <ul className="move-checks" aria-label="约束核查">
          {checks.map((c, i) => (
            <li key={`${c.constraint}:${i}`} className={c.passed ? 'passed' : 'failed'}>
              <span aria-hidden="true">{c.passed ? '✓' : '✗'}</span>
              <strong>{constraintName(c.constraint)}</strong>
              <span className="visually-hidden">{c.passed ? '（满足）' : '（不满足）'}</span>：
              {explainZh(c.detail)}
            </li>
          ))}
        </ul>
      </div>
      <p className="muted">
        考察 {candidates.considered} 个岗位，{candidates.feasible} 个满足全部约束
        {excluded.length
          ? `；排除：${excluded.map(([id, n]) => `${constraintName(id)} ${n} 个`).join('、')}`
          : ''}
        。
      </p>
    </div>
  );
}
