import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, DaySchema, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { OFFICE_READERS } from '../http/visibility.ts';
import {
  createOwnership,
  getOwnership,
  listOwnerships,
  ownershipHistory,
  updateOwnership,
} from '../personnel/ownerships.ts';
import { OwnershipCreateSchema, OwnershipPatchSchema, OwnershipSchema } from '../personnel/schemas.ts';

// Company holdings come from registry extracts and investigations, not from HR.
const WRITERS = ['admin', 'discipline', 'investigator'] as const;
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const Code = z.string().min(1).max(18);
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/ownerships',
  tags: ['ownerships'],
  summary: 'Record that organisation `owner` holds organisation `org` over `[from, to)`',
  description:
    'Roles: admin, discipline, investigator. Identified by (owner, org, from): the same again is a 409.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: OwnershipCreateSchema } } },
  },
  responses: {
    201: {
      ...json(OwnershipSchema, 'Recorded'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/ownerships',
  tags: ['ownerships'],
  summary: 'Ownerships; filter by owner, owned organisation, active on a day',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      owner: Code.optional().openapi({ description: 'Credit code of the owner' }),
      org: Code.optional().openapi({ description: 'Credit code of the organisation owned' }),
      activeOn: DaySchema.optional().openapi({ description: 'Only those with from <= day < to' }),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(OwnershipSchema), 'A page of ownerships'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/ownerships/{id}',
  tags: ['ownerships'],
  summary: 'One ownership',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: IdParam },
  responses: {
    200: { ...json(OwnershipSchema, 'The ownership'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/ownerships/{id}/history',
  tags: ['ownerships'],
  summary: 'Every version of an ownership, oldest first (paginated)',
  description: 'Roles: admin, hr, discipline, investigator.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(page(OwnershipSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/ownerships/{id}',
  tags: ['ownerships'],
  summary: 'Change an ownership; close it by setting `to`',
  description:
    'Roles: admin, discipline, investigator. Send `If-Match` with the ETag you read (428 without it, 412 if it ' +
    'changed since). There is no DELETE: an ownership that ended gets its `to`, and every version is kept.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: IdParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: OwnershipPatchSchema } } },
  },
  responses: {
    200: { ...json(OwnershipSchema, 'The ownership as now stored'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 409, 412, 413, 415, 428),
  },
});

export function registerOwnershipRoutes(app: App, deps: AppDeps) {
  app.openapi(create, async (c) => {
    const tie = await createOwnership(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(tie.version));
    c.header('Location', `/api/v1/ownerships/${tie.id}`);
    return c.json(tie, 201);
  });

  app.openapi(list, async (c) => c.json(await listOwnerships(deps.db, c.req.valid('query')), 200));

  app.openapi(get, async (c) => {
    const tie = await getOwnership(deps.db, c.req.valid('param').id);
    c.header('ETag', etagOf(tie.version));
    return c.json(tie, 200);
  });

  app.openapi(history, async (c) =>
    c.json(await ownershipHistory(deps.db, c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(update, async (c) => {
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const tie = await updateOwnership(
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
