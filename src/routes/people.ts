import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { OFFICE_READERS, revealPurpose, viewerOf } from '../http/visibility.ts';
import { createPerson, getPerson, listPeople, personHistory, updatePerson } from '../personnel/people.ts';
import { PersonCreateSchema, PersonPatchSchema, PersonSchema } from '../personnel/schemas.ts';

const WRITERS = ['admin', 'hr'] as const;
const RefParam = z.object({ ref: z.string().min(1).max(100).openapi({ example: 'P1' }) });
const RevealQuery = z.string().max(500).optional().openapi({
  description:
    'Show ID numbers in full, stating why (admin, discipline only). Every reveal is written to the audit trail.',
  example: 'case 2026-017: identity check with the public security bureau',
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/people',
  tags: ['people'],
  summary: 'Record a natural person',
  description: 'Roles: admin, hr. The ID number (optional) must carry a valid GB 11643 check digit.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: PersonCreateSchema } } } },
  responses: {
    201: {
      ...json(PersonSchema, 'Recorded'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/people',
  tags: ['people'],
  summary: 'People, by ref; filter by name',
  description:
    'Roles: admin, hr, discipline, investigator (a staff-only token gets 403: it may read only its own ' +
    'person, at /people/{ref}). ID numbers are masked unless `reveal` states a purpose (admin, discipline).',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      name: z.string().min(1).max(100).optional().openapi({ description: 'Part of the name' }),
      reveal: RevealQuery,
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(PersonSchema), 'A page of people'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/people/{ref}',
  tags: ['people'],
  summary: 'One person',
  description:
    'Roles: admin, hr, discipline, investigator, and staff for their own person only (any other ref is a 404, ' +
    'as if it did not exist). The ID number is masked unless `reveal` states a purpose (admin, discipline).',
  middleware: [requireRoles(...OFFICE_READERS, 'staff')] as const,
  request: { params: RefParam, query: z.object({ reveal: RevealQuery }) },
  responses: {
    200: { ...json(PersonSchema, 'The person'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/people/{ref}/history',
  tags: ['people'],
  summary: 'Every version of a person, oldest first (paginated)',
  description:
    'Roles as for reading the person. Versions come from the revision trail; nothing is overwritten.',
  middleware: [requireRoles(...OFFICE_READERS, 'staff')] as const,
  request: {
    params: RefParam,
    query: PageQuery.extend({ reveal: RevealQuery }),
  },
  responses: {
    200: json(page(PersonSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/people/{ref}',
  tags: ['people'],
  summary: 'Change a person’s name or ID number',
  description:
    'Roles: admin, hr. Send `If-Match` with the ETag you read (428 without it, 412 if the person changed since). ' +
    'The previous version is kept (see /history).',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: RefParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: PersonPatchSchema } } },
  },
  responses: {
    200: { ...json(PersonSchema, 'The person as now stored'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 409, 412, 413, 415, 428),
  },
});

export function registerPeopleRoutes(app: App, deps: AppDeps) {
  const readOptions = (c: Parameters<typeof actorOf>[0], reveal: string | undefined) => {
    const principal = c.get('principal');
    return { viewer: viewerOf(principal), revealFor: revealPurpose(principal, reveal) };
  };

  app.openapi(create, async (c) => {
    const person = await createPerson(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(person.version));
    c.header('Location', `/api/v1/people/${encodeURIComponent(person.ref)}`);
    return c.json(person, 201);
  });

  app.openapi(list, async (c) => {
    const { reveal, ...query } = c.req.valid('query');
    const options = readOptions(c, reveal);
    if (options.revealFor !== null) c.header('Cache-Control', 'no-store');
    return c.json(await listPeople(deps.db, deps.clock, actorOf(c), query, options), 200);
  });

  app.openapi(get, async (c) => {
    const options = readOptions(c, c.req.valid('query').reveal);
    const person = await getPerson(deps.db, deps.clock, actorOf(c), c.req.valid('param').ref, options);
    if (options.revealFor !== null) c.header('Cache-Control', 'no-store');
    c.header('ETag', etagOf(person.version));
    return c.json(person, 200);
  });

  app.openapi(history, async (c) => {
    const query = c.req.valid('query');
    const options = readOptions(c, query.reveal);
    if (options.revealFor !== null) c.header('Cache-Control', 'no-store');
    return c.json(
      await personHistory(deps.db, deps.clock, actorOf(c), c.req.valid('param').ref, options, query),
      200,
    );
  });

  app.openapi(update, async (c) => {
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const person = await updatePerson(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').ref,
      versions,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(person.version));
    return c.json(person, 200);
  });
}
