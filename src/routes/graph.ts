import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { todayIn } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import { neighborhoodToGexf } from '../graph/gexf.ts';
import { EDGE_KINDS, type EdgeKind } from '../graph/model.ts';
import {
  traceNeighborhood,
  tracePaths,
  type NeighborhoodQuery as HoodQuery,
} from '../graph/trace-service.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { DaySchema, problems } from '../http/schemas.ts';

const TRACERS = ['investigator', 'discipline', 'admin'] as const;
const NodeKey = z
  .string()
  .min(3)
  .max(200)
  .openapi({ description: '`person:<ref>`, `staff:<staffNo>`, `org:<creditCode>` or `action:<ref>`' });
const Kinds = z
  .string()
  .max(200)
  .optional()
  .openapi({ description: `Edge kinds to follow, comma-separated (default all): ${EDGE_KINDS.join(', ')}` });
const AUDITED = 'Each call is written to the audit trail with the nodes it disclosed (it reveals relatives).';

function parseKinds(raw: string | undefined): EdgeKind[] | null {
  if (raw === undefined) return null;
  const list = raw.split(',').map((k) => k.trim());
  const bad = list.filter((k) => !(EDGE_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || list.length === 0) {
    throw new ValidationError([
      {
        path: '/kinds',
        message: `unknown edge kind ${bad.map((b) => `"${b}"`).join(', ')}; use ${EDGE_KINDS.join(', ')}`,
      },
    ]);
  }
  return [...new Set(list as EdgeKind[])];
}

const Hop = z
  .object({
    node: z.string(),
    label: z.string(),
    kind: z.enum(['person', 'org', 'action']),
    staffNos: z.array(z.string()).optional(),
    edge: z
      .object({
        key: z.string(),
        kind: z.enum(EDGE_KINDS),
        label: z.string(),
        direction: z.enum(['forward', 'backward']),
        from: z.string().nullable(),
        to: z.string().nullable(),
        record: z.record(z.string(), z.unknown()),
      })
      .optional(),
  })
  .openapi('PathHop');

const PathsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    maxDepth: z.number().int(),
    paths: z.array(z.array(Hop)),
    truncated: z.boolean(),
  })
  .openapi('GraphPaths');

const NeighborhoodSchema = z
  .object({
    center: z.string(),
    asOf: z.string(),
    depth: z.number().int(),
    nodes: z.array(
      z.object({
        node: z.string(),
        kind: z.enum(['person', 'org', 'action']),
        label: z.string(),
        depth: z.number().int(),
        staffNos: z.array(z.string()).optional(),
        orgKind: z.string().nullable().optional(),
        region: z.string().nullable().optional(),
        actionKind: z.string().nullable().optional(),
        on: z.string().nullable().optional(),
      }),
    ),
    edges: z.array(
      z.object({
        key: z.string(),
        kind: z.enum(EDGE_KINDS),
        source: z.string(),
        target: z.string(),
        label: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        record: z.record(z.string(), z.unknown()),
      }),
    ),
    truncated: z.boolean(),
  })
  .openapi('GraphNeighborhood');

const paths = createRoute({
  method: 'get',
  path: '/api/v1/graph/paths',
  tags: ['graph'],
  summary: 'Shortest simple paths between two nodes, as of a day',
  description: `Roles: investigator, discipline, admin. Ties are followed in either direction; only ties active on asOf. ${AUDITED}`,
  middleware: [requireRoles(...TRACERS)] as const,
  request: {
    query: z.object({
      from: NodeKey,
      to: NodeKey,
      maxDepth: z.coerce.number().int().min(1).max(6).default(4),
      limit: z.coerce.number().int().min(1).max(100).default(10),
      asOf: DaySchema.optional(),
      kinds: Kinds,
    }),
  },
  responses: {
    200: { description: 'Paths, shortest first', content: { 'application/json': { schema: PathsSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const NeighborhoodQuery = z.object({
  node: NodeKey,
  depth: z.coerce.number().int().min(1).max(3).default(1),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(500)
    .openapi({ description: 'Node cap; `truncated: true` when reached' }),
  asOf: DaySchema.optional(),
  kinds: Kinds,
});

const hood = createRoute({
  method: 'get',
  path: '/api/v1/graph/neighborhood',
  tags: ['graph'],
  summary: 'The ego network of a node to depth ≤ 3, with a node cap',
  description: `Roles: investigator, discipline, admin. ${AUDITED}`,
  middleware: [requireRoles(...TRACERS)] as const,
  request: { query: NeighborhoodQuery },
  responses: {
    200: {
      description: 'Nodes and edges',
      content: { 'application/json': { schema: NeighborhoodSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const gexf = createRoute({
  method: 'get',
  path: '/api/v1/graph/neighborhood.gexf',
  tags: ['graph'],
  summary: 'The same neighbourhood as GEXF 1.3, for Gephi',
  description: `Roles: investigator, discipline, admin. ${AUDITED}`,
  middleware: [requireRoles(...TRACERS)] as const,
  request: { query: NeighborhoodQuery },
  responses: {
    200: { description: 'GEXF document', content: { 'application/gexf+xml': { schema: z.string() } } },
    ...problems(400, 401, 403, 404),
  },
});

// The queries are built field by field, not as `{ ...q, asOf, kinds }`: on Node 20 (V8 11.3) a spread followed
// by a new property makes a slow object that outlives the young generation (see docs/ARCHITECTURE.md).
const neighborhoodQuery = (q: z.infer<typeof NeighborhoodQuery>, deps: AppDeps): HoodQuery => ({
  node: q.node,
  depth: q.depth,
  limit: q.limit,
  asOf: q.asOf ?? todayIn(deps.clock),
  kinds: parseKinds(q.kinds),
});

export function registerGraphRoutes(app: App, deps: AppDeps) {
  app.openapi(paths, async (c) => {
    const q = c.req.valid('query');
    const answer = await tracePaths(deps.db, deps.clock, actorOf(c), {
      from: q.from,
      to: q.to,
      maxDepth: q.maxDepth,
      limit: q.limit,
      asOf: q.asOf ?? todayIn(deps.clock),
      kinds: parseKinds(q.kinds),
    });
    return c.json(answer, 200);
  });
  app.openapi(hood, async (c) => {
    const q = c.req.valid('query');
    const answer = await traceNeighborhood(deps.db, deps.clock, actorOf(c), neighborhoodQuery(q, deps));
    return c.json(answer, 200);
  });
  app.openapi(gexf, async (c) => {
    const q = c.req.valid('query');
    const answer = await traceNeighborhood(deps.db, deps.clock, actorOf(c), neighborhoodQuery(q, deps));
    return c.body(neighborhoodToGexf(answer), 200, { 'content-type': 'application/gexf+xml; charset=utf-8' });
  });
}
