import { useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ui.tsx';

interface DecisionResult {
  recorded: { item: string }[];
  alreadyRecorded: { item: string }[];
}

/** 通过 or 退回 the version reviewed (If-Match: that version); returning needs a comment for the declarant. */
export function ReviewDecisionForm({
  path,
  version,
  onDecided,
}: {
  path: string;
  version: number;
  onDecided: (message: string) => void;
}) {
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  async function decide(decision: 'accepted' | 'returned') {
    setError(null);
    if (decision === 'returned' && !comment.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const result = await api<DecisionResult>(path, {
        method: 'POST',
        headers: { 'if-match': `"${version}"` },
        body: comment.trim() ? { decision, comment: comment.trim() } : { decision },
      });
      onDecided(
        decision === 'accepted'
          ? `已通过审核；新记入档案 ${result.recorded.length} 项。`
          : '已退回申报人更正。',
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate aria-label="审核申报" onSubmit={(e) => e.preventDefault()}>
      <label className="field" htmlFor={id}>
        <span className="field-label">审核意见（退回时必填）</span>
        <textarea id={id} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {missing ? (
        <p className="alert" role="alert">
          退回申报须写明需要更正的内容。
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void decide('accepted')}>
          通过
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void decide('returned')}>
          退回更正
        </button>
      </div>
      <ProblemAlert error={error} />
    </form>
  );
}
