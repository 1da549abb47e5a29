import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagSchema } from '../src/screening/schemas.ts';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

// GET /api/v1/flags writes its page as JSON text, passing the stored evidence through unparsed; each item
// must still be exactly a Flag, the same one GET /api/v1/flags/{id} shows.

describe('the standing flag queue as a client reads it', () => {
  let t: TestContext;
  const list = async (query: string) => {
    const res = await t.call('GET', `/api/v1/flags?${query}`, { as: 'investigator' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return res.body as { items: any[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
    expect(
      (await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf: '2026-06-30' } })).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it('lists every flag, page by page in flag-key order, each the same Flag as its own page shows', async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen.map((f) => f.id)).size).toBe(seen.length);
    const all = await list('limit=1000');
    expect(all.nextCursor).toBeNull();
    expect(all.items).toEqual(seen);
    for (const item of seen) {
      expect(FlagSchema.strict().parse(item)).toEqual(item);
      const { history, ...detail } = (await t.call('GET', `/api/v1/flags/${item.id}`, { as: 'investigator' }))
        .body;
      expect(history.length).toBeGreaterThan(0);
      expect(item).toEqual(detail);
    }
  });

  it('carries the decision on a decided flag, with who, why and when', async () => {
    const [first] = (await list('limit=1')).items;
    expect(first.decision).toBeNull();
    const decided = await t.call('POST', `/api/v1/flags/${first.id}/decision`, {
      as: 'discipline',
      sub: 'disc-3',
      body: { decision: 'dismissed', reason: '已核实为同名' },
    });
    expect(decided.status).toBe(200);
    const [again] = (await list('limit=1')).items;
    expect(again).toMatchObject({
      id: first.id,
      status: 'dismissed',
      decision: { decision: 'dismissed', reason: '已核实为同名', by: 'disc-3' },
    });
    expect(new Date(again.decision.at).toISOString()).toBe(again.decision.at);
  });

  it('shows a change another server made to the queue at once, and the same page again until then', async () => {
    const before = await list('limit=5');
    expect(await list('limit=5')).toEqual(before);
    const target = before.items[1];
    // Written straight to the database, as a screening on another process would.
    await t.db
      .updateTable('flag')
      .set({ severity: target.severity === 'risk' ? 'violation' : 'risk' })
      .where('id', '=', target.id)
      .execute();
    const after = await list('limit=5');
    expect(after.items[1]).toEqual({
      ...target,
      severity: target.severity === 'risk' ? 'violation' : 'risk',
    });
    await t.db.updateTable('flag').set({ severity: target.severity }).where('id', '=', target.id).execute();
    expect(await list('limit=5')).toEqual(before);
  });

  it('filters by status, rule, staff number and severity', async () => {
    const all = (await list('limit=1000')).items;
    const some = all.find((f) => f.staffNo)!;
    const byRule = (await list(`rule=${some.rule}&limit=1000`)).items;
    expect(byRule.length).toBeGreaterThan(0);
    expect(byRule).toEqual(all.filter((f) => f.rule === some.rule));
    expect((await list(`staffNo=${some.staffNo}`)).items).toEqual(
      all.filter((f) => f.staffNo === some.staffNo),
    );
    expect((await list('status=dismissed')).items).toEqual(all.filter((f) => f.status === 'dismissed'));
    expect((await list('severity=risk&limit=1000')).items).toEqual(all.filter((f) => f.severity === 'risk'));
    expect((await list('staffNo=NOBODY')).items).toEqual([]);
  });
});
