import { useCallback, useEffect, useState } from 'react';
import { api, fetchAll } from '../../api/client.ts';
import type { Plan, PlanMove, Post } from './types.ts';

export interface PlanState {
  plan: Plan | undefined;
  moves: PlanMove[] | undefined;
  posts: Post[];
  error: unknown;
  reload(): void;
  /** Puts an edited move in place without reading the whole plan again. */
  replaceMove(move: PlanMove): void;
}

/** A plan, all its moves in order, and the posts a move may be changed to. */
export function usePlan(id: number): PlanState {
  const [plan, setPlan] = useState<Plan>();
  const [moves, setMoves] = useState<PlanMove[]>();
  const [posts, setPosts] = useState<Post[]>([]);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setError(undefined);
    Promise.all([
      api<Plan>(`/api/v1/rotations/plans/${id}`),
      fetchAll<PlanMove>(`/api/v1/rotations/plans/${id}/moves`),
    ])
      .then(([p, m]) => {
        if (!live) return;
        setPlan(p);
        setMoves(m);
      })
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [id, tick]);

  useEffect(() => {
    fetchAll<Post>('/api/v1/posts')
      .then(setPosts)
      .catch(() => setPosts([]));
  }, []);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const replaceMove = useCallback(
    (move: PlanMove) => setMoves((ms) => ms?.map((m) => (m.id === move.id ? move : m))),
    [],
  );
  return { plan, moves, posts, error, reload, replaceMove };
}
