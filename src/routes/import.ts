import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { App } from '../app.ts';
import { BundleSchema } from '../bundle/schema.ts';
import { ValidationError } from '../errors.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { problems } from '../http/schemas.ts';
import {
  importBundle,
  ImportResultSchema,
  runAfterImportHooks,
  validateBundle,
} from '../personnel/import/index.ts';
import { issuesToProblems } from '../personnel/import/problems.ts';

const importRoute = createRoute({
  method: 'post',
  path: '/api/v1/import',
  tags: ['import'],
  summary: 'Import a coi-bundle/1 document: all or nothing, idempotent by natural keys',
  description:
    'Validates the whole bundle first and answers 400 with every problem (JSON path and reason) without ' +
    'writing anything; otherwise upserts every record by its natural key in one audited transaction and ' +
    'counts what was created, updated and left unchanged, per kind.',
  middleware: [requireRoles('admin')] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: BundleSchema } } },
  },
  responses: {
    200: {
      description: 'Imported; counts per kind of record',
      content: { 'application/json': { schema: ImportResultSchema } },
    },
    ...problems(400, 401, 403, 413, 503),
  },
});

export function registerImportRoutes(app: App, deps: AppDeps) {
  app.openapi(
    importRoute,
    async (c) => {
      const actor = actorOf(c);
      const result = await importBundle(deps.db, deps.clock, actor, c.req.valid('json'));
      runAfterImportHooks(deps, actor);
      return c.json(result, 200);
    },
    // zod-openapi awaits the hook although its type says it is synchronous: a malformed bundle is still
    // checked whole (references, keys, check characters), so the 400 lists every problem, not only the schema's.
    (async (result: { success: boolean; error?: z.ZodError }, c: Context) => {
      if (result.success) return;
      await validateBundle(deps.db, await c.req.json());
      throw new ValidationError(issuesToProblems(result.error?.issues ?? []));
    }) as never,
  );
}
