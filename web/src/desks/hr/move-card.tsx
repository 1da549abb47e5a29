import { useState } from 'react';
import { Badge } from '../../components/ui.tsx';
import { DUE_STATUS_NAMES, MOVE_STATUS } from './labels.ts';
import { MoveEditor } from './move-editor.tsx';
import { MoveExplanation } from './move-explanation.tsx';
import type { PlanMove, Post } from './types.ts';

/** One move of a plan: who, from where to where, why, and (before acceptance) change it. */
export function MoveCard({
  planId,
  move,
  posts,
  editable,
  onSaved,
}: {
  planId: number;
  move: PlanMove;
  posts: Map<string, Post>;
  editable: boolean;
  onSaved(move: PlanMove): void;
}) {
  const [editing, setEditing] = useState(false);
  const status = MOVE_STATUS[move.status];
  const from = posts.get(move.fromPost);
  const to = move.toPost ? posts.get(move.toPost) : undefined;
  return (
    <article className="move-card" aria-label={`${move.staffNo} ${move.name}`}>
      <header className="move-head">
        <div>
          <strong>
            {move.name}（{move.staffNo}）
          </strong>{' '}
          <Badge tone={move.dueStatus}>{DUE_STATUS_NAMES[move.dueStatus]}</Badge>{' '}
          <span className="muted">
            自 {move.since} 任职，应于 {move.dueOn} 轮岗
          </span>
        </div>
        <Badge tone={status.tone}>{status.name}</Badge>
      </header>
      <p className="move-route">
        <span>
          {move.fromUnit} · {from?.name ?? move.fromPost} <code>{move.fromPost}</code>
        </span>
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden">调往</span>
        {move.toPost ? (
          <span>
            {move.toUnit} · {to?.name ?? move.toPost} <code>{move.toPost}</code>
            {move.toJurisdiction ? <small className="muted">（辖区 {move.toJurisdiction}）</small> : null}
          </span>
        ) : (
          <span className="muted">{move.status === 'dropped' ? '不调整' : '暂无可行岗位'}</span>
        )}
      </p>
      {move.note ? <p className="notice">修改说明：{move.note}</p> : null}
      <MoveExplanation move={move} />
      {editable && !editing ? (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          修改此项
        </button>
      ) : null}
      {editing ? (
        <MoveEditor
          planId={planId}
          move={move}
          posts={[...posts.values()]}
          onCancel={() => setEditing(false)}
          onSaved={(m) => {
            setEditing(false);
            onSaved(m);
          }}
        />
      ) : null}
    </article>
  );
}
