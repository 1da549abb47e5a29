import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { RULE_IDS } from '../graph/rules/types.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { CursorQuery, LimitQuery, page, problems } from '../http/schemas.ts';
import { decideFlag, getFlag, listFlagsEncoded } from '../screening/flags.ts';
import {
  DecisionRequestSchema,
  FLAG_STATUSES,
  FlagDetailSchema,
  FlagSchema,
  SEVERITIES,
} from '../screening/schemas.ts';

const READERS = ['admin', 'discipline', 'investigator'] as const;
const IdParam = z.object({ id: z.string().openapi({ example: '7d2f0a8e-4c1b-4e43-9a55-0b8f5f3c2a11' }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/flags',
  tags: ['flags'],
  summary: 'The standing flag queue',
  description:
    'Roles: admin, discipline, investigator. Filter by status, rule, staff number, severity and unit (the ' +
    'unit of the staff member a flag names, or for a flag on an action alone, of its first-listed officer).',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      status: z.enum(FLAG_STATUSES).optional(),
      rule: z.enum(RULE_IDS).optional(),
      staffNo: z.string().min(1).max(100).optional(),
      severity: z.enum(SEVERITIES).optional(),
      unit: z.string().min(1).max(200).optional(),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(FlagSchema), 'A page of flags'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/flags/{id}',
  tags: ['flags'],
  summary: 'One flag with its evidence and the history of its status',
  description: 'Roles: admin, discipline, investigator.',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: IdParam },
  responses: { 200: json(FlagDetailSchema, 'The flag'), ...problems(401, 403, 404) },
});

const decide = createRoute({
  method: 'post',
  path: '/api/v1/flags/{id}/decision',
  tags: ['flags'],
  summary: 'Confirm or dismiss a flag, with the reason',
  description:
    'Role: discipline. The decision, who and when are kept, survive later screenings and are added to the ' +
    'flag’s history; a resolved flag has nothing to decide (409).',
  middleware: [requireRoles('discipline')] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: DecisionRequestSchema } } },
  },
  responses: { 200: json(FlagDetailSchema, 'Decided'), ...problems(400, 401, 403, 404, 409) },
});

export function registerFlagRoutes(app: App, deps: AppDeps) {
  // Already encoded (and possibly cached) by the module, so the typed c.json does not apply; the page is
  // listFlags's result as JSON (tests/flags-queue.test.ts checks its items against FlagSchema).
  app.openapi(
    list,
    async (c) =>
      c.body(await listFlagsEncoded(deps.db, c.req.valid('query')), 200, {
        'content-type': 'application/json',
      }) as never,
  );
  app.openapi(get, async (c) => c.json(await getFlag(deps.db, c.req.valid('param').id), 200));
  app.openapi(decide, async (c) =>
    c.json(
      await decideFlag(deps.db, deps.clock, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );
}
