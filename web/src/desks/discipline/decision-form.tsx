import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ui.tsx';
import type { FlagDetail } from './types.ts';

type Decision = 'confirmed' | 'dismissed';
const VERB: Record<Decision, string> = { confirmed: '认定', dismissed: '排除' };

/** 认定 or 排除 a flag; the reason is required and kept in the flag's history. */
export function DecisionForm({ flag, onDecided }: { flag: FlagDetail; onDecided: (f: FlagDetail) => void }) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonId = useId();
  const errorId = useId();

  async function decide(decision: Decision, event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    if (!reason.trim()) {
      setMissing(decision);
      return;
    }
    setMissing(null);
    setBusy(true);
    try {
      const decided = await api<FlagDetail>(`/api/v1/flags/${flag.id}/decision`, {
        method: 'POST',
        body: { decision, reason: reason.trim() },
      });
      setReason('');
      onDecided(decided);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const choices = (['confirmed', 'dismissed'] as const).filter((d) => d !== flag.status);
  return (
    <form noValidate aria-label="处理线索" onSubmit={(e) => e.preventDefault()}>
      <label className="field" htmlFor={reasonId}>
        <span className="field-label">理由（必填）</span>
        <textarea
          id={reasonId}
          rows={3}
          value={reason}
          maxLength={4000}
          aria-invalid={missing !== null}
          aria-describedby={missing ? errorId : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setMissing(null);
          }}
          placeholder="例如：经核实，该亲属已于 2025 年退出股份，工商登记尚未变更。"
        />
      </label>
      {missing ? (
        <p className="alert" role="alert" id={errorId}>
          请填写{VERB[missing]}理由：认定或排除线索都必须说明理由。
        </p>
      ) : null}
      <div className="button-row">
        {choices.map((d) => (
          <button
            key={d}
            type="button"
            className={d === 'dismissed' ? 'secondary' : undefined}
            disabled={busy}
            onClick={() => void decide(d)}
          >
            {VERB[d]}
          </button>
        ))}
      </div>
      <ProblemAlert error={error} />
    </form>
  );
}
