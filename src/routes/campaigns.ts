import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { hasAnyRole, type Principal } from '../auth/roles.ts';
import { ForbiddenError } from '../errors.ts';
import { todayIn } from '../clock.ts';
import { DECLARATION_OFFICE } from '../declarations/access.ts';
import {
  campaignMembers,
  campaignProgress,
  getCampaign,
  listCampaigns,
  openCampaign,
} from '../declarations/campaigns.ts';
import {
  CampaignSchema,
  MemberStandingSchema,
  MyCampaignSchema,
  OpenCampaignSchema,
  ProgressSchema,
  YearParam,
} from '../declarations/schemas.ts';
import { myCampaign, myCampaigns } from '../declarations/self-service.ts';
import { STANDINGS } from '../declarations/standing.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { CursorQuery, DaySchema, LimitQuery, page, problems } from '../http/schemas.ts';

// Annual declaration campaigns (涉消事项申报): opened by the admin or discipline office, followed live by unit.
const WATCHERS = ['admin', 'discipline', 'hr'] as const;
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const AsOf = DaySchema.optional().openapi({ description: 'Default: today (Asia/Shanghai)' });

const open = createRoute({
  method: 'post',
  path: '/api/v1/campaigns',
  tags: ['declarations'],
  summary: 'Open the declaration campaign of a year',
  description:
    'Roles: admin, discipline. Due date defaults to 31 January of the next year; the population to everyone ' +
    'serving on 31 December of the year. One campaign per year (409 if open).',
  middleware: [requireRoles(...DECLARATION_OFFICE)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: OpenCampaignSchema } } } },
  responses: {
    201: { ...json(CampaignSchema, 'Opened'), headers: { Location: { schema: { type: 'string' } } } },
    ...problems(400, 401, 403, 409, 413),
  },
});

const ViewQuery = z
  .enum(['mine'])
  .optional()
  .openapi({ description: 'mine: the caller’s own standing, as a staff member (needs the staff role)' });

// The office view for officers, unless they ask for their own; a staff-only token always gets its own.
function wantsOwnView(principal: Principal, view: 'mine' | undefined): boolean {
  if (view === 'mine' && !principal.roles.includes('staff')) throw new ForbiddenError();
  return view === 'mine' || !hasAnyRole(principal, WATCHERS);
}

const list = createRoute({
  method: 'get',
  path: '/api/v1/campaigns',
  tags: ['declarations'],
  summary: 'Declaration campaigns, newest first',
  description:
    'Roles: admin, discipline, hr see every campaign. A staff member sees the campaigns that cover them, each ' +
    'with `mine`: where they stand, their draft and declaration, the review decision, the reminders they got. ' +
    '`view=mine` asks for that own view whatever other roles the token holds (an officer who declares too).',
  middleware: [requireRoles(...WATCHERS, 'staff')] as const,
  request: { query: z.object({ view: ViewQuery }) },
  responses: {
    200: json(z.object({ items: z.array(z.union([MyCampaignSchema, CampaignSchema])) }), 'The campaigns'),
    ...problems(401, 403),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{year}',
  tags: ['declarations'],
  summary: 'One campaign (for a staff member: with where they stand)',
  description:
    'Roles: admin, discipline, hr; staff (only a campaign that covers them, else 404). `view=mine`: the own ' +
    'view, whatever other roles the token holds.',
  middleware: [requireRoles(...WATCHERS, 'staff')] as const,
  request: { params: YearParam, query: z.object({ view: ViewQuery }) },
  responses: {
    200: json(z.union([MyCampaignSchema, CampaignSchema]), 'The campaign'),
    ...problems(400, 401, 403, 404),
  },
});

const progress = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{year}/progress',
  tags: ['declarations'],
  summary: 'Live progress: submitted, late, still in time — in total and by unit',
  description: 'Roles: admin, discipline, hr.',
  middleware: [requireRoles(...WATCHERS)] as const,
  request: { params: YearParam, query: z.object({ asOf: AsOf }) },
  responses: { 200: json(ProgressSchema, 'The progress'), ...problems(400, 401, 403, 404) },
});

const members = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{year}/members',
  tags: ['declarations'],
  summary: 'Who the campaign covers and where each stands, by unit and staff number',
  description: 'Roles: admin, discipline, hr.',
  middleware: [requireRoles(...WATCHERS)] as const,
  request: {
    params: YearParam,
    query: z.object({
      asOf: AsOf,
      standing: z.enum(STANDINGS).optional(),
      unit: z.string().min(1).max(200).optional(),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: {
    200: json(page(MemberStandingSchema).extend({ asOf: DaySchema }), 'A page of members'),
    ...problems(400, 401, 403, 404),
  },
});

export function registerCampaignRoutes(app: App, deps: AppDeps) {
  app.openapi(open, async (c) => {
    const campaign = await openCampaign(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('Location', `/api/v1/campaigns/${campaign.year}`);
    return c.json(campaign, 201);
  });

  app.openapi(list, async (c) => {
    const items = wantsOwnView(c.get('principal'), c.req.valid('query').view)
      ? await myCampaigns(deps.db, c.get('principal').sub, todayIn(deps.clock))
      : await listCampaigns(deps.db);
    c.header('Cache-Control', 'no-store');
    return c.json({ items }, 200);
  });

  app.openapi(get, async (c) => {
    const { year } = c.req.valid('param');
    const campaign = wantsOwnView(c.get('principal'), c.req.valid('query').view)
      ? await myCampaign(deps.db, c.get('principal').sub, year, todayIn(deps.clock))
      : await getCampaign(deps.db, year);
    c.header('Cache-Control', 'no-store');
    return c.json(campaign, 200);
  });

  app.openapi(progress, async (c) => {
    const asOf = c.req.valid('query').asOf ?? todayIn(deps.clock);
    c.header('Cache-Control', 'no-store');
    return c.json(await campaignProgress(deps.db, c.req.valid('param').year, asOf), 200);
  });

  app.openapi(members, async (c) => {
    const { asOf, ...query } = c.req.valid('query');
    const result = await campaignMembers(deps.db, c.req.valid('param').year, {
      ...query,
      asOf: asOf ?? todayIn(deps.clock),
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  });
}
