import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { ROLES_IN_ORG, TIE_SOURCES } from '../bundle/schema.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, DaySchema, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { OFFICE_READERS } from '../http/visibility.ts';
import {
  affiliationHistory,
  createAffiliation,
  getAffiliation,
  listAffiliations,
  updateAffiliation,
} from '../personnel/affiliations.ts';
import { AffiliationCreateSchema, AffiliationPatchSchema, AffiliationSchema } from '../personnel/schemas.ts';

// Posts and holdings come from HR (approved part-time posts), declarations, registry extracts and findings.
const WRITERS = ['admin', 'hr', 'discipline', 'investigator'] as const;
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/affiliations',
  tags: ['affiliations'],
  summary: 'Record a person’s role in an organisation over `[from, to)`',
  description:
    'Roles: admin, hr, discipline, investigator. Identified by (person, org, role, from): the same again is a 409.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: AffiliationCreateSchema } } },
  },
  responses: {
    201: {
      ...json(AffiliationSchema, 'Recorded'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/affiliations',
  tags: ['affiliations'],
  summary: 'Affiliations; filter by person, organisation, role, source, active on a day',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      person: z.string().min(1).max(100).optional().openapi({ description: 'Person ref' }),
      org: z.string().min(1).max(18).optional().openapi({ description: 'Credit code' }),
      role: z.enum(ROLES_IN_ORG).optional(),
      source: z.enum(TIE_SOURCES).optional(),
      activeOn: DaySchema.optional().openapi({ description: 'Only those with from <= day < to' }),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(AffiliationSchema), 'A page of affiliations'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/affiliations/{id}',
  tags: ['affiliations'],
  summary: 'One affiliation',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: IdParam },
  responses: {
    200: { ...json(AffiliationSchema, 'The affiliation'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/affiliations/{id}/history',
  tags: ['affiliations'],
  summary: 'Every version of an affiliation, oldest first (paginated)',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(page(AffiliationSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/affiliations/{id}',
  tags: ['affiliations'],
  summary: 'Change an affiliation; close it by setting `to`',
  description:
    'Roles: admin, hr, discipline, investigator. Send `If-Match` with the ETag you read (428 without it, 412 if ' +
    'it changed since). There is no DELETE: a tie that ended gets its `to`, and every version is kept.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: IdParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: AffiliationPatchSchema } } },
  },
  responses: {
    200: { ...json(AffiliationSchema, 'The affiliation as now stored'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 409, 412, 413, 415, 428),
  },
});

export function registerAffiliationRoutes(app: App, deps: AppDeps) {
  app.openapi(create, async (c) => {
    const tie = await createAffiliation(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(tie.version));
    c.header('Location', `/api/v1/affiliations/${tie.id}`);
    return c.json(tie, 201);
  });

  app.openapi(list, async (c) => c.json(await listAffiliations(deps.db, c.req.valid('query')), 200));

  app.openapi(get, async (c) => {
    const tie = await getAffiliation(deps.db, c.req.valid('param').id);
    c.header('ETag', etagOf(tie.version));
    return c.json(tie, 200);
  });

  app.openapi(history, async (c) =>
    c.json(await affiliationHistory(deps.db, c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(update, async (c) => {
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const tie = await updateAffiliation(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').id,
      versions,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(tie.version));
    return c.json(tie, 200);
  });
}
