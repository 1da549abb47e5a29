import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { recordDisclosure } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Day } from '../lib/days.ts';
import type { EdgeKind } from './model.ts';
import { findPaths, neighborhood, resolveNode, type Neighborhood } from './tracing.ts';
import { renderWalk, type Hop } from './walk.ts';
import { worldCacheFor, type WorldSnapshot } from './world-store.ts';

// Tracing reads reveal people's relatives and ties, so each one is audited (who looked at what, when). The
// answer comes from the in-memory world; its record is committed (chain lock only, never the writer lock)
// before the answer is returned.

/**
 * `run`, shared between concurrent callers: each caller gets the answer of a run that began after it called
 * (so nothing committed before the call is missed), but while one run is under way at most one more waits to
 * begin, for all who called meanwhile.
 */
export function coalesced<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const launch = (): Promise<T> => {
    const current: Promise<T> = run().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  const after = () => undefined;
  return () => {
    if (!running) return launch();
    queued ??= running.then(after, after).then(() => {
      queued = null;
      return launch();
    });
    return queued;
  };
}

const freshWorlds = new WeakMap<Kysely<Database>, () => Promise<WorldSnapshot>>();

/**
 * The world as of the latest committed write. Checking that is a query over every versioned table; under a
 * burst of tracing reads one check serves every read that arrived before it began.
 */
function freshWorld(db: Kysely<Database>): Promise<WorldSnapshot> {
  let fresh = freshWorlds.get(db);
  if (!fresh) freshWorlds.set(db, (fresh = coalesced(() => worldCacheFor(db).fresh(db))));
  return fresh();
}

export interface PathsQuery {
  from: string;
  to: string;
  maxDepth: number;
  limit: number;
  asOf: Day;
  kinds: EdgeKind[] | null;
}

export interface PathsAnswer {
  from: string;
  to: string;
  asOf: Day;
  maxDepth: number;
  paths: Hop[][];
  truncated: boolean;
}

export async function tracePaths(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  q: PathsQuery,
): Promise<PathsAnswer> {
  const { world } = await freshWorld(db);
  const from = resolveNode(world, q.from);
  const to = resolveNode(world, q.to);
  const found = findPaths(world.graph, from, to, {
    asOf: q.asOf,
    kinds: q.kinds ? new Set(q.kinds) : null,
    maxDepth: q.maxDepth,
    limit: q.limit,
  });
  const paths = found.walks.map((w) => renderWalk(world.graph, w));
  await recordDisclosure(db, clock, actor, {
    action: 'graph.paths',
    objectKeys: { from: q.from, to: q.to, asOf: q.asOf, maxDepth: q.maxDepth, paths: paths.length },
    change: paths.map((p) => p.map((h) => h.node)),
  });
  return { from: q.from, to: q.to, asOf: q.asOf, maxDepth: q.maxDepth, paths, truncated: found.truncated };
}

export interface NeighborhoodQuery {
  node: string;
  depth: number;
  asOf: Day;
  limit: number;
  kinds: EdgeKind[] | null;
}

export async function traceNeighborhood(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  q: NeighborhoodQuery,
): Promise<Neighborhood & { asOf: Day; depth: number }> {
  const { world } = await freshWorld(db);
  const center = resolveNode(world, q.node);
  const result = neighborhood(world.graph, center, {
    asOf: q.asOf,
    kinds: q.kinds ? new Set(q.kinds) : null,
    depth: q.depth,
    maxNodes: q.limit,
  });
  await recordDisclosure(db, clock, actor, {
    action: 'graph.neighborhood',
    objectKeys: {
      node: q.node,
      depth: q.depth,
      asOf: q.asOf,
      nodes: result.nodes.length,
      truncated: result.truncated,
    },
    change: result.nodes.map((n) => n.node),
  });
  return { ...result, asOf: q.asOf, depth: q.depth };
}
