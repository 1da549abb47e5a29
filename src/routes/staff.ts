import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { STAFF_CATEGORIES } from '../bundle/schema.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, DaySchema, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';
import { OFFICE_READERS, viewerOf } from '../http/visibility.ts';
import { StaffCreateSchema, StaffPatchSchema, StaffSchema } from '../personnel/schemas.ts';
import { createStaff, getStaff, listStaff, staffHistory, updateStaff } from '../personnel/staff.ts';

const WRITERS = ['admin', 'hr'] as const;
const StaffNoParam = z.object({ staffNo: z.string().min(1).max(100).openapi({ example: 'S001' }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/staff',
  tags: ['staff'],
  summary: 'Record a staff member (工号) of a recorded person',
  description: 'Roles: admin, hr.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: StaffCreateSchema } } } },
  responses: {
    201: {
      ...json(StaffSchema, 'Recorded'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/staff',
  tags: ['staff'],
  summary: 'Staff records, by staff number; filter by unit, category, jurisdiction, person, serving on a day',
  description:
    'Roles: admin, hr, discipline, investigator (a staff-only token gets 403: it reads its own record at ' +
    '/staff/{staffNo}).',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      unit: z.string().min(1).max(200).optional(),
      category: z.enum(STAFF_CATEGORIES).optional(),
      jurisdiction: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      person: z.string().min(1).max(100).optional().openapi({ description: 'Person ref' }),
      servingOn: DaySchema.optional().openapi({
        description: 'Only those serving on this day: hiredOn <= day < departedOn',
      }),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(StaffSchema), 'A page of staff records'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/staff/{staffNo}',
  tags: ['staff'],
  summary: 'One staff record',
  description:
    'Roles: admin, hr, discipline, investigator, and staff for their own staff number only (any other is a ' +
    '404, as if it did not exist).',
  middleware: [requireRoles(...OFFICE_READERS, 'staff')] as const,
  request: { params: StaffNoParam },
  responses: {
    200: { ...json(StaffSchema, 'The staff record'), headers: ETagHeader },
    ...problems(401, 403, 404),
  },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/staff/{staffNo}/history',
  tags: ['staff'],
  summary: 'Every version of a staff record, oldest first (paginated)',
  description: 'Roles as for reading the record.',
  middleware: [requireRoles(...OFFICE_READERS, 'staff')] as const,
  request: { params: StaffNoParam, query: PageQuery },
  responses: {
    200: json(page(StaffSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/staff/{staffNo}',
  tags: ['staff'],
  summary: 'Change a staff record (category, unit, jurisdiction, hire or departure)',
  description:
    'Roles: admin, hr. Send `If-Match` with the ETag you read (428 without it, 412 if it changed since). ' +
    'A departure is recorded by setting `departedOn` and `departureKind`; the record is never deleted.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: StaffNoParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: StaffPatchSchema } } },
  },
  responses: {
    200: { ...json(StaffSchema, 'The record as now stored'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 412, 413, 415, 428),
  },
});

export function registerStaffRoutes(app: App, deps: AppDeps) {
  app.openapi(create, async (c) => {
    const staff = await createStaff(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(staff.version));
    c.header('Location', `/api/v1/staff/${encodeURIComponent(staff.staffNo)}`);
    return c.json(staff, 201);
  });

  app.openapi(list, async (c) =>
    c.json(await listStaff(deps.db, viewerOf(c.get('principal')), c.req.valid('query')), 200),
  );

  app.openapi(get, async (c) => {
    const staff = await getStaff(deps.db, viewerOf(c.get('principal')), c.req.valid('param').staffNo);
    c.header('ETag', etagOf(staff.version));
    return c.json(staff, 200);
  });

  app.openapi(history, async (c) =>
    c.json(
      await staffHistory(
        deps.db,
        viewerOf(c.get('principal')),
        c.req.valid('param').staffNo,
        c.req.valid('query'),
      ),
      200,
    ),
  );

  app.openapi(update, async (c) => {
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const staff = await updateStaff(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').staffNo,
      versions,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(staff.version));
    return c.json(staff, 200);
  });
}
