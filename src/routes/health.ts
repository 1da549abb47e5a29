import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { isMigrated } from '../db/migrate.ts';
import type { AppDeps } from '../http/env.ts';

const Status = z.object({ status: z.string() }).openapi('Status');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['service'],
  security: [],
  summary: 'The process is up',
  responses: { 200: { description: 'Up', content: { 'application/json': { schema: Status } } } },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['service'],
  security: [],
  summary: 'The database answers and every migration is applied',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Status } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: Status } } },
  },
});

export function registerHealthRoutes(app: App, deps: AppDeps) {
  app.openapi(health, (c) => c.json({ status: 'ok' }, 200));
  app.openapi(ready, async (c) => {
    try {
      if (await isMigrated(deps.db)) return c.json({ status: 'ready' }, 200);
      return c.json({ status: 'migrating' }, 503);
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });
}
