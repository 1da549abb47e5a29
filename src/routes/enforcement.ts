import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { getAction, listActions, recordAction } from '../enforcement/actions.ts';
import { checkAction } from '../enforcement/check.ts';
import {
  ActionCheckRequestSchema,
  ActionRef,
  ActionSchema,
  CheckResultSchema,
  NewActionSchema,
  RecordedActionSchema,
} from '../enforcement/schemas.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { CursorQuery, DaySchema, LimitQuery, page, problems } from '../http/schemas.ts';
import { getCurrentPolicy } from '../policy/policy-store.ts';

const READERS = ['admin', 'hr', 'discipline', 'investigator'] as const;
const RECORDERS = ['admin', 'hr', 'discipline'] as const;

const check = createRoute({
  method: 'post',
  path: '/api/v1/enforcement/check',
  tags: ['enforcement'],
  summary: 'Check a team before the visit: two-person enforcement, qualifications, recusal. Writes nothing',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: ActionCheckRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The verdict: ok, or every rule broken with the person and the evidence',
      content: { 'application/json': { schema: CheckResultSchema } },
    },
    ...problems(400, 401, 403),
  },
});

const record = createRoute({
  method: 'post',
  path: '/api/v1/enforcement/actions',
  tags: ['enforcement'],
  summary:
    'Record an enforcement action; a failing check is a 422 naming the rule and the person, unless an admin or ' +
    'discipline officer records an override with a reason (audited; the ENF-* flag is still raised)',
  middleware: [requireRoles(...RECORDERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewActionSchema } } } },
  responses: {
    201: {
      description: 'The action as stored, and the check it passed or overrode',
      content: { 'application/json': { schema: RecordedActionSchema } },
    },
    ...problems(400, 401, 403, 409, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/enforcement/actions',
  tags: ['enforcement'],
  summary: 'Enforcement actions, newest first',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      limit: LimitQuery,
      cursor: CursorQuery,
      org: z.string().optional(),
      staffNo: z.string().optional(),
      from: DaySchema.optional(),
      to: DaySchema.optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of actions',
      content: { 'application/json': { schema: page(ActionSchema) } },
    },
    ...problems(400, 401, 403),
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/v1/enforcement/actions/{ref}',
  tags: ['enforcement'],
  summary: 'One enforcement action with its officers and any override',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: z.object({ ref: ActionRef }) },
  responses: {
    200: { description: 'The action', content: { 'application/json': { schema: ActionSchema } } },
    ...problems(401, 403, 404),
  },
});

export function registerEnforcementRoutes(app: App, deps: AppDeps) {
  app.openapi(check, async (c) =>
    c.json(await checkAction(deps.db, c.req.valid('json'), await getCurrentPolicy(deps.db)), 200),
  );
  app.openapi(record, async (c) =>
    c.json(await recordAction(deps.db, deps.clock, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(list, async (c) => c.json(await listActions(deps.db, c.req.valid('query')), 200));
  app.openapi(one, async (c) => c.json(await getAction(deps.db, c.req.valid('param').ref), 200));
}
