import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { listAudit, AuditRecordSchema } from '../audit/audit-query.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { CursorQuery, LimitQuery, page, problems } from '../http/schemas.ts';

const list = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  tags: ['audit'],
  summary: 'The audit trail, newest first',
  middleware: [requireRoles('admin')] as const,
  request: {
    query: z.object({
      limit: LimitQuery,
      cursor: CursorQuery,
      actor: z.string().optional(),
      action: z.string().optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of audit records',
      content: { 'application/json': { schema: page(AuditRecordSchema) } },
    },
    ...problems(400, 401, 403),
  },
});

const verify = createRoute({
  method: 'get',
  path: '/api/v1/audit/verify',
  tags: ['audit'],
  summary: 'Recompute the hash chain and name the first broken record',
  middleware: [requireRoles('admin')] as const,
  responses: {
    200: {
      description: 'The result of the check',
      content: {
        'application/json': {
          schema: z
            .object({
              ok: z.boolean(),
              checked: z.number().int(),
              firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
            })
            .openapi('AuditVerification'),
        },
      },
    },
    ...problems(401, 403),
  },
});

export function registerAuditRoutes(app: App, deps: AppDeps) {
  app.openapi(list, async (c) => c.json(await listAudit(deps.db, c.req.valid('query')), 200));
  app.openapi(verify, async (c) => c.json(await verifyAuditChain(deps.db), 200));
}
