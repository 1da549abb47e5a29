import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { problems } from '../http/schemas.ts';
import { changePolicy, getCurrentPolicy, listPolicyVersions } from '../policy/policy-store.ts';
import { PolicyPatchSchema, PolicyValuesSchema } from '../policy/values.ts';

const READERS = ['admin', 'discipline', 'investigator', 'hr'] as const;

const PolicySchema = z
  .object({
    version: z.number().int().openapi({ description: '0: the defaults of RULES.md' }),
    values: PolicyValuesSchema,
    reason: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string().nullable(),
  })
  .openapi('Policy');

const PolicyChangeSchema = z
  .strictObject({
    values: PolicyPatchSchema,
    reason: z.string().trim().min(1, 'say why the policy changes').max(2000),
  })
  .openapi('PolicyChange');

const get = createRoute({
  method: 'get',
  path: '/api/v1/policy',
  tags: ['policy'],
  summary: 'The screening policy in force (close relatives, hop limit, windows, rotation fallbacks)',
  description: 'Roles: admin, discipline, investigator, hr.',
  middleware: [requireRoles(...READERS)] as const,
  responses: {
    200: { description: 'The current version', content: { 'application/json': { schema: PolicySchema } } },
    ...problems(401, 403),
  },
});

const versions = createRoute({
  method: 'get',
  path: '/api/v1/policy/versions',
  tags: ['policy'],
  summary: 'Every policy version, newest first, ending with the defaults (version 0)',
  description: 'Roles: admin, discipline, investigator, hr.',
  middleware: [requireRoles(...READERS)] as const,
  responses: {
    200: {
      description: 'The versions',
      content: { 'application/json': { schema: z.object({ items: z.array(PolicySchema) }) } },
    },
    ...problems(401, 403),
  },
});

const put = createRoute({
  method: 'put',
  path: '/api/v1/policy',
  tags: ['policy'],
  summary: 'Change policy values: a new version with who, when and why',
  description:
    'Role: admin. Values not given keep their current value. The next screening uses the new version and ' +
    'its flags show it in their evidence.',
  middleware: [requireRoles('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: PolicyChangeSchema } } } },
  responses: {
    200: { description: 'The new version', content: { 'application/json': { schema: PolicySchema } } },
    ...problems(400, 401, 403, 413),
  },
});

export function registerPolicyRoutes(app: App, deps: AppDeps) {
  app.openapi(get, async (c) => c.json(await getCurrentPolicy(deps.db), 200));
  app.openapi(versions, async (c) => c.json({ items: await listPolicyVersions(deps.db) }, 200));
  app.openapi(put, async (c) =>
    c.json(await changePolicy(deps.db, deps.clock, actorOf(c), c.req.valid('json')), 200),
  );
}
