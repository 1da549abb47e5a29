import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { QUALIFICATION_KINDS } from '../bundle/schema.ts';
import { todayIn } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, etagOf } from '../http/etag.ts';
import { CursorQuery, DaySchema, LimitQuery, page, problems } from '../http/schemas.ts';
import { viewerOf } from '../http/visibility.ts';
import {
  correctQualification,
  expiringQualifications,
  getQualification,
  listQualifications,
  recordQualification,
  renewQualification,
} from '../qualifications/certificates.ts';
import {
  CertNo,
  EnforcementStatusSchema,
  ExpiringSchema,
  NewQualificationSchema,
  QualificationCorrectionSchema,
  QualificationSchema,
  RenewalSchema,
} from '../qualifications/schemas.ts';
import { enforcementStatus } from '../qualifications/status-facts.ts';

const READERS = ['admin', 'hr', 'discipline', 'investigator'] as const;
const WRITERS = ['admin', 'hr'] as const;

const list = createRoute({
  method: 'get',
  path: '/api/v1/qualifications',
  tags: ['qualifications'],
  summary: 'Certificates (执法资格, auxiliary), by certificate number',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      limit: LimitQuery,
      cursor: CursorQuery,
      staffNo: z.string().optional(),
      kind: z.enum(QUALIFICATION_KINDS).optional(),
      validOn: DaySchema.optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of certificates',
      content: { 'application/json': { schema: page(QualificationSchema) } },
    },
    ...problems(400, 401, 403),
  },
});

const expiring = createRoute({
  method: 'get',
  path: '/api/v1/qualifications/expiring',
  tags: ['qualifications'],
  summary:
    'Certificates of serving staff that stop being valid within N days (expiresOn is the first invalid day)',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      withinDays: z.coerce.number().int().min(0).max(3660).default(90),
      asOf: DaySchema.optional(),
      kind: z.enum(QUALIFICATION_KINDS).optional(),
      includeRenewed: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    }),
  },
  responses: {
    200: {
      description: 'The expiring certificates, soonest first',
      content: { 'application/json': { schema: ExpiringSchema } },
    },
    ...problems(400, 401, 403),
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/v1/qualifications/{certNo}',
  tags: ['qualifications'],
  summary: 'One certificate',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: z.object({ certNo: CertNo }) },
  responses: {
    200: { description: 'The certificate', content: { 'application/json': { schema: QualificationSchema } } },
    ...problems(401, 403, 404),
  },
});

const record = createRoute({
  method: 'post',
  path: '/api/v1/qualifications',
  tags: ['qualifications'],
  summary: 'Record a certificate',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewQualificationSchema } } } },
  responses: {
    201: { description: 'The certificate', content: { 'application/json': { schema: QualificationSchema } } },
    ...problems(400, 401, 403, 409),
  },
});

const renew = createRoute({
  method: 'post',
  path: '/api/v1/qualifications/{certNo}/renewals',
  tags: ['qualifications'],
  summary: 'Renew a certificate: a new certificate for the same holder and kind; the old one is kept',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: z.object({ certNo: CertNo }),
    body: { required: true, content: { 'application/json': { schema: RenewalSchema } } },
  },
  responses: {
    201: {
      description: 'The new certificate',
      content: { 'application/json': { schema: QualificationSchema } },
    },
    ...problems(400, 401, 403, 404, 409),
  },
});

const correct = createRoute({
  method: 'patch',
  path: '/api/v1/qualifications/{certNo}',
  tags: ['qualifications'],
  summary: 'Correct a mistyped certificate (If-Match); the previous version is kept',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: z.object({ certNo: CertNo }),
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: QualificationCorrectionSchema } } },
  },
  responses: {
    200: {
      description: 'The certificate as corrected',
      content: { 'application/json': { schema: QualificationSchema } },
    },
    ...problems(400, 401, 403, 404, 412, 428),
  },
});

const status = createRoute({
  method: 'get',
  path: '/api/v1/staff/{staffNo}/enforcement-status',
  tags: ['qualifications'],
  summary: 'May enforce / may assist / may not, on a day, with the reasons (a staff member sees their own)',
  middleware: [requireRoles(...READERS, 'staff')] as const,
  request: {
    params: z.object({ staffNo: z.string().min(1).max(100) }),
    query: z.object({ on: DaySchema.optional() }),
  },
  responses: {
    200: { description: 'The status', content: { 'application/json': { schema: EnforcementStatusSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

export function registerQualificationRoutes(app: App, deps: AppDeps) {
  app.openapi(list, async (c) => c.json(await listQualifications(deps.db, c.req.valid('query')), 200));
  app.openapi(expiring, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await expiringQualifications(deps.db, {
        asOf: q.asOf ?? todayIn(deps.clock),
        withinDays: q.withinDays,
        includeRenewed: q.includeRenewed,
        kind: q.kind,
      }),
      200,
    );
  });
  app.openapi(one, async (c) => {
    const q = await getQualification(deps.db, c.req.valid('param').certNo);
    c.header('ETag', etagOf(q.version));
    return c.json(q, 200);
  });
  app.openapi(record, async (c) =>
    c.json(await recordQualification(deps.db, deps.clock, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(renew, async (c) =>
    c.json(
      await renewQualification(
        deps.db,
        deps.clock,
        actorOf(c),
        c.req.valid('param').certNo,
        c.req.valid('json'),
      ),
      201,
    ),
  );
  app.openapi(correct, async (c) => {
    const accepted = acceptedVersions(c.req.header('if-match'));
    const q = await correctQualification(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').certNo,
      accepted,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(q.version));
    return c.json(q, 200);
  });
  app.openapi(status, async (c) => {
    const { staffNo } = c.req.valid('param');
    const self = viewerOf(c.get('principal')).selfStaffNo;
    if (self !== null && self !== staffNo) throw new NotFoundError(`staff member ${staffNo}`);
    return c.json(
      await enforcementStatus(deps.db, staffNo, c.req.valid('query').on ?? todayIn(deps.clock)),
      200,
    );
  });
}
