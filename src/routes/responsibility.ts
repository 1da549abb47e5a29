import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import {
  actionResponsibility,
  ActionResponsibilitySchema,
  personResponsibility,
  PersonResponsibilitySchema,
  staffResponsibility,
} from '../accountability/responsibility.ts';
import { staffSanctions, StaffSanctionsSchema } from '../accountability/sanctions.ts';
import { todayIn } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { DaySchema, problems } from '../http/schemas.ts';
import { OFFICE_READERS, viewerOf } from '../http/visibility.ts';

// 执法质量终身负责 and the sanctions that bear on promotion. Lifetime responsibility is a case-file view
// (discipline, admin, investigator); HR and the person themselves see sanctions only.
const CASE_READERS = ['discipline', 'admin', 'investigator'] as const;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const Key = z.string().min(1).max(100);

const actionResponsible = createRoute({
  method: 'get',
  path: '/api/v1/enforcement-actions/{ref}/responsible',
  tags: ['accountability'],
  summary: 'Who answers for an enforcement action, forever',
  description:
    'Roles: discipline, admin, investigator. Its officers whatever the action’s age and whether or not they ' +
    'still serve (执法质量终身负责), and the findings concerning it directly or through one of its flags.',
  middleware: [requireRoles(...CASE_READERS)] as const,
  request: { params: z.object({ ref: Key.openapi({ example: 'A1' }) }) },
  responses: {
    200: json(ActionResponsibilitySchema, 'The action’s responsible officers'),
    ...problems(401, 403, 404),
  },
});

const staffRecord = createRoute({
  method: 'get',
  path: '/api/v1/staff/{staffNo}/responsibility',
  tags: ['accountability'],
  summary: 'Everything a staff record answers for, even after departure',
  description:
    'Roles: discipline, admin, investigator. Every action taken part in and every finding against them.',
  middleware: [requireRoles(...CASE_READERS)] as const,
  request: { params: z.object({ staffNo: Key.openapi({ example: 'S013' }) }) },
  responses: { 200: json(PersonResponsibilitySchema, 'Lifetime responsibility'), ...problems(401, 403, 404) },
});

const personRecord = createRoute({
  method: 'get',
  path: '/api/v1/people/{ref}/responsibility',
  tags: ['accountability'],
  summary: 'Everything a person answers for, across every staff record they held',
  description:
    'Roles: discipline, admin, investigator. Every action taken part in and every finding against them.',
  middleware: [requireRoles(...CASE_READERS)] as const,
  request: { params: z.object({ ref: Key.openapi({ example: 'P13' }) }) },
  responses: { 200: json(PersonResponsibilitySchema, 'Lifetime responsibility'), ...problems(401, 403, 404) },
});

const sanctions = createRoute({
  method: 'get',
  path: '/api/v1/staff/{staffNo}/sanctions',
  tags: ['accountability'],
  summary: 'A staff member’s sanctions (政务处分): in effect on asOf, ended, upcoming',
  description:
    'Roles: admin, hr, discipline, investigator, and staff for their own staff number (any other is a 404). ' +
    'Each sanction shows its end day (exclusive: not in effect on it); during one the person may not be ' +
    'promoted (`promotionBlocked`).',
  middleware: [requireRoles(...OFFICE_READERS, 'staff')] as const,
  request: {
    params: z.object({ staffNo: Key.openapi({ example: 'S013' }) }),
    query: z.object({
      asOf: DaySchema.optional().openapi({ description: 'Default: today in Asia/Shanghai' }),
    }),
  },
  responses: { 200: json(StaffSanctionsSchema, 'The sanction record'), ...problems(400, 401, 403, 404) },
});

export function registerResponsibilityRoutes(app: App, deps: AppDeps) {
  app.openapi(actionResponsible, async (c) =>
    c.json(await actionResponsibility(deps.db, c.req.valid('param').ref, todayIn(deps.clock)), 200),
  );
  app.openapi(staffRecord, async (c) =>
    c.json(await staffResponsibility(deps.db, c.req.valid('param').staffNo, todayIn(deps.clock)), 200),
  );
  app.openapi(personRecord, async (c) =>
    c.json(await personResponsibility(deps.db, c.req.valid('param').ref, todayIn(deps.clock)), 200),
  );
  app.openapi(sanctions, async (c) => {
    const { staffNo } = c.req.valid('param');
    const self = viewerOf(c.get('principal')).selfStaffNo;
    if (self !== null && self !== staffNo) throw new NotFoundError(`staff member ${staffNo}`);
    const asOf = c.req.valid('query').asOf ?? todayIn(deps.clock);
    return c.json(await staffSanctions(deps.db, staffNo, asOf), 200);
  });
}
