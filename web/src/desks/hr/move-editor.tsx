import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { Field, ProblemAlert } from '../../components/ui.tsx';
import { nameOf, POST_KIND_NAMES } from '../../i18n/zh.ts';
import { explainZh } from './explain-zh.ts';
import type { PlanMove, Post } from './types.ts';

const DROP = '';

/** Change a move's post (the server checks every constraint again) or drop it from the plan. */
export function MoveEditor({
  planId,
  move,
  posts,
  onSaved,
  onCancel,
}: {
  planId: number;
  move: PlanMove;
  posts: Post[];
  onSaved(move: PlanMove): void;
  onCancel(): void;
}) {
  const [toPost, setToPost] = useState(move.toPost ?? DROP);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const choices = posts.filter((p) => p.code !== move.fromPost);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api<PlanMove>(`/api/v1/rotations/plans/${planId}/moves/${move.id}`, {
        method: 'PATCH',
        body: { toPost: toPost === DROP ? null : toPost, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      onSaved(saved);
    } catch (err) {
      // The planner names the broken constraint in its own words; say it in Chinese.
      setError(
        err instanceof ApiError
          ? new ApiError({ ...err.problem, detail: explainZh(err.problem.detail) })
          : err,
      );
      setBusy(false);
    }
  };

  return (
    <form className="move-editor" onSubmit={submit} aria-label={`修改 ${move.name} 的调整`}>
      <Field label="拟任岗位">
        <select value={toPost} onChange={(e) => setToPost(e.target.value)}>
          <option value={DROP}>不调整（从方案中撤销）</option>
          {choices.map((p) => (
            <option key={p.code} value={p.code}>
              {p.unit} · {p.name}（{p.code}，{nameOf(POST_KIND_NAMES, p.kind)}
              {p.jurisdiction ? `，辖区 ${p.jurisdiction}` : ''}）
            </option>
          ))}
        </select>
      </Field>
      <Field label="修改说明" hint="选填，随方案留档">
        <textarea rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {busy ? '正在保存…' : '保存修改'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          取消
        </button>
      </div>
      <ProblemAlert error={error} />
    </form>
  );
}
