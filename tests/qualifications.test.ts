import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const staff = (staffNo: string, category: string, extra: Record<string, unknown> = {}) => ({
  staffNo,
  person: `P-${staffNo}`,
  category,
  unit: '双鸭山市消防救援支队',
  jurisdiction: '230502',
  hiredOn: '2010-07-01',
  ...extra,
});

const WORLD = {
  format: 'coi-bundle/1',
  people: ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].map((n) => ({ ref: `P-${n}`, name: `人员${n}` })),
  staff: [
    staff('Q1', 'enforcement_cadre'),
    staff('Q2', 'civilian'),
    staff('Q3', 'civilian'),
    staff('Q4', 'firefighter'),
    staff('Q5', 'enforcement_cadre', { departedOn: '2026-05-01', departureKind: 'resigned' }),
  ],
  qualifications: [
    {
      staffNo: 'Q1',
      kind: 'enforcement',
      certNo: 'ZF-Q1-2024',
      passedOn: '2024-03-01',
      expiresOn: '2026-03-01',
    },
    {
      staffNo: 'Q2',
      kind: 'auxiliary',
      certNo: 'FZ-Q2-2024',
      passedOn: '2024-01-01',
      expiresOn: '2027-01-01',
    },
    {
      staffNo: 'Q4',
      kind: 'auxiliary',
      certNo: 'FZ-Q4-2024',
      passedOn: '2024-01-01',
      expiresOn: '2027-01-01',
    },
    {
      staffNo: 'Q5',
      kind: 'enforcement',
      certNo: 'ZF-Q5-2023',
      passedOn: '2023-01-01',
      expiresOn: '2029-01-01',
    },
  ],
  suspensions: [{ staffNo: 'Q1', from: '2025-06-01', to: '2025-07-01', reason: '停职检查' }],
};

describe('qualifications: may enforce, may assist, may not — on the boundary days', () => {
  let t: TestContext;
  const status = async (staffNo: string, on: string) => {
    const res = await t.call('GET', `/api/v1/staff/${staffNo}/enforcement-status?on=${on}`, { as: 'hr' });
    expect(res.status).toBe(200);
    return res.body as {
      status: string;
      reasons: { code: string }[];
      countsTowardsTwo: boolean;
      certificate: any;
    };
  };
  const codes = (s: { reasons: { code: string }[] }) => s.reasons.map((r) => r.code);

  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), WORLD);
  });
  afterAll(() => t.close());

  it('is qualified from the pass day, not the day before', async () => {
    const before = await status('Q1', '2024-02-29');
    expect(before).toMatchObject({ status: 'may_not', countsTowardsTwo: false, certificate: null });
    expect(codes(before)).toEqual(['not_yet_valid']);
    const onPass = await status('Q1', '2024-03-01');
    expect(onPass).toMatchObject({ status: 'may_enforce', countsTowardsTwo: true, reasons: [] });
    expect(onPass.certificate).toMatchObject({ certNo: 'ZF-Q1-2024' });
  });

  it('is qualified on the day before expiry and expired on the expiry day itself', async () => {
    expect(await status('Q1', '2026-02-28')).toMatchObject({ status: 'may_enforce' });
    const onExpiry = await status('Q1', '2026-03-01');
    expect(onExpiry.status).toBe('may_not');
    expect(codes(onExpiry)).toEqual(['expired']);
  });

  it('may not enforce from the first day of a suspension, and may again on the day it ends', async () => {
    expect((await status('Q1', '2025-05-31')).status).toBe('may_enforce');
    const first = await status('Q1', '2025-06-01');
    expect(first.status).toBe('may_not');
    expect(codes(first)).toEqual(['suspended']);
    expect((await status('Q1', '2025-06-30')).status).toBe('may_not');
    expect((await status('Q1', '2025-07-01')).status).toBe('may_enforce');
  });

  it('lets a civilian with an auxiliary certificate assist, never counting towards two', async () => {
    const s = await status('Q2', '2026-06-30');
    expect(s).toMatchObject({ status: 'may_assist', countsTowardsTwo: false });
    expect(codes(s)).toEqual(['civilian']);
    const without = await status('Q3', '2026-06-30');
    expect(without.status).toBe('may_not');
    expect(codes(without)).toEqual(['civilian', 'no_certificate']);
  });

  it('does not let a firefighter enforce on an auxiliary certificate', async () => {
    const s = await status('Q4', '2026-06-30');
    expect(s.status).toBe('may_not');
    expect(codes(s)).toEqual(['auxiliary_only']);
  });

  it('stops at departure: serving the day before, not serving on the departure day', async () => {
    expect((await status('Q5', '2026-04-30')).status).toBe('may_enforce');
    const gone = await status('Q5', '2026-05-01');
    expect(gone.status).toBe('may_not');
    expect(codes(gone)).toEqual(['not_serving']);
  });

  it('shows a staff member their own status and nobody else\u2019s', async () => {
    const own = await t.call('GET', '/api/v1/staff/Q2/enforcement-status?on=2026-06-30', {
      as: 'staff',
      sub: 'Q2',
    });
    expect(own.status).toBe(200);
    const other = await t.call('GET', '/api/v1/staff/Q1/enforcement-status?on=2026-06-30', {
      as: 'staff',
      sub: 'Q2',
    });
    expect(other.status).toBe(404);
    expect((await t.call('GET', '/api/v1/staff/NOPE/enforcement-status', { as: 'hr' })).status).toBe(404);
  });

  it('records a certificate and refuses a duplicate number, an unknown holder and an expiry before the pass day', async () => {
    const ok = await t.call('POST', '/api/v1/qualifications', {
      as: 'hr',
      body: {
        staffNo: 'Q3',
        kind: 'auxiliary',
        certNo: 'FZ-Q3-2026',
        level: '初级',
        issuer: '黑龙江省消防救援总队',
        passedOn: '2026-06-01',
        expiresOn: '2029-06-01',
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ certNo: 'FZ-Q3-2026', staffNo: 'Q3', level: '初级', renewedBy: null });
    expect((await status('Q3', '2026-06-30')).status).toBe('may_assist');

    const dup = await t.call('POST', '/api/v1/qualifications', {
      as: 'hr',
      body: { staffNo: 'Q3', kind: 'auxiliary', certNo: 'FZ-Q3-2026', passedOn: '2026-06-01' },
    });
    expect(dup.status).toBe(409);
    const bad = await t.call('POST', '/api/v1/qualifications', {
      as: 'hr',
      body: {
        staffNo: 'NOPE',
        kind: 'enforcement',
        certNo: 'X-1',
        passedOn: '2026-06-01',
        expiresOn: '2026-06-01',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/expiresOn', '/staffNo']);
    expect((await t.call('POST', '/api/v1/qualifications', { as: 'investigator', body: {} })).status).toBe(
      403,
    );
  });

  it('lists certificates expiring within N days: the last day included, an already expired one not', async () => {
    // asOf 2026-01-01 + 59 days = 2026-03-01, Q1's expiry day.
    const within = await t.call('GET', '/api/v1/qualifications/expiring?asOf=2026-01-01&withinDays=59', {
      as: 'hr',
    });
    expect(within.body.items.map((q: { certNo: string }) => q.certNo)).toEqual(['ZF-Q1-2024']);
    expect(within.body.items[0]).toMatchObject({ daysLeft: 59, unit: '双鸭山市消防救援支队' });
    const short = await t.call('GET', '/api/v1/qualifications/expiring?asOf=2026-01-01&withinDays=58', {
      as: 'hr',
    });
    expect(short.body.items).toEqual([]);
    const expired = await t.call('GET', '/api/v1/qualifications/expiring?asOf=2026-03-01&withinDays=400', {
      as: 'hr',
    });
    expect(expired.body.items.map((q: { certNo: string }) => q.certNo)).toEqual(['FZ-Q2-2024', 'FZ-Q4-2024']);
  });

  it('renews a certificate as a new one, keeps the old, and drops the renewed one from the expiring list', async () => {
    const res = await t.call('POST', '/api/v1/qualifications/ZF-Q1-2024/renewals', {
      as: 'hr',
      body: {
        certNo: 'ZF-Q1-2026',
        passedOn: '2026-02-15',
        expiresOn: '2032-02-15',
        issuer: '黑龙江省消防救援总队',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ certNo: 'ZF-Q1-2026', staffNo: 'Q1', kind: 'enforcement' });
    const old = await t.call('GET', '/api/v1/qualifications/ZF-Q1-2024', { as: 'hr' });
    expect(old.body).toMatchObject({ expiresOn: '2026-03-01', renewedBy: 'ZF-Q1-2026' });
    const onOldExpiry = await status('Q1', '2026-03-01');
    expect(onOldExpiry).toMatchObject({ status: 'may_enforce', certificate: { certNo: 'ZF-Q1-2026' } });

    const list = await t.call('GET', '/api/v1/qualifications/expiring?asOf=2026-01-01&withinDays=59', {
      as: 'hr',
    });
    expect(list.body.items).toEqual([]);
    const all = await t.call(
      'GET',
      '/api/v1/qualifications/expiring?asOf=2026-01-01&withinDays=59&includeRenewed=true',
      {
        as: 'hr',
      },
    );
    expect(all.body.items).toEqual([
      expect.objectContaining({ certNo: 'ZF-Q1-2024', renewedBy: 'ZF-Q1-2026' }),
    ]);

    const backwards = await t.call('POST', '/api/v1/qualifications/ZF-Q1-2026/renewals', {
      as: 'hr',
      body: { certNo: 'ZF-Q1-2020', passedOn: '2020-01-01', expiresOn: '2031-01-01' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/expiresOn',
      '/passedOn',
    ]);
  });

  it('corrects a certificate only with the ETag read, keeping the previous version', async () => {
    const read = await t.call('GET', '/api/v1/qualifications/FZ-Q2-2024', { as: 'hr' });
    const etag = read.headers.get('etag')!;
    const missing = await t.call('PATCH', '/api/v1/qualifications/FZ-Q2-2024', {
      as: 'hr',
      body: { level: '中级' },
    });
    expect(missing.status).toBe(428);
    const stale = await t.call('PATCH', '/api/v1/qualifications/FZ-Q2-2024', {
      as: 'hr',
      body: { level: '中级' },
      headers: { 'if-match': '"99"' },
    });
    expect(stale.status).toBe(412);
    const ok = await t.call('PATCH', '/api/v1/qualifications/FZ-Q2-2024', {
      as: 'hr',
      body: { level: '中级' },
      headers: { 'if-match': etag },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ level: '中级', version: read.body.version + 1 });
    const revisions = await t.db
      .selectFrom('revision')
      .select('version')
      .where('tableName', '=', 'qualification')
      .execute();
    expect(revisions.map((r) => r.version)).toContain(read.body.version);
  });

  it('lists certificates of one holder valid on a day', async () => {
    const res = await t.call('GET', '/api/v1/qualifications?staffNo=Q1&validOn=2026-03-01', {
      as: 'discipline',
    });
    expect(res.body.items.map((q: { certNo: string }) => q.certNo)).toEqual(['ZF-Q1-2026']);
  });
});
