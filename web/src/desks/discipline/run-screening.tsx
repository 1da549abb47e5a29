import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { Field, ProblemAlert } from '../../components/ui.tsx';
import type { Screening } from './types.ts';

/** 开始筛查: screens the world as of a day (default today) and updates the queue. */
export function RunScreening({ onDone }: { onDone: (screening: Screening) => void }) {
  const [asOf, setAsOf] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Screening | null>(null);

  async function run(event: FormEvent) {
    event.preventDefault();
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      const screening = await api<Screening>('/api/v1/screenings', {
        method: 'POST',
        body: asOf ? { asOf } : {},
      });
      setResult(screening);
      onDone(screening);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  }

  return (
    <form className="run-screening" onSubmit={run} aria-label="筛查">
      <Field label="筛查基准日" hint="不填为今天">
        <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
      </Field>
      <button type="submit" disabled={running}>
        {running ? '正在筛查…' : '开始筛查'}
      </button>
      {result ? (
        <p className="success" role="status">
          筛查完成（基准日 {result.asOf}）：新发现 {result.raised} 条，消除 {result.resolved} 条，重新出现{' '}
          {result.reopened} 条，用时 {(result.durationMs / 1000).toFixed(1)} 秒。
        </p>
      ) : null}
      <ProblemAlert error={error} />
    </form>
  );
}
