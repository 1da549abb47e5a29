import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

const P1W_SHARES = {
  person: 'P1W',
  org: '91230502MA1B00001W',
  role: 'shareholder',
  share: 40,
  paid: false,
  from: '2019-04-01',
  source: 'registry',
};

describe('the standing flag queue across screenings', () => {
  let t: TestContext;
  const screen = async (asOf = '2026-06-30') => {
    const res = await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const flag = async (rule: string, staffNo: string) => {
    const res = await t.call('GET', `/api/v1/flags?rule=${rule}&staffNo=${staffNo}`, { as: 'discipline' });
    expect(res.body.items).toHaveLength(1);
    return res.body.items[0];
  };
  const importTies = async (affiliations: unknown[]) => {
    const res = await t.call('POST', '/api/v1/import', {
      as: 'admin',
      body: { format: 'coi-bundle/1', affiliations },
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  let first: any;
  it('raises every condition as an open flag the first time', async () => {
    first = await screen();
    expect(first).toMatchObject({ raised: 24, resolved: 0, reopened: 0 });
  });

  it('keeps a dismissal with its reason, who and when, and a confirmation', async () => {
    const outside = await flag('COI-OUTSIDE-POST', 'S005');
    const dismissed = await t.call('POST', `/api/v1/flags/${outside.id}/decision`, {
      as: 'discipline',
      sub: 'officer-li',
      body: { decision: 'dismissed', reason: '经批准的兼职，已备案' },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      decision: { decision: 'dismissed', reason: '经批准的兼职，已备案', by: 'officer-li' },
    });
    expect(dismissed.body.history.map((e: any) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'open'],
      ['open', 'dismissed'],
    ]);
    const business = await flag('COI-RELATIVE-BUSINESS', 'S001');
    const confirmed = await t.call('POST', `/api/v1/flags/${business.id}/decision`, {
      as: 'discipline',
      body: { decision: 'confirmed', reason: '配偶持股属实' },
    });
    expect(confirmed.body.status).toBe('confirmed');
  });

  let again: any;
  it('finds the same flags again without duplicates, and the decisions survive', async () => {
    again = await screen();
    expect(again).toMatchObject({ raised: 0, resolved: 0, reopened: 0 });
    const all = await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' });
    expect(all.body.items).toHaveLength(24);
    expect((await flag('COI-OUTSIDE-POST', 'S005')).status).toBe('dismissed');
    const business = await flag('COI-RELATIVE-BUSINESS', 'S001');
    expect(business).toMatchObject({ status: 'confirmed', firstSeenIn: first.id, lastSeenIn: again.id });
  });

  it('records every flag a screening finds again with the evidence it found', async () => {
    const found = await t.call('GET', `/api/v1/screenings/${again.id}/flags?limit=1000`, {
      as: 'discipline',
    });
    expect(found.body.items).toHaveLength(24);
    const all = await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' });
    expect(found.body.items.map((f: any) => [f.id, f.evidence])).toEqual(
      all.body.items.map((f: any) => [f.id, f.evidence]),
    );
  });

  it('shows a renamed person on the paths of the next screening, and keeps the old name in the last', async () => {
    const before = await flag('COI-RELATIVE-BUSINESS', 'S001');
    const named = (f: any) => JSON.stringify(f.evidence).includes('李秀英');
    expect(named(before)).toBe(true);
    const rename = async (name: string) => {
      const res = await t.call('POST', '/api/v1/import', {
        as: 'admin',
        body: { format: 'coi-bundle/1', people: [{ ref: 'P1W', name }] },
      });
      expect(res.status).toBe(200);
    };
    await rename('李秀兰');
    const renamed = await screen();
    const after = await flag('COI-RELATIVE-BUSINESS', 'S001');
    expect(named(after)).toBe(false);
    expect(JSON.stringify(after.evidence)).toContain('李秀兰');
    const seenBefore = await t.call('GET', `/api/v1/screenings/${again.id}/flags?limit=1000`, {
      as: 'discipline',
    });
    expect(seenBefore.body.items.filter(named).length).toBeGreaterThan(0);
    const seenNow = await t.call('GET', `/api/v1/screenings/${renamed.id}/flags?limit=1000`, {
      as: 'discipline',
    });
    expect(seenNow.body.items.filter(named)).toHaveLength(0);
    await rename('李秀英');
    again = await screen();
    expect(named(await flag('COI-RELATIVE-BUSINESS', 'S001'))).toBe(true);
  });

  let resolving: any;
  it('resolves a confirmed flag whose condition is gone, naming the screening', async () => {
    await importTies([{ ...P1W_SHARES, to: '2026-06-01' }]);
    resolving = await screen();
    expect(resolving).toMatchObject({ raised: 0, resolved: 1, reopened: 0 });
    const business = await flag('COI-RELATIVE-BUSINESS', 'S001');
    // Not seen by the resolving screening: last seen by the one before it.
    expect(business).toMatchObject({ status: 'resolved', resolvedIn: resolving.id, lastSeenIn: again.id });
    // The recusal on A6 (2026-05-10) still stands: the shares were held on the action day.
    expect((await flag('ENF-RECUSAL', 'S001')).status).toBe('open');
    const found = await t.call('GET', `/api/v1/screenings/${resolving.id}/flags?limit=1000`, {
      as: 'discipline',
    });
    expect(found.body.items).toHaveLength(23);
  });

  it('keeps a dismissed flag dismissed when its condition goes away', async () => {
    await importTies([
      {
        person: 'P5',
        org: '51230500MJ0000005E',
        role: 'director',
        from: '2024-03-01',
        to: '2026-06-15',
        source: 'registry',
      },
    ]);
    const s = await screen();
    expect(s).toMatchObject({ resolved: 0 });
    expect((await flag('COI-OUTSIDE-POST', 'S005')).status).toBe('dismissed');
  });

  it('reopens a resolved flag whose condition comes back, with the full history kept', async () => {
    await importTies([{ ...P1W_SHARES, to: null }]);
    const back = await screen();
    expect(back).toMatchObject({ raised: 0, resolved: 0, reopened: 1 });
    const business = await flag('COI-RELATIVE-BUSINESS', 'S001');
    expect(business).toMatchObject({ status: 'open', resolvedIn: null });
    expect(business.decision).toMatchObject({ decision: 'confirmed', reason: '配偶持股属实' });
    const detail = await t.call('GET', `/api/v1/flags/${business.id}`, { as: 'investigator' });
    expect(detail.body.history.map((e: any) => [e.fromStatus, e.toStatus, e.screeningId])).toEqual([
      [null, 'open', first.id],
      ['open', 'confirmed', null],
      ['confirmed', 'resolved', resolving.id],
      ['resolved', 'open', back.id],
    ]);
    // Every change is dated by the service's clock (fixed in these tests), screenings' as well as decisions'.
    expect(new Set(detail.body.history.map((e: any) => e.at))).toEqual(new Set(['2026-06-30T04:00:00.000Z']));
  });

  it('has nothing to decide on a resolved flag, and will not record the same decision twice', async () => {
    await importTies([{ ...P1W_SHARES, to: '2026-06-01' }]);
    await screen();
    const business = await flag('COI-RELATIVE-BUSINESS', 'S001');
    const res = await t.call('POST', `/api/v1/flags/${business.id}/decision`, {
      as: 'discipline',
      body: { decision: 'dismissed', reason: '已整改' },
    });
    expect(res.status).toBe(409);
    const outside = await flag('COI-OUTSIDE-POST', 'S005');
    const twice = await t.call('POST', `/api/v1/flags/${outside.id}/decision`, {
      as: 'discipline',
      body: { decision: 'dismissed', reason: '再次' },
    });
    expect(twice.status).toBe(409);
  });

  it('writes every decision and screening to the audit trail', async () => {
    const audit = await t.call('GET', '/api/v1/audit?limit=1000', { as: 'admin' });
    const actions = audit.body.items.map((a: any) => a.action);
    expect(actions.filter((a: string) => a === 'flag.decision')).toHaveLength(2);
    expect(actions.filter((a: string) => a === 'screening.run').length).toBeGreaterThanOrEqual(6);
  });
});

describe('decisions on flags', () => {
  let t: TestContext;
  let id: string;
  beforeAll(async () => {
    t = await createTestContext();
    await t.call('POST', '/api/v1/import', { as: 'admin', body: loadFixture('world-small.json') });
    await t.call('POST', '/api/v1/screenings', { as: 'admin', body: { asOf: '2026-06-30' } });
    id = (await t.call('GET', '/api/v1/flags?limit=1', { as: 'discipline' })).body.items[0].id;
  });
  afterAll(() => t.close());

  it('need a reason, and reject unknown fields and decisions', async () => {
    const res = await t.call('POST', `/api/v1/flags/${id}/decision`, {
      as: 'discipline',
      body: { decision: 'maybe', reason: '', extra: 1 },
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['/decision', '/reason']));
  });

  it('are for discipline officers only', async () => {
    for (const role of ['admin', 'investigator', 'hr', 'staff'] as const) {
      const res = await t.call('POST', `/api/v1/flags/${id}/decision`, {
        as: role,
        body: { decision: 'confirmed', reason: 'x' },
      });
      expect(res.status).toBe(403);
    }
  });

  it('answer 404 for an unknown or malformed flag id', async () => {
    for (const bad of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await t.call('GET', `/api/v1/flags/${bad}`, { as: 'discipline' })).status).toBe(404);
      const res = await t.call('POST', `/api/v1/flags/${bad}/decision`, {
        as: 'discipline',
        body: { decision: 'confirmed', reason: 'x' },
      });
      expect(res.status).toBe(404);
    }
  });
});

describe('screenings at the same moment', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.call('POST', '/api/v1/import', { as: 'admin', body: loadFixture('world-small.json') });
  });
  afterAll(() => t.close());

  it('never corrupt the queue: each condition is raised once, whoever gets there first', async () => {
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf: '2026-06-30' } }),
      ),
    );
    expect(runs.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(runs.map((r) => r.body.raised).sort()).toEqual([0, 0, 24]);
    const all = await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' });
    expect(all.body.items).toHaveLength(24);
    const detail = await t.call('GET', `/api/v1/flags/${all.body.items[0].id}`, { as: 'discipline' });
    expect(detail.body.history).toHaveLength(1);
  });
});
