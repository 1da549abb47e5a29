import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { POST_KINDS } from '../bundle/schema.ts';
import { todayIn } from '../clock.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { DaySchema, problems } from '../http/schemas.ts';
import { dueRows } from '../rotation/due-report.ts';
import { DueRowSchema } from '../rotation/plan-schemas.ts';

// The due list as the HR desk shows it: each row with the person's name, the post's name, unit and kind,
// the same rows the CSV/XLSX export writes (the plain /rotations/due list gives codes only).
const rows = createRoute({
  method: 'get',
  path: '/api/v1/rotations/due/rows',
  tags: ['rotations'],
  summary:
    'The rotation due list with names, units and post kinds (optionally one unit, post kind or status)',
  description: 'Roles: hr, admin. Overdue first, then by due day, as /rotations/due.',
  middleware: [requireRoles('hr', 'admin')] as const,
  request: {
    query: z.object({
      asOf: DaySchema.optional(),
      withinDays: z.coerce.number().int().min(0).max(3660).default(90),
      unit: z.string().min(1).max(200).optional(),
      postKind: z.enum(POST_KINDS).optional(),
      status: z.enum(['overdue', 'due']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The rows',
      content: {
        'application/json': {
          schema: z
            .object({ asOf: z.string(), withinDays: z.number().int(), items: z.array(DueRowSchema) })
            .openapi('RotationDueRows'),
        },
      },
    },
    ...problems(400, 401, 403),
  },
});

export function registerRotationDueRowRoutes(app: App, deps: AppDeps) {
  app.openapi(rows, async (c) => {
    const q = c.req.valid('query');
    const asOf = q.asOf ?? todayIn(deps.clock);
    const items = (await dueRows(deps.db, { ...q, asOf })).filter((r) => !q.status || r.status === q.status);
    return c.json({ asOf, withinDays: q.withinDays, items }, 200);
  });
}
