import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { POST_KINDS } from '../bundle/schema.ts';
import { todayIn } from '../clock.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { CursorQuery, DaySchema, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { renderTable } from '../lib/tabular-export.ts';
import { dueRows, dueTable, planTable, summarise } from '../rotation/due-report.ts';
import {
  DueSummarySchema,
  MoveEditSchema,
  PlanMoveSchema,
  PlanRequestSchema,
  PlanSchema,
} from '../rotation/plan-schemas.ts';
import {
  acceptPlan,
  allPlanMoves,
  createPlan,
  editMove,
  getPlan,
  listPlanMoves,
  listPlans,
} from '../rotation/plans.ts';

const HR = ['hr', 'admin'] as const;
const Id = z.coerce.number().int().positive();
const Format = z.enum(['csv', 'xlsx']).default('csv');
const DueQuery = {
  asOf: DaySchema.optional(),
  withinDays: z.coerce.number().int().min(0).max(3660).default(90),
  unit: z.string().optional(),
  postKind: z.enum(POST_KINDS).optional(),
};
const fileResponse = {
  description: 'The file',
  content: {
    'text/csv': { schema: z.string() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: z.string().openapi({ format: 'binary' }),
    },
  },
};

const dueSummary = createRoute({
  method: 'get',
  path: '/api/v1/rotations/due/summary',
  tags: ['rotations'],
  summary: 'Rotations overdue and due, counted per unit and per post kind',
  middleware: [requireRoles(...HR)] as const,
  request: { query: z.object(DueQuery) },
  responses: {
    200: { description: 'The counts', content: { 'application/json': { schema: DueSummarySchema } } },
    ...problems(400, 401, 403),
  },
});

const dueExport = createRoute({
  method: 'get',
  path: '/api/v1/rotations/due/export',
  tags: ['rotations'],
  summary: 'The rotation due list as CSV or XLSX (optionally one unit or post kind)',
  middleware: [requireRoles(...HR)] as const,
  request: { query: z.object({ ...DueQuery, format: Format }) },
  responses: { 200: fileResponse, ...problems(400, 401, 403) },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/rotations/plans',
  tags: ['rotations'],
  summary: 'Plan the rotation of everyone overdue or due: a new post for each, every choice explained',
  middleware: [requireRoles(...HR)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: PlanRequestSchema } } } },
  responses: {
    201: {
      description: 'The stored plan (moves under /moves)',
      content: { 'application/json': { schema: PlanSchema } },
    },
    ...problems(400, 401, 403),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/rotations/plans',
  tags: ['rotations'],
  summary: 'Rotation plans, newest first',
  middleware: [requireRoles(...HR)] as const,
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of plans', content: { 'application/json': { schema: page(PlanSchema) } } },
    ...problems(400, 401, 403),
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/v1/rotations/plans/{id}',
  tags: ['rotations'],
  summary: 'One plan with its summary per unit',
  middleware: [requireRoles(...HR)] as const,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The plan', content: { 'application/json': { schema: PlanSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const moves = createRoute({
  method: 'get',
  path: '/api/v1/rotations/plans/{id}/moves',
  tags: ['rotations'],
  summary: 'The moves of a plan in order, each with the constraints checked and why its post was chosen',
  middleware: [requireRoles(...HR)] as const,
  request: {
    params: z.object({ id: Id }),
    query: z.object({
      limit: LimitQuery,
      cursor: CursorQuery,
      status: PlanMoveSchema.shape.status.optional(),
      staffNo: z.string().optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of moves',
      content: { 'application/json': { schema: page(PlanMoveSchema) } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const planExport = createRoute({
  method: 'get',
  path: '/api/v1/rotations/plans/{id}/export',
  tags: ['rotations'],
  summary: 'A plan as CSV or XLSX',
  middleware: [requireRoles(...HR)] as const,
  request: { params: z.object({ id: Id }), query: z.object({ format: Format }) },
  responses: { 200: fileResponse, ...problems(400, 401, 403, 404) },
});

const edit = createRoute({
  method: 'patch',
  path: '/api/v1/rotations/plans/{id}/moves/{moveId}',
  tags: ['rotations'],
  summary: 'Edit a move before accepting: another post (checked against every constraint) or none (dropped)',
  middleware: [requireRoles(...HR)] as const,
  request: {
    params: z.object({ id: Id, moveId: Id }),
    body: { required: true, content: { 'application/json': { schema: MoveEditSchema } } },
  },
  responses: {
    200: { description: 'The move as edited', content: { 'application/json': { schema: PlanMoveSchema } } },
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const accept = createRoute({
  method: 'post',
  path: '/api/v1/rotations/plans/{id}/accept',
  tags: ['rotations'],
  summary:
    'Accept a plan: re-check every move, then close the old and open the new assignments in one transaction',
  middleware: [requireRoles(...HR)] as const,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The accepted plan', content: { 'application/json': { schema: PlanSchema } } },
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

export function registerRotationPlanRoutes(app: App, deps: AppDeps) {
  app.openapi(dueSummary, async (c) => {
    const q = c.req.valid('query');
    const asOf = q.asOf ?? todayIn(deps.clock);
    return c.json(summarise(asOf, q.withinDays, await dueRows(deps.db, { ...q, asOf })), 200);
  });
  app.openapi(dueExport, async (c) => {
    const q = c.req.valid('query');
    const asOf = q.asOf ?? todayIn(deps.clock);
    const file = await renderTable(
      dueTable(await dueRows(deps.db, { ...q, asOf })),
      q.format,
      `rotations-due-${asOf}`,
    );
    return c.body(file.body as never, 200, file.headers);
  });
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const plan = await createPlan(deps.db, deps.clock, actorOf(c), {
      asOf: body.asOf ?? todayIn(deps.clock),
      horizonDays: body.horizonDays,
      maxUnitShare: body.maxUnitShare,
    });
    return c.json(plan, 201);
  });
  app.openapi(list, async (c) => c.json(await listPlans(deps.db, c.req.valid('query')), 200));
  app.openapi(one, async (c) => c.json(await getPlan(deps.db, c.req.valid('param').id), 200));
  app.openapi(moves, async (c) =>
    c.json(await listPlanMoves(deps.db, c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(planExport, async (c) => {
    const { id } = c.req.valid('param');
    const plan = await getPlan(deps.db, id);
    const file = await renderTable(
      planTable(await allPlanMoves(deps.db, id)),
      c.req.valid('query').format,
      `rotation-plan-${plan.id}-${plan.asOf}`,
    );
    return c.body(file.body as never, 200, file.headers);
  });
  app.openapi(edit, async (c) => {
    const { id, moveId } = c.req.valid('param');
    return c.json(await editMove(deps.db, deps.clock, actorOf(c), id, moveId, c.req.valid('json')), 200);
  });
  app.openapi(accept, async (c) =>
    c.json(await acceptPlan(deps.db, deps.clock, actorOf(c), c.req.valid('param').id), 200),
  );
}
