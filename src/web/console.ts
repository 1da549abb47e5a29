import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { App } from '../app.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { AppDeps } from '../http/env.ts';

export const CONSOLE_BASE = '/app';

// Scripts and styles only from this origin; sigma draws with WebGL and the PNG export reads a canvas.
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web console (see web/ and `npm run build:web`) at /app: hashed assets cached for a
 * year, every other path under /app answered with index.html so the console's own router takes over.
 */
export function registerConsole(app: App, deps: AppDeps) {
  const root = resolve(deps.config.webDir);
  const index = join(root, 'index.html');

  app.get(CONSOLE_BASE, (c) => c.redirect(`${CONSOLE_BASE}/`, 301));
  app.use(`${CONSOLE_BASE}/*`, async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONSOLE_CSP);
  });
  const assets = serveStatic({
    root,
    rewriteRequestPath: (path) => path.slice(CONSOLE_BASE.length),
    // Headers must be set before serveStatic builds its response; a miss must not be cached for a year.
    onNotFound: (_path, c) => {
      c.header('Cache-Control', undefined);
    },
  });
  app.use(`${CONSOLE_BASE}/assets/*`, async (c, next) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return assets(c, next);
  });
  const serveIndex = serveStatic({ path: index });
  app.get(`${CONSOLE_BASE}/*`, async (c, next) => {
    if (c.req.path.startsWith(`${CONSOLE_BASE}/assets/`)) return next();
    if (!existsSync(index)) {
      throw new ServiceUnavailableError('the web console is not built: run `npm run build:web`');
    }
    c.header('Cache-Control', 'no-cache');
    return serveIndex(c, next);
  });
}
