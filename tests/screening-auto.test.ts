import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenIfNotYetToday, startDailyScreening } from '../src/screening/auto-screen.ts';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('automatic screening (AUTO_SCREEN=on)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ config: { autoScreen: true } });
  });
  afterAll(() => t.close());

  it('screens for today after an import', async () => {
    await importFixture(t, loadFixture('world-small.json'));
    const screening = await until(() => t.db.selectFrom('screening').selectAll().executeTakeFirst());
    expect(screening).toMatchObject({ asOf: '2026-06-30', triggeredBy: 'system:auto-screen' });
    const flags = await until(async () => {
      const res = await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' });
      return res.body.items.length > 0 ? res.body.items : undefined;
    });
    expect(flags).toHaveLength(24);
  });

  it('screens once a day: not again when today was already screened', async () => {
    expect(await screenIfNotYetToday(t.deps)).toBe(false);
  });
});

describe('the daily screening timer', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ config: { autoScreen: true } });
  });
  afterAll(() => t.close());

  it('screens today on start when nothing ran yet, then stops cleanly', async () => {
    const timer = startDailyScreening(t.deps, 60_000);
    const screening = await until(() => t.db.selectFrom('screening').selectAll().executeTakeFirst());
    await timer.stop();
    expect(screening).toMatchObject({ asOf: '2026-06-30', triggeredBy: 'system:daily-screening' });
  });

  it('does nothing with AUTO_SCREEN=off', async () => {
    const off = startDailyScreening({ ...t.deps, config: { ...t.deps.config, autoScreen: false } });
    await off.stop();
    const count = await t.db
      .selectFrom('screening')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
