import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { mergeNeighbourhoods, type Drawing } from './merge.ts';
import type { GraphParams, Neighbourhood } from './types.ts';

export interface Neighbourhoods extends Drawing {
  /** The day the server answered for (the server's today when none was asked). */
  asOf: string | null;
  /** Node keys whose answer was cut at the node cap. */
  truncated: string[];
  loading: boolean;
  error: unknown;
}

export function queryOf(params: GraphParams, node: string, depth: number) {
  return {
    node,
    depth,
    limit: params.limit,
    asOf: params.asOf || undefined,
    kinds: params.kinds.length ? params.kinds.join(',') : undefined,
  };
}

/**
 * The centre's neighbourhood to the chosen depth plus each expanded node's immediate neighbours, merged.
 * Answers are kept per node, so expanding fetches only the new node; changing the day, depth, cap or
 * edge kinds asks again for all of them.
 */
export function useNeighbourhoods(center: string | null, expanded: string[], params: GraphParams) {
  const paramsKey = JSON.stringify(params);
  const [answers, setAnswers] = useState<{ key: string; byNode: Map<string, Neighbourhood> }>({
    key: paramsKey,
    byNode: new Map(),
  });
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  const wanted = useMemo(
    () => (center ? [center, ...expanded.filter((e) => e !== center)] : expanded),
    [center, expanded],
  );
  const current = answers.key === paramsKey ? answers.byNode : new Map<string, Neighbourhood>();

  useEffect(() => {
    const missing = wanted.filter((n) => !current.has(n));
    if (missing.length === 0) {
      if (answers.key !== paramsKey) setAnswers({ key: paramsKey, byNode: new Map() });
      return;
    }
    const controller = new AbortController();
    setPending((p) => p + 1);
    setError(undefined);
    Promise.all(
      missing.map((node) =>
        api<Neighbourhood>('/api/v1/graph/neighborhood', {
          query: queryOf(params, node, node === center ? params.depth : 1),
          signal: controller.signal,
        }).then((answer) => [node, answer] as const),
      ),
    )
      .then((got) => {
        setAnswers((prev) => {
          const base = prev.key === paramsKey ? new Map(prev.byNode) : new Map<string, Neighbourhood>();
          for (const [node, answer] of got) base.set(node, answer);
          return { key: paramsKey, byNode: base };
        });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      })
      .finally(() => setPending((p) => p - 1));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, paramsKey]);

  // Until the answers for new settings arrive the previous ones stay drawn (with their own day), so the
  // picture does not blink away and keeps its layout.
  const shown = useMemo(
    () => wanted.map((n) => answers.byNode.get(n)).filter((a): a is Neighbourhood => a !== undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [wanted, answers, paramsKey],
  );
  const drawing = useMemo(() => mergeNeighbourhoods(shown), [shown]);
  return {
    ...drawing,
    asOf: shown[0]?.asOf ?? null,
    truncated: shown.filter((a) => a.truncated).map((a) => a.center),
    loading: pending > 0,
    error,
  } satisfies Neighbourhoods;
}
