import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Day } from '../lib/days.ts';
import type { EdgeKind } from './model.ts';
import { findPaths, neighborhood, resolveNode, type Neighborhood } from './tracing.ts';
import { renderWalk, type Hop } from './walk.ts';
import { worldCacheFor } from './world-store.ts';

// Tracing reads reveal people's relatives and ties, so each one is audited (who looked at what, when).

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
  const { world } = await worldCacheFor(db).fresh(db);
  const from = resolveNode(world, q.from);
  const to = resolveNode(world, q.to);
  const found = findPaths(world.graph, from, to, {
    asOf: q.asOf,
    kinds: q.kinds ? new Set(q.kinds) : null,
    maxDepth: q.maxDepth,
    limit: q.limit,
  });
  const paths = found.walks.map((w) => renderWalk(world.graph, w));
  await inWriteTransaction(db, clock, actor, ({ audit }) =>
    audit({
      action: 'graph.paths',
      objectKeys: { from: q.from, to: q.to, asOf: q.asOf, maxDepth: q.maxDepth, paths: paths.length },
      change: paths.map((p) => p.map((h) => h.node)),
    }),
  );
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
  const { world } = await worldCacheFor(db).fresh(db);
  const center = resolveNode(world, q.node);
  const result = neighborhood(world.graph, center, {
    asOf: q.asOf,
    kinds: q.kinds ? new Set(q.kinds) : null,
    depth: q.depth,
    maxNodes: q.limit,
  });
  await inWriteTransaction(db, clock, actor, ({ audit }) =>
    audit({
      action: 'graph.neighborhood',
      objectKeys: {
        node: q.node,
        depth: q.depth,
        asOf: q.asOf,
        nodes: result.nodes.length,
        truncated: result.truncated,
      },
      change: result.nodes.map((n) => n.node),
    }),
  );
  return { ...result, asOf: q.asOf, depth: q.depth };
}
