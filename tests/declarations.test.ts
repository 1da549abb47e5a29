import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import type { Clock } from '../src/clock.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const world = loadFixture('world-small.json');

/** A clock the test moves: staff act on different days. */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => (at = new Date(next)) };
}

describe('a staff member declares for themself', () => {
  let t: TestContext;
  const clock = movableClock('2027-01-10T02:00:00Z');
  const as = (staffNo: string) => ({ as: 'staff' as const, sub: staffNo });
  beforeAll(async () => {
    t = await createTestContext({ clock });
    await importBundle(t.db, clock, systemActor('test'), world);
    expect((await t.call('POST', '/api/v1/campaigns', { as: 'admin', body: { year: 2026 } })).status).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  it("cannot see, draft or submit another's declaration: a 404 just like a missing one", async () => {
    const theirs = await t.call('GET', '/api/v1/declarations/S001/2025', as('S013'));
    const missing = await t.call('GET', '/api/v1/declarations/S013/2019', as('S013'));
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    const shape = (b: any) => ({
      ...b,
      detail: b.detail.replace(/S\d+\/\d+/, '…'),
      instance: '',
      requestId: '',
    });
    expect(shape(theirs.body)).toEqual(shape(missing.body));
    const body = { items: [], nothingToReport: true };
    for (const [method, path, payload] of [
      ['POST', '/api/v1/declarations/S001/2026/submissions', body],
      ['POST', '/api/v1/declarations/S001/2026/draft', undefined],
      ['GET', '/api/v1/declarations/S001/2026/draft', undefined],
      ['PUT', '/api/v1/declarations/S001/2026/draft', { items: [] }],
      ['GET', '/api/v1/declarations/S001/2025/versions', undefined],
      ['GET', '/api/v1/declarations/S001/2026/prefill', undefined],
    ] as const) {
      const res = await t.call(method, path, { ...as('S013'), ...(payload ? { body: payload } : {}) });
      expect([path, res.status, res.body.detail]).toEqual([
        path,
        404,
        `declaration S001/${path.split('/')[5]} not found`,
      ]);
    }
    expect(await t.db.selectFrom('declaration').select('id').where('year', '=', 2026).execute()).toEqual([]);
    // Even an office may not submit in someone's name: submission is the staff member's own act.
    expect(
      (await t.call('POST', '/api/v1/declarations/S001/2026/submissions', { as: 'discipline', body })).status,
    ).toBe(403);
  });

  it('sees their own submitted declaration, and the read is audited', async () => {
    const res = await t.call('GET', '/api/v1/declarations/S013/2025', as('S013'));
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      staffNo: 'S013',
      year: 2025,
      submittedOn: '2026-02-15',
      dueOn: '2026-01-31',
      onTime: false,
      review: { status: 'pending', decision: null },
    });
    const audit = await t.call('GET', '/api/v1/audit?action=read-declaration&actor=S013', { as: 'admin' });
    expect(audit.body.items[0].objectKeys).toMatchObject({
      staffNo: 'S013',
      year: 2025,
      people: ['P13C', 'P24'],
    });
  });

  it('starts a pre-filled draft, edits it, and submits it; the draft never looks submitted', async () => {
    const started = await t.call('POST', '/api/v1/declarations/S001/2026/draft', as('S001'));
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'open', basedOnVersion: null, nothingToReport: null });
    expect(started.body.items.map((i: any) => [i.type, i.person, i.org ?? null])).toEqual([
      ['relative', 'P1W', null],
      ['affiliation', 'P1W', '91230502MA1B00001W'],
    ]);
    const again = await t.call('POST', '/api/v1/declarations/S001/2026/draft', as('S001'));
    expect(again.status).toBe(200);

    // Confirm the spouse's tie, add a newly married-in child not yet on file and their post at a new firm.
    const items = [
      ...started.body.items,
      { type: 'relative', person: 'new:son', relation: 'child', name: '张小军' },
      {
        type: 'affiliation',
        person: 'new:son',
        org: '91230502MA1B000701',
        role: 'employee',
        from: '2026-03-01',
        orgName: '双鸭山新安消防检测有限公司',
        orgKind: 'technical_service_maintenance',
        orgRegion: '230502',
      },
    ];
    const saved = await t.call('PUT', '/api/v1/declarations/S001/2026/draft', {
      ...as('S001'),
      headers: { 'if-match': started.headers.get('etag')! },
      body: { items, nothingToReport: false },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.items.at(-1).basis).toEqual({ known: false, sources: [], records: [] });
    const stale = await t.call('PUT', '/api/v1/declarations/S001/2026/draft', {
      ...as('S001'),
      headers: { 'if-match': started.headers.get('etag')! },
      body: { items: [] },
    });
    expect(stale.status).toBe(412);
    // Nothing reached the declaration table: the screening rules see no 2026 submission.
    expect(await t.db.selectFrom('declaration').select('id').where('year', '=', 2026).execute()).toEqual([]);

    const submitted = await t.call('POST', '/api/v1/declarations/S001/2026/submissions', {
      ...as('S001'),
      body: { items: saved.body.items, nothingToReport: false },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      version: 1,
      submittedOn: '2027-01-10',
      onTime: true,
      amendedOn: null,
    });
    const son = submitted.body.items.find((i: any) => i.type === 'relative' && i.relation === 'child');
    expect(son.person).toBe('D2026-S001-1');
    expect(submitted.body.items.at(-1)).toEqual({
      type: 'affiliation',
      person: 'D2026-S001-1',
      org: '91230502MA1B000701',
      role: 'employee',
      from: '2026-03-01',
      orgName: '双鸭山新安消防检测有限公司',
      orgKind: 'technical_service_maintenance',
      orgRegion: '230502',
    });
    const person = await t.db
      .selectFrom('person')
      .select(['name'])
      .where('ref', '=', 'D2026-S001-1')
      .executeTakeFirst();
    expect(person).toEqual({ name: '张小军' });
    // The organisation is recorded only when the office accepts the declaration.
    const org = await t.db
      .selectFrom('organization')
      .select('id')
      .where('creditCode', '=', '91230502MA1B000701');
    expect(await org.execute()).toEqual([]);

    const draft = await t.call('GET', '/api/v1/declarations/S001/2026/draft', as('S001'));
    expect(draft.body).toMatchObject({ state: 'submitted', submittedVersion: 1 });
    const campaigns = await t.call('GET', '/api/v1/campaigns/2026', as('S001'));
    expect(campaigns.body.mine).toMatchObject({ standing: 'submitted', version: 1, review: 'pending' });
  });

  it('keeps a submitted declaration as it was: submitting again without a reason is refused', async () => {
    const res = await t.call('POST', '/api/v1/declarations/S001/2026/submissions', {
      ...as('S001'),
      body: { items: [], nothingToReport: true },
    });
    expect(res.status).toBe(409);
    const row = await t.db
      .selectFrom('declaration')
      .selectAll()
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
  });

  it('amends as a new version with a reason, keeping both versions and the first submission day', async () => {
    clock.set('2027-03-02T02:00:00Z');
    const draft = await t.call('POST', '/api/v1/declarations/S001/2026/draft', as('S001'));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ basedOnVersion: 1, nothingToReport: false });
    const items = draft.body.items.filter((i: any) => !(i.type === 'affiliation' && i.role === 'employee'));
    const amended = await t.call('POST', '/api/v1/declarations/S001/2026/submissions', {
      ...as('S001'),
      body: { items, nothingToReport: false, amendmentReason: '儿子于2026年底离职，未实际到岗' },
    });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({
      version: 2,
      submittedOn: '2027-01-10',
      amendedOn: '2027-03-02',
      amendmentReason: '儿子于2026年底离职，未实际到岗',
      onTime: true,
    });
    const versions = await t.call('GET', '/api/v1/declarations/S001/2026/versions', as('S001'));
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: any) => [v.version, v.amendedOn, v.items.length])).toEqual([
      [1, null, 4],
      [2, '2027-03-02', 3],
    ]);
    expect(versions.body.items[0].replacedAt).not.toBeNull();
    const kept = await t.db
      .selectFrom('revision')
      .select('version')
      .where('tableName', '=', 'declaration')
      .where(
        'rowId',
        '=',
        (await t.db.selectFrom('declaration').select('id').where('year', '=', 2026).executeTakeFirstOrThrow())
          .id,
      )
      .execute();
    expect(kept).toEqual([{ version: 1 }]);
    const same = await t.call('POST', '/api/v1/declarations/S001/2026/submissions', {
      ...as('S001'),
      body: { items, nothingToReport: false, amendmentReason: '再次确认' },
    });
    expect(same.status).toBe(409);
    expect(same.body.detail).toContain('changes nothing');
  });

  it('requires an explicit "nothing to report", true exactly when no tie is declared', async () => {
    const empty = await t.call('POST', '/api/v1/declarations/S017/2026/submissions', {
      ...as('S017'),
      body: { items: [], nothingToReport: false },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([
      { path: '/nothingToReport', message: expect.stringContaining('nothing to report') },
    ]);
    const missing = await t.call('POST', '/api/v1/declarations/S017/2026/submissions', {
      ...as('S017'),
      body: { items: [] },
    });
    expect(missing.status).toBe(400);
    const ok = await t.call('POST', '/api/v1/declarations/S017/2026/submissions', {
      ...as('S017'),
      body: { items: [], nothingToReport: true },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ nothingToReport: true, items: [], onTime: false });
  });

  it('names every problem in the items with its JSON path, and writes nothing', async () => {
    const res = await t.call('POST', '/api/v1/declarations/S002/2026/submissions', {
      ...as('S002'),
      body: {
        nothingToReport: true,
        amendmentReason: '首次',
        items: [
          { type: 'relative', person: 'P404', relation: 'sibling' },
          { type: 'relative', person: 'P2', relation: 'sibling' },
          { type: 'relative', person: 'new:x', relation: 'spouse', idNumber: '230502198201150031' },
          { type: 'affiliation', person: 'P5', org: '51230500MJ0000005E', role: 'member' },
          { type: 'affiliation', person: 'P2', org: '91230502MA1B00001X', role: 'owner' },
          {
            type: 'affiliation',
            person: 'P2',
            org: '51230500MJ0000005E',
            role: 'member',
            from: '2025-01-01',
            to: '2024-01-01',
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path)).toEqual([
      '/items/0/person',
      '/items/1/person',
      '/items/2/name',
      '/items/2/idNumber',
      '/items/3/person',
      '/items/4/org',
      '/items/4/orgName',
      '/items/4/orgKind',
      '/items/4/orgRegion',
      '/items/5/to',
      '/nothingToReport',
      '/amendmentReason',
    ]);
    const rows = await t.db.selectFrom('declaration').innerJoin('staff', 'staff.id', 'declaration.staffId');
    expect(
      await rows.select('year').where('staffNo', '=', 'S002').where('year', '=', 2026).execute(),
    ).toEqual([]);
  });
});
