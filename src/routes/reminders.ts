import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { todayIn } from '../clock.ts';
import { DECLARATION_OFFICE } from '../declarations/access.ts';
import {
  DEFAULT_DUE_SOON_DAYS,
  owedDeclarations,
  owedTable,
  sendReminders,
  sentReminders,
  URGENCIES,
} from '../declarations/reminders.ts';
import { YearParam } from '../declarations/schemas.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { CursorQuery, DaySchema, LimitQuery, page, problems } from '../http/schemas.ts';
import { renderTable } from '../lib/tabular-export.ts';

// Reminders for a declaration campaign: who still owes, with days left or overdue; an export to hand out; and a
// record of every reminder sent.
const WATCHERS = ['admin', 'discipline', 'hr'] as const;
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const OwedQuery = {
  asOf: DaySchema.optional().openapi({ description: 'Default: today (Asia/Shanghai)' }),
  withinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(366)
    .default(DEFAULT_DUE_SOON_DAYS)
    .openapi({ description: 'Owing with at most this many days left counts as due soon' }),
  unit: z.string().min(1).max(200).optional(),
  urgency: z.enum(URGENCIES).optional(),
};

const Counts = z.object({
  owing: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  notYetDue: z.number().int(),
});

const OwedSchema = z
  .object({
    staffNo: z.string(),
    name: z.string(),
    unit: z.string(),
    urgency: z.enum(URGENCIES),
    dueOn: DaySchema,
    daysLeft: z.number().int().nullable(),
    daysOverdue: z.number().int().nullable(),
    lastRemindedOn: DaySchema.nullable(),
    reminders: z.number().int(),
  })
  .openapi('OwedDeclaration');

const list = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{year}/reminders',
  tags: ['declarations'],
  summary: 'Who still owes a declaration: days left or overdue, and due-soon and overdue counts per unit',
  description: 'Roles: admin, discipline, hr.',
  middleware: [requireRoles(...WATCHERS)] as const,
  request: { params: YearParam, query: z.object({ ...OwedQuery, limit: LimitQuery, cursor: CursorQuery }) },
  responses: {
    200: json(
      page(OwedSchema).extend({
        year: z.number().int(),
        dueOn: DaySchema,
        asOf: DaySchema,
        withinDays: z.number().int(),
        totals: Counts,
        byUnit: z.array(Counts.extend({ unit: z.string() })),
      }),
      'The reminder list',
    ),
    ...problems(400, 401, 403, 404),
  },
});

const exportList = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{year}/reminders/export',
  tags: ['declarations'],
  summary: 'The reminder list as CSV or XLSX',
  description: 'Roles: admin, discipline, hr. Chinese headers; CSV with a BOM for Excel.',
  middleware: [requireRoles(...WATCHERS)] as const,
  request: {
    params: YearParam,
    query: z.object({ ...OwedQuery, format: z.enum(['csv', 'xlsx']).default('csv') }),
  },
  responses: {
    200: {
      description: 'The file',
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const send = createRoute({
  method: 'post',
  path: '/api/v1/campaigns/{year}/reminders',
  tags: ['declarations'],
  summary: 'Send reminders: one recorded notification per staff member reminded',
  description:
    'Roles: admin, discipline. Default: everyone still owing (narrow by `urgencies`), skipping anyone already ' +
    'reminded today; or exactly `staffNos` (each must still owe).',
  middleware: [requireRoles(...DECLARATION_OFFICE)] as const,
  request: {
    params: YearParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .strictObject({
              staffNos: z.array(z.string().min(1).max(100)).min(1).max(100_000).optional(),
              urgencies: z.array(z.enum(URGENCIES)).min(1).optional(),
              withinDays: z.number().int().min(0).max(366).optional(),
              note: z.string().trim().min(1).max(1000).optional(),
            })
            .openapi('ReminderSend'),
        },
      },
    },
  },
  responses: {
    201: json(
      z.object({
        sentOn: DaySchema,
        sent: z.array(
          z.object({
            id: z.number().int(),
            staffNo: z.string(),
            name: z.string(),
            unit: z.string(),
            urgency: z.enum(URGENCIES),
            daysLeft: z.number().int().openapi({ description: 'Negative when overdue' }),
            sentOn: DaySchema,
          }),
        ),
        skipped: z.array(z.object({ staffNo: z.string(), reason: z.string() })),
      }),
      'Sent and recorded',
    ),
    ...problems(400, 401, 403, 404, 413),
  },
});

const sent = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{year}/reminders/sent',
  tags: ['declarations'],
  summary: 'The reminders sent for a campaign: who was reminded on which day, by whom',
  description: 'Roles: admin, discipline, hr.',
  middleware: [requireRoles(...WATCHERS)] as const,
  request: {
    params: YearParam,
    query: z.object({
      staffNo: z.string().min(1).max(100).optional(),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: {
    200: json(
      page(
        z
          .object({
            id: z.number().int(),
            staffNo: z.string(),
            sentOn: DaySchema,
            sentAt: z.string(),
            sentBy: z.string(),
            channel: z.string(),
            standing: z.enum(['in_time', 'overdue']),
            daysLeft: z.number().int(),
            note: z.string().nullable(),
          })
          .openapi('Reminder'),
      ),
      'A page of reminders',
    ),
    ...problems(400, 401, 403, 404),
  },
});

export function registerReminderRoutes(app: App, deps: AppDeps) {
  app.openapi(list, async (c) => {
    const { asOf, ...query } = c.req.valid('query');
    c.header('Cache-Control', 'no-store');
    return c.json(
      await owedDeclarations(deps.db, c.req.valid('param').year, {
        ...query,
        asOf: asOf ?? todayIn(deps.clock),
      }),
      200,
    );
  });

  app.openapi(exportList, async (c) => {
    const { year } = c.req.valid('param');
    const { format, asOf, ...query } = c.req.valid('query');
    const day = asOf ?? todayIn(deps.clock);
    const table = await owedTable(deps.db, year, { ...query, asOf: day });
    const file = await renderTable(table, format, `declaration-reminders-${year}-${day}`);
    return typeof file.body === 'string'
      ? c.body(file.body, 200, file.headers)
      : c.body(new Uint8Array(file.body), 200, file.headers);
  });

  app.openapi(send, async (c) => {
    const result = await sendReminders(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').year,
      c.req.valid('json'),
    );
    return c.json(result, 201);
  });

  app.openapi(sent, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await sentReminders(deps.db, c.req.valid('param').year, c.req.valid('query')), 200);
  });
}
