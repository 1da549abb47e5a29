import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { PageQuery, page, problems } from '../http/schemas.ts';
import { getScreening, listScreeningFlags } from '../screening/flags.ts';
import { runScreening } from '../screening/run-screening.ts';
import { FlagSchema, ScreeningRequestSchema, ScreeningSchema } from '../screening/schemas.ts';

const READERS = ['admin', 'discipline', 'investigator'] as const;
const IdParam = z.object({ id: z.string().openapi({ example: '7d2f0a8e-4c1b-4e43-9a55-0b8f5f3c2a11' }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const run = createRoute({
  method: 'post',
  path: '/api/v1/screenings',
  tags: ['screening'],
  summary: 'Screen the world as of a day and update the standing flag queue',
  description:
    'Roles: admin, discipline. Evaluates every rule of RULES.md as of `asOf` (default: today in ' +
    'Asia/Shanghai). A condition found again is the same flag (decisions kept); a new one is raised open; an ' +
    'open or confirmed flag no longer found is resolved; a resolved one found again is reopened; a dismissed ' +
    'one stays dismissed. Screenings run one at a time.',
  middleware: [requireRoles('admin', 'discipline')] as const,
  request: {
    body: { required: false, content: { 'application/json': { schema: ScreeningRequestSchema } } },
  },
  responses: { 201: json(ScreeningSchema, 'Screened'), ...problems(400, 401, 403, 503) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/screenings/{id}',
  tags: ['screening'],
  summary: 'One screening: its day, policy version, counts per rule and what changed in the queue',
  description: 'Roles: admin, discipline, investigator.',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: IdParam },
  responses: { 200: json(ScreeningSchema, 'The screening'), ...problems(401, 403, 404) },
});

const flags = createRoute({
  method: 'get',
  path: '/api/v1/screenings/{id}/flags',
  tags: ['screening'],
  summary: 'The flags a screening found, with the evidence as it found it',
  description: 'Roles: admin, discipline, investigator. In flag-key order; `status` is the current one.',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: IdParam, query: PageQuery },
  responses: { 200: json(page(FlagSchema), 'A page of flags'), ...problems(400, 401, 403, 404) },
});

export function registerScreeningRoutes(app: App, deps: AppDeps) {
  app.openapi(run, async (c) => {
    const body = (c.req.valid('json') as z.infer<typeof ScreeningRequestSchema> | undefined) ?? {};
    return c.json(await runScreening(deps.db, deps.clock, actorOf(c), { asOf: body.asOf }), 201);
  });
  app.openapi(get, async (c) => c.json(await getScreening(deps.db, c.req.valid('param').id), 200));
  app.openapi(flags, async (c) =>
    c.json(await listScreeningFlags(deps.db, c.req.valid('param').id, c.req.valid('query')), 200),
  );
}
