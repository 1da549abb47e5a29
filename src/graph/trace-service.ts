import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { recordDisclosure, StaleDisclosureError, type AuditEntry } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import type { EdgeKind } from './model.ts';
import { findPaths, neighborhood, resolveNode, type Neighborhood } from './tracing.ts';
import { renderWalk, type Hop } from './walk.ts';
import type { World } from './world.ts';
import { readStamp, worldCacheFor, type WorldSnapshot } from './world-store.ts';

// Tracing reads reveal people's relatives and ties, so each one is audited (who looked at what, when). The
// answer comes from the in-memory world; its record is committed (chain lock only, never the writer lock)
// before the answer is returned. The answer is first computed from the world as it stands, and its record
// is guarded: the disclosure transaction checks that nothing newer was committed (a check made after the
// request began), and only then commits it. Otherwise (or when a node is not found in the world as it
// stands) the answer is computed again from a world checked fresh, as of a check made after the request
// began, and recorded unguarded.

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

/**
 * `answer` computed from a world no older than the last write committed before the call, with its
 * disclosure (`disclose`) committed before it is returned.
 */
async function answerAudited<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  answer: (world: World) => T,
  disclose: (answer: T) => AuditEntry,
): Promise<T> {
  const standing = worldCacheFor(db).snapshot();
  let optimistic: T | undefined;
  try {
    optimistic = answer(standing.world);
  } catch (error) {
    // Not found in the world as it stands: perhaps written since; the fresh world decides.
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (optimistic !== undefined) {
    const seen = { seq: standing.stamp.seq, policyVersion: standing.stamp.policyVersion };
    try {
      await recordDisclosure(db, clock, actor, disclose(optimistic), { seen, stamp: readStamp });
      return optimistic;
    } catch (error) {
      if (!(error instanceof StaleDisclosureError)) throw error;
    }
  }
  const { world } = await freshWorld(db);
  const result = answer(world);
  await recordDisclosure(db, clock, actor, disclose(result));
  return result;
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
  const kinds = q.kinds ? new Set(q.kinds) : null;
  return answerAudited(
    db,
    clock,
    actor,
    (world): PathsAnswer => {
      const from = resolveNode(world, q.from);
      const to = resolveNode(world, q.to);
      const found = findPaths(world, from, to, {
        asOf: q.asOf,
        kinds,
        maxDepth: q.maxDepth,
        limit: q.limit,
      });
      const paths = found.walks.map((w) => renderWalk(world.graph, w));
      return {
        from: q.from,
        to: q.to,
        asOf: q.asOf,
        maxDepth: q.maxDepth,
        paths,
        truncated: found.truncated,
      };
    },
    ({ paths }) => ({
      action: 'graph.paths',
      objectKeys: { from: q.from, to: q.to, asOf: q.asOf, maxDepth: q.maxDepth, paths: paths.length },
      change: paths.map((p) => p.map((h) => h.node)),
    }),
  );
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
  const kinds = q.kinds ? new Set(q.kinds) : null;
  const result = await answerAudited(
    db,
    clock,
    actor,
    (world) =>
      neighborhood(world, resolveNode(world, q.node), {
        asOf: q.asOf,
        kinds,
        depth: q.depth,
        maxNodes: q.limit,
      }),
    (found) => ({
      action: 'graph.neighborhood',
      objectKeys: {
        node: q.node,
        depth: q.depth,
        asOf: q.asOf,
        nodes: found.nodes.length,
        truncated: found.truncated,
      },
      change: found.nodes.map((n) => n.node),
    }),
  );
  return {
    center: result.center,
    nodes: result.nodes,
    edges: result.edges,
    truncated: result.truncated,
    asOf: q.asOf,
    depth: q.depth,
  };
}
