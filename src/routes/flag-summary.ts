import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { RULE_IDS } from '../graph/rule-ids.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { problems } from '../http/schemas.ts';
import { summarizeFlags } from '../screening/flag-summary.ts';
import { FLAG_STATUSES, SEVERITIES } from '../screening/schemas.ts';

const count = z.number().int().nonnegative();

const FlagSummarySchema = z
  .object({
    total: count,
    byRule: z.array(z.object({ rule: z.string(), count })),
    bySeverity: z.array(z.object({ severity: z.string(), count })),
    byStatus: z.array(z.object({ status: z.string(), count })),
    byUnit: z.array(z.object({ unit: z.string().nullable(), count })),
  })
  .openapi('FlagSummary');

const summary = createRoute({
  method: 'get',
  path: '/api/v1/flags/summary',
  tags: ['screening'],
  summary: 'Counts of the flag queue by rule, severity, status and unit',
  description:
    'Roles: admin, discipline, investigator. Same filters as the queue; a flag’s unit is its staff member’s ' +
    'unit, or for a flag on an action alone, the unit of the action’s first-listed officer.',
  middleware: [requireRoles('admin', 'discipline', 'investigator')] as const,
  request: {
    query: z.object({
      status: z.enum(FLAG_STATUSES).optional(),
      rule: z.enum(RULE_IDS).optional(),
      severity: z.enum(SEVERITIES).optional(),
      unit: z.string().min(1).max(200).optional(),
    }),
  },
  responses: {
    200: { description: 'The counts', content: { 'application/json': { schema: FlagSummarySchema } } },
    ...problems(400, 401, 403),
  },
});

// Registered before the flag routes, so `/flags/summary` is not read as a flag id.
export function registerFlagSummaryRoutes(app: App, deps: AppDeps) {
  app.openapi(summary, async (c) => c.json(await summarizeFlags(deps.db, c.req.valid('query')), 200));
}
