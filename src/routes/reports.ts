import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import {
  accountabilityReport,
  AccountabilityReportSchema,
  accountabilityTable,
} from '../accountability/disclosure-report.ts';
import { todayIn } from '../clock.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { problems } from '../http/schemas.ts';
import { OFFICE_READERS } from '../http/visibility.ts';
import { EXPORT_MEDIA_TYPES, renderTable } from '../lib/tabular-export.ts';

const accountability = createRoute({
  method: 'get',
  path: '/api/v1/reports/accountability',
  tags: ['reports'],
  summary: 'Accountability counts for publication (执法公示)',
  description:
    'Roles: admin, hr, discipline, investigator (the office that publishes it). The year’s findings, by their ' +
    'date and current version, counted by type, outcome and unit: no names, ID numbers, staff numbers or ' +
    'person refs. `format=csv|xlsx` downloads the same counts as one sheet.',
  middleware: [requireRoles(...OFFICE_READERS)] as const,
  request: {
    query: z.object({
      year: z.coerce
        .number()
        .int()
        .min(1949)
        .max(9999)
        .optional()
        .openapi({ description: 'Default: the current year in Asia/Shanghai' }),
      format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: AccountabilityReportSchema },
        [EXPORT_MEDIA_TYPES.csv]: { schema: { type: 'string' } },
        [EXPORT_MEDIA_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...problems(400, 401, 403),
  },
});

export function registerReportRoutes(app: App, deps: AppDeps) {
  app.openapi(accountability, async (c) => {
    const query = c.req.valid('query');
    const year = query.year ?? Number(todayIn(deps.clock).slice(0, 4));
    const report = await accountabilityReport(deps.db, year);
    if (query.format === 'json') return c.json(report, 200);
    const { body, headers } = await renderTable(
      accountabilityTable(report),
      query.format,
      `accountability-${year}`,
    );
    // exceljs hands back a view over an ArrayBufferLike; Hono's body type wants a plain ArrayBuffer.
    return typeof body === 'string' ? c.body(body, 200, headers) : c.body(new Uint8Array(body), 200, headers);
  });
}
