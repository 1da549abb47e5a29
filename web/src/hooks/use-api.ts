import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';

type Query = Record<string, string | number | boolean | null | undefined>;

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (null: not yet) and re-fetches when the path or query changes; stale answers are dropped. */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api<T>(path, { query: queryRef.current, signal: controller.signal })
      .then((data) => setState({ data, error: undefined, loading: false }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ data: undefined, error, loading: false });
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
