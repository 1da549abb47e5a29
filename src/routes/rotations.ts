import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { todayIn } from '../clock.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { DaySchema, problems } from '../http/schemas.ts';
import { listRotationsDue } from '../rotation/due.ts';

const RotationDueSchema = z
  .object({
    staffNo: z.string(),
    post: z.string(),
    since: z.string(),
    dueOn: z.string(),
    status: z.enum(['overdue', 'due']),
  })
  .openapi('RotationDue');

const due = createRoute({
  method: 'get',
  path: '/api/v1/rotations/due',
  tags: ['rotation'],
  summary: 'Assignments due for rotation within `withinDays` of asOf, overdue first, then by due day',
  description:
    'Roles: hr, admin. Staff serving on asOf, assignments active on asOf, on posts with rotation years: ' +
    'due on `from + N years` (calendar years); `overdue` once that day has come.',
  middleware: [requireRoles('hr', 'admin')] as const,
  request: {
    query: z.object({
      asOf: DaySchema.optional(),
      withinDays: z.coerce.number().int().min(0).max(3660).default(90),
    }),
  },
  responses: {
    200: {
      description: 'Rotations due',
      content: {
        'application/json': {
          schema: z.object({
            asOf: z.string(),
            withinDays: z.number().int(),
            items: z.array(RotationDueSchema),
          }),
        },
      },
    },
    ...problems(400, 401, 403),
  },
});

export function registerRotationRoutes(app: App, deps: AppDeps) {
  app.openapi(due, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listRotationsDue(deps.db, { asOf: q.asOf ?? todayIn(deps.clock), withinDays: q.withinDays }),
      200,
    );
  });
}
