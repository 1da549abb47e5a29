import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { devSignInEnabled } from './auth/dev-sign-in.ts';
import { resolveJwtSecret } from './auth/tokens.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { createLogger } from './lib/logger.ts';
import type { AppDeps } from './http/env.ts';
import { startDailyScreening } from './screening/auto-screen.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`qinglian: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const handle = await openConfiguredDatabase(config);
  const applied = await migrateToLatest(handle.db);
  logger.info('database ready', { engine: handle.kind, migrations: applied.length });
  const jwtSecret = await resolveJwtSecret(config);
  if (devSignInEnabled(config)) {
    logger.warn('development sign-in is on: /app mints a token for any role (DEV_SIGNIN=off turns it off)', {
      from: config.devSignIn === 'on' ? 'anywhere' : 'this machine only',
    });
  }
  const { app, deps } = createApp({ db: handle.db, config, clock: systemClock, logger, jwtSecret });
  const background = await startBackground(deps);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', {
      url: `http://${info.address === '0.0.0.0' ? 'localhost' : info.address}:${info.port}`,
    });
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('draining', { signal });
    const force = setTimeout(() => {
      logger.warn('grace period over; closing open connections');
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }, config.shutdownGraceMs);
    force.unref();
    await new Promise<void>((done) => server.close(() => done()));
    await background.stop();
    await handle.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// Jobs that run beside the HTTP server (daily screening); each returns a stop function.
async function startBackground(deps: AppDeps): Promise<{ stop(): Promise<void> }> {
  const daily = startDailyScreening(deps);
  return { stop: () => daily.stop() };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `qinglian: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
