import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { ORG_KINDS } from '../bundle/schema.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { OFFICE_READERS } from '../http/visibility.ts';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  organizationHistory,
  updateOrganization,
} from '../personnel/organizations.ts';
import {
  OrganizationCreateSchema,
  OrganizationPatchSchema,
  OrganizationSchema,
} from '../personnel/schemas.ts';

// Organisations come from registry extracts and investigations: the discipline and investigation offices
// record them as well as the admin; HR does not.
const WRITERS = ['admin', 'discipline', 'investigator'] as const;
const CodeParam = z.object({
  creditCode: z.string().min(1).max(18).openapi({ example: '91230502MA1B00007Q' }),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/organizations',
  tags: ['organizations'],
  summary: 'Record an organisation by its unified social credit code',
  description:
    'Roles: admin, discipline, investigator. The credit code must carry a valid GB 32100 check character.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: OrganizationCreateSchema } } },
  },
  responses: {
    201: {
      ...json(OrganizationSchema, 'Recorded'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/organizations',
  tags: ['organizations'],
  summary: 'Organisations, by credit code; filter by kind, region prefix, name',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      kind: z.enum(ORG_KINDS).optional(),
      region: z
        .string()
        .regex(/^\d{1,6}$/, 'must be 1 to 6 digits')
        .optional()
        .openapi({ description: 'Leading digits of the region code: 2305 finds 230500, 230502, …' }),
      name: z.string().min(1).max(200).optional().openapi({ description: 'Part of the name' }),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(OrganizationSchema), 'A page of organisations'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/organizations/{creditCode}',
  tags: ['organizations'],
  summary: 'One organisation',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: CodeParam },
  responses: {
    200: { ...json(OrganizationSchema, 'The organisation'), headers: ETagHeader },
    ...problems(401, 403, 404),
  },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/organizations/{creditCode}/history',
  tags: ['organizations'],
  summary: 'Every version of an organisation, oldest first (paginated)',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: CodeParam, query: PageQuery },
  responses: {
    200: json(page(OrganizationSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/organizations/{creditCode}',
  tags: ['organizations'],
  summary: 'Change an organisation’s name, kind or region',
  description:
    'Roles: admin, discipline, investigator. Send `If-Match` with the ETag you read (428 without it, 412 if ' +
    'it changed since).',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: CodeParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: OrganizationPatchSchema } } },
  },
  responses: {
    200: { ...json(OrganizationSchema, 'The organisation as now stored'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 412, 413, 415, 428),
  },
});

export function registerOrganizationRoutes(app: App, deps: AppDeps) {
  app.openapi(create, async (c) => {
    const org = await createOrganization(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(org.version));
    c.header('Location', `/api/v1/organizations/${encodeURIComponent(org.creditCode)}`);
    return c.json(org, 201);
  });

  app.openapi(list, async (c) => c.json(await listOrganizations(deps.db, c.req.valid('query')), 200));

  app.openapi(get, async (c) => {
    const org = await getOrganization(deps.db, c.req.valid('param').creditCode);
    c.header('ETag', etagOf(org.version));
    return c.json(org, 200);
  });

  app.openapi(history, async (c) =>
    c.json(await organizationHistory(deps.db, c.req.valid('param').creditCode, c.req.valid('query')), 200),
  );

  app.openapi(update, async (c) => {
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const org = await updateOrganization(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').creditCode,
      versions,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(org.version));
    return c.json(org, 200);
  });
}
