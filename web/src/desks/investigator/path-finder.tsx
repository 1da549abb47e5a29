import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { Card, Field, ProblemAlert } from '../../components/ui.tsx';
import { NodePicker } from './node-picker.tsx';
import type { GraphParams, PathsAnswer, Picked } from './types.ts';

interface PathFinderProps {
  params: GraphParams;
  /** The drawn centre, offered as the start. */
  center: Picked | null;
  onFound(answer: PathsAnswer | null, ends: { from: Picked; to: Picked } | null): void;
}

/** Two ends picked by search and the shortest paths between them, as of the chosen day. */
export function PathFinder({ params, center, onFound }: PathFinderProps) {
  const [from, setFrom] = useState<Picked | null>(null);
  const [to, setTo] = useState<Picked | null>(null);
  const [maxDepth, setMaxDepth] = useState(4);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function find(e: FormEvent) {
    e.preventDefault();
    if (!from || !to) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<PathsAnswer>('/api/v1/graph/paths', {
        query: {
          from: from.key,
          to: to.key,
          maxDepth,
          limit: 10,
          asOf: params.asOf || undefined,
          kinds: params.kinds.length ? params.kinds.join(',') : undefined,
        },
      });
      onFound(answer, { from, to });
    } catch (err) {
      setError(err);
      onFound(null, null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="查找关系路径">
      <NodePicker name="起点" picked={from} onPick={setFrom} />
      {center && center.key !== from?.key ? (
        <button type="button" className="link-button" onClick={() => setFrom(center)}>
          以当前中心“{center.label}”为起点
        </button>
      ) : null}
      <NodePicker name="终点" picked={to} onPick={setTo} />
      <form onSubmit={find} className="path-form">
        <Field label="最多几步" hint="路径经过的关系条数上限">
          <select value={maxDepth} onChange={(e) => setMaxDepth(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6].map((d) => (
              <option key={d} value={d}>
                {d} 步
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={!from || !to || busy}>
          {busy ? '正在查找…' : '查找路径'}
        </button>
        {!from || !to ? <p className="field-hint">先查找并选定起点和终点。</p> : null}
      </form>
      <ProblemAlert error={error} />
    </Card>
  );
}
