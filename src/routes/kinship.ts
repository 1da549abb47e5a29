import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { RELATIONS } from '../bundle/schema.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { OFFICE_READERS } from '../http/visibility.ts';
import {
  createKinship,
  getKinship,
  kinshipHistory,
  listKinship,
  updateKinship,
} from '../personnel/kinship.ts';
import { KinshipCreateSchema, KinshipPatchSchema, KinshipSchema } from '../personnel/schemas.ts';

// Relatives come from HR's records of declarations and from findings of the discipline and investigation offices.
const WRITERS = ['admin', 'hr', 'discipline', 'investigator'] as const;
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const Ref = z.string().min(1).max(100);
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const AUDITED = 'Every read is written to the audit trail (`read-kinship`), naming the people it disclosed.';

const create = createRoute({
  method: 'post',
  path: '/api/v1/kinship',
  tags: ['kinship'],
  summary: 'Record that `relative` is `person`’s <relation>',
  description:
    'Roles: admin, hr, discipline, investigator. One record per pair of people, in either direction.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: KinshipCreateSchema } } } },
  responses: {
    201: {
      ...json(KinshipSchema, 'Recorded'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/kinship',
  tags: ['kinship'],
  summary: 'Kinship records; filter by person, relative, either side (`involving`), relation',
  description: `Roles: admin, hr, discipline, investigator. ${AUDITED}`,
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      person: Ref.optional(),
      relative: Ref.optional(),
      involving: Ref.optional().openapi({
        description: 'A person ref on either side: all their recorded relatives',
      }),
      relation: z.enum(RELATIONS).optional(),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(KinshipSchema), 'A page of kinship records'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/kinship/{id}',
  tags: ['kinship'],
  summary: 'One kinship record',
  description: `Roles: admin, hr, discipline, investigator. ${AUDITED}`,
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: IdParam },
  responses: {
    200: { ...json(KinshipSchema, 'The record'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/kinship/{id}/history',
  tags: ['kinship'],
  summary: 'Every version of a kinship record, oldest first (paginated)',
  description: `Roles: admin, hr, discipline, investigator. ${AUDITED}`,
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(page(KinshipSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/kinship/{id}',
  tags: ['kinship'],
  summary: 'Correct the relation of a kinship record',
  description:
    'Roles: admin, hr, discipline, investigator. Send `If-Match` with the ETag you read (428 without it, 412 if ' +
    'it changed since). The people of a record are fixed; record a new pair instead.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: IdParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: KinshipPatchSchema } } },
  },
  responses: {
    200: { ...json(KinshipSchema, 'The record as now stored'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 412, 413, 415, 428),
  },
});

export function registerKinshipRoutes(app: App, deps: AppDeps) {
  app.openapi(create, async (c) => {
    const kinship = await createKinship(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(kinship.version));
    c.header('Location', `/api/v1/kinship/${kinship.id}`);
    return c.json(kinship, 201);
  });

  app.openapi(list, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await listKinship(deps.db, deps.clock, actorOf(c), c.req.valid('query')), 200);
  });

  app.openapi(get, async (c) => {
    const kinship = await getKinship(deps.db, deps.clock, actorOf(c), c.req.valid('param').id);
    c.header('Cache-Control', 'no-store');
    c.header('ETag', etagOf(kinship.version));
    return c.json(kinship, 200);
  });

  app.openapi(history, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { id } = c.req.valid('param');
    return c.json(await kinshipHistory(deps.db, deps.clock, actorOf(c), id, c.req.valid('query')), 200);
  });

  app.openapi(update, async (c) => {
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const kinship = await updateKinship(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').id,
      versions,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(kinship.version));
    return c.json(kinship, 200);
  });
}
