import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { getFinding, listFindings, listFindingVersions } from '../accountability/finding-query.ts';
import {
  FindingCloseSchema,
  FindingInputSchema,
  FindingRevisionSchema,
  FindingSchema,
  FindingVersionSchema,
} from '../accountability/finding-schema.ts';
import { closeFinding, createFinding, reviseFinding } from '../accountability/finding-store.ts';
import { FINDING_STATUSES, FINDING_TYPES } from '../accountability/vocabulary.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, LimitQuery, PageQuery, page, problems } from '../http/schemas.ts';

// The discipline office's case file (十三). Discipline and admin record findings; investigators read them.
// HR does not read case files: it sees the sanctions that bear on promotion (/staff/{staffNo}/sanctions).
const WRITERS = ['discipline', 'admin'] as const;
const READERS = ['discipline', 'admin', 'investigator'] as const;

const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ description: 'Finding id (uuid)' }) });

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const RULES_NOTE =
  'Rules of (十三), each a 422 naming its article: an improper_gain finding names its direct respondents and ' +
  'suspends each (停职查办) from its date, in the same transaction, so the suspension counts for qualification ' +
  'and the ENF-* rules at once (former staff are not suspended); a severe finding names a leadership ' +
  'respondent (一案双查).';

const create = createRoute({
  method: 'post',
  path: '/api/v1/findings',
  tags: ['findings'],
  summary: 'Record an accountability finding',
  description: `Roles: discipline, admin. ${RULES_NOTE} Sanction end days follow the policy in force.`,
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: FindingInputSchema } } } },
  responses: {
    201: {
      ...json(FindingSchema, 'Recorded (version 1)'),
      headers: { ...ETagHeader, Location: { schema: { type: 'string' } } },
    },
    ...problems(400, 401, 403, 413, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/findings',
  tags: ['findings'],
  summary: 'Findings in their current version, newest first',
  description: 'Roles: discipline, admin, investigator. `staffNo` and `action` match the current version.',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      type: z.enum(FINDING_TYPES).optional(),
      status: z.enum(FINDING_STATUSES).optional(),
      staffNo: z.string().min(1).max(100).optional().openapi({ description: 'A respondent' }),
      year: z.coerce
        .number()
        .int()
        .min(1949)
        .max(9999)
        .optional()
        .openapi({ description: "The finding's date" }),
      action: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .openapi({ description: 'An enforcement action it concerns' }),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: { 200: json(page(FindingSchema), 'A page of findings'), ...problems(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/findings/{id}',
  tags: ['findings'],
  summary: 'One finding, current version',
  description: 'Roles: discipline, admin, investigator.',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: IdParam },
  responses: {
    200: { ...json(FindingSchema, 'The finding'), headers: ETagHeader },
    ...problems(401, 403, 404),
  },
});

const versions = createRoute({
  method: 'get',
  path: '/api/v1/findings/{id}/versions',
  tags: ['findings'],
  summary: 'Every version of a finding, oldest first (paginated)',
  description:
    'Roles: discipline, admin, investigator. A finding is never deleted; corrections are new versions.',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(page(FindingVersionSchema), 'The versions'),
    ...problems(400, 401, 403, 404),
  },
});

const revise = createRoute({
  method: 'put',
  path: '/api/v1/findings/{id}',
  tags: ['findings'],
  summary: 'Correct a finding (a new version; the old ones are kept)',
  description:
    `Roles: discipline, admin. The whole finding again with the \`reason\` for the correction; send \`If-Match\` ` +
    'with the ETag you read (428 without, 412 if it changed). An omitted `referral` keeps the recorded one. ' +
    `A closed finding stays closed and must still satisfy closing. ${RULES_NOTE}`,
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: IdParam,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: FindingRevisionSchema } } },
  },
  responses: {
    200: { ...json(FindingSchema, 'The new version'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 412, 413, 422, 428),
  },
});

const close = createRoute({
  method: 'post',
  path: '/api/v1/findings/{id}/close',
  tags: ['findings'],
  summary: 'Close a finding (a new version)',
  description:
    'Roles: discipline, admin. corruption and dereliction findings, and improper_gain ones marked ' +
    '`suspectedCriminal`, close only with a referral to the supervisory commission (移交监察机关: date and ' +
    'reference), given here or recorded before; otherwise 422 naming (十三). `If-Match` is optional here; when ' +
    'sent it must match (412). 409 if already closed.',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: IdParam,
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: FindingCloseSchema } } },
  },
  responses: {
    200: { ...json(FindingSchema, 'The closed finding'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 409, 412, 413, 422),
  },
});

export function registerFindingRoutes(app: App, deps: AppDeps) {
  app.openapi(create, async (c) => {
    const finding = await createFinding(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(finding.version));
    c.header('Location', `/api/v1/findings/${finding.id}`);
    return c.json(finding, 201);
  });

  app.openapi(list, async (c) => c.json(await listFindings(deps.db, c.req.valid('query')), 200));

  app.openapi(get, async (c) => {
    const finding = await getFinding(deps.db, c.req.valid('param').id);
    c.header('ETag', etagOf(finding.version));
    return c.json(finding, 200);
  });

  app.openapi(versions, async (c) =>
    c.json(await listFindingVersions(deps.db, c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(revise, async (c) => {
    const accepted = acceptedVersions(c.req.valid('header')['if-match']);
    const finding = await reviseFinding(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').id,
      accepted,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(finding.version));
    return c.json(finding, 200);
  });

  app.openapi(close, async (c) => {
    const ifMatch = c.req.valid('header')['if-match'];
    const finding = await closeFinding(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').id,
      ifMatch === undefined ? null : acceptedVersions(ifMatch),
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(finding.version));
    return c.json(finding, 200);
  });
}
