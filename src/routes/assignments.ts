import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { CursorQuery, DaySchema, LimitQuery, page, problems } from '../http/schemas.ts';
import {
  createAssignment,
  endAssignment,
  getAssignment,
  listAssignments,
  moveStaff,
} from '../posts/assignments.ts';
import {
  AssignmentSchema,
  EndAssignmentSchema,
  MoveSchema,
  NewAssignmentSchema,
  PostCode,
  StaffNo,
} from '../posts/schemas.ts';

const READERS = ['admin', 'hr', 'discipline', 'investigator'] as const;
const WRITERS = ['admin', 'hr'] as const;
const Id = z.coerce.number().int().positive();

const list = createRoute({
  method: 'get',
  path: '/api/v1/assignments',
  tags: ['assignments'],
  summary: 'Assignment history (任职经历), oldest first',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      limit: LimitQuery,
      cursor: CursorQuery,
      staffNo: StaffNo.optional(),
      post: PostCode.optional(),
      unit: z.string().optional(),
      activeOn: DaySchema.optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of assignments',
      content: { 'application/json': { schema: page(AssignmentSchema) } },
    },
    ...problems(400, 401, 403),
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/v1/assignments/{id}',
  tags: ['assignments'],
  summary: 'One assignment',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The assignment', content: { 'application/json': { schema: AssignmentSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/assignments',
  tags: ['assignments'],
  summary: 'Assign a staff member to a post from a day (one current assignment per person per post)',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewAssignmentSchema } } } },
  responses: {
    201: { description: 'The assignment', content: { 'application/json': { schema: AssignmentSchema } } },
    ...problems(400, 401, 403, 409, 422),
  },
});

const end = createRoute({
  method: 'post',
  path: '/api/v1/assignments/{id}/end',
  tags: ['assignments'],
  summary: 'End an open assignment on a day (the interval is closed, never deleted)',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: z.object({ id: Id }),
    body: { required: true, content: { 'application/json': { schema: EndAssignmentSchema } } },
  },
  responses: {
    200: {
      description: 'The closed assignment',
      content: { 'application/json': { schema: AssignmentSchema } },
    },
    ...problems(400, 401, 403, 404, 409),
  },
});

const move = createRoute({
  method: 'post',
  path: '/api/v1/assignments/moves',
  tags: ['assignments'],
  summary:
    'Move a staff member: close the current assignment and open the new one on the same day, atomically',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: MoveSchema } } } },
  responses: {
    201: {
      description: 'The closed and the opened assignment',
      content: {
        'application/json': {
          schema: z.object({ closed: AssignmentSchema, opened: AssignmentSchema }).openapi('MoveResult'),
        },
      },
    },
    ...problems(400, 401, 403, 409, 422),
  },
});

export function registerAssignmentRoutes(app: App, deps: AppDeps) {
  app.openapi(list, async (c) => c.json(await listAssignments(deps.db, c.req.valid('query')), 200));
  app.openapi(move, async (c) =>
    c.json(await moveStaff(deps.db, deps.clock, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(one, async (c) => c.json(await getAssignment(deps.db, c.req.valid('param').id), 200));
  app.openapi(create, async (c) =>
    c.json(await createAssignment(deps.db, deps.clock, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(end, async (c) =>
    c.json(
      await endAssignment(deps.db, deps.clock, actorOf(c), c.req.valid('param').id, c.req.valid('json').on),
      200,
    ),
  );
}
