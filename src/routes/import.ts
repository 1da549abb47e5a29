import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { App } from '../app.ts';
import { BundleSchema } from '../bundle/schema.ts';
import { DomainError, ValidationError } from '../errors.ts';
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
import { importNdjson } from '../personnel/import/stream-import.ts';

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

const NDJSON_PATH = '/api/v1/import/ndjson';
const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines'];

/** The streamed variant: the body is read and written batch by batch in one transaction, never held whole. */
function registerNdjsonImport(app: App, deps: AppDeps) {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: NDJSON_PATH,
    tags: ['import'],
    summary: 'Import a coi-bundle/1 streamed as NDJSON: all or nothing, idempotent by natural keys',
    description:
      'The first line is `{"format":"coi-bundle/1"}`; every other line is `{"kind": "<bundle kind>", "record": ' +
      '{…}}`, each record after the records it refers to. The same checks as `POST /api/v1/import`, batch by ' +
      'batch in one audited transaction: a problem on any line rolls everything back and answers 400 with ' +
      'every problem, its path as in the equivalent one-document bundle (`/staff/17/person`) and its line.',
    security: [{ bearer: [] }],
    request: {
      body: {
        required: true,
        content: { 'application/x-ndjson': { schema: { type: 'string', format: 'binary' } } },
      },
    },
    responses: {
      200: {
        description: 'Imported; counts per kind of record',
        content: { 'application/json': { schema: ImportResultSchema } },
      },
      ...problems(400, 401, 403, 413, 415, 503),
    },
  });
  app.post(NDJSON_PATH, requireRoles('admin'), async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      throw new DomainError(415, 'Unsupported Media Type', 'send the body as application/x-ndjson');
    }
    const body = c.req.raw.body;
    if (!body) throw new ValidationError([{ path: '', message: 'the body is empty' }]);
    const actor = actorOf(c);
    const { created, updated, unchanged } = await importNdjson(deps.db, deps.clock, actor, [
      { name: 'the request body', chunks: body },
    ]);
    runAfterImportHooks(deps, actor);
    return c.json({ created, updated, unchanged }, 200);
  });
}

export function registerImportRoutes(app: App, deps: AppDeps) {
  registerNdjsonImport(app, deps);
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
