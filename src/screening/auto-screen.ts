import { systemActor } from '../audit/actor.ts';
import { todayIn } from '../clock.ts';
import type { AppDeps } from '../http/env.ts';
import { runScreening } from './run-screening.ts';

/** With AUTO_SCREEN on, every import is followed by a screening for today. */
export function registerAutoScreening(deps: AppDeps): void {
  if (!deps.config.autoScreen) return;
  deps.afterImport.push(async (importer) => {
    const actor = { ...systemActor('auto-screen'), requestId: importer.requestId };
    const result = await runScreening(deps.db, deps.clock, actor, { asOf: todayIn(deps.clock) });
    deps.logger.info('screened after import', {
      screeningId: result.id,
      asOf: result.asOf,
      raised: result.raised,
    });
  });
}

/** Screens for today unless a screening for today already ran (by anyone, in any process). */
export async function screenIfNotYetToday(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): Promise<boolean> {
  const today = todayIn(deps.clock);
  const done = await deps.db
    .selectFrom('screening')
    .select('id')
    .where('asOf', '=', today)
    .limit(1)
    .executeTakeFirst();
  if (done) return false;
  const result = await runScreening(deps.db, deps.clock, systemActor('daily-screening'), { asOf: today });
  deps.logger.info('daily screening', { screeningId: result.id, asOf: result.asOf, raised: result.raised });
  return true;
}

/**
 * With AUTO_SCREEN on, checks every `everyMs` (default a quarter of an hour) whether today was screened, and
 * screens if not: once a day, also after a restart or a missed hour, and without a second timer in each of
 * several processes doing more than a redundant check.
 */
export function startDailyScreening(
  deps: Pick<AppDeps, 'db' | 'clock' | 'logger' | 'config'>,
  everyMs = 15 * 60 * 1000,
): { stop(): Promise<void> } {
  if (!deps.config.autoScreen) return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = screenIfNotYetToday(deps)
      .catch((error: unknown) =>
        deps.logger.error('daily screening failed', {
          message: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
