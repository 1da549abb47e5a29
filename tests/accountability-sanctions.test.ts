import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSanctions } from '../src/accountability/sanctions.ts';
import { DEFAULT_SANCTION_MONTHS, sanctionEndDay } from '../src/accountability/sanction-policy.ts';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// Sanctions 政务处分 and their effect periods (十三, 公职人员政务处分法): end day = start + N months, half-open.

describe('sanction effect periods', () => {
  it('ends a sanction N calendar months after it starts, clamped to month end', () => {
    expect(sanctionEndDay('2025-08-31', 6)).toBe('2026-02-28');
    expect(sanctionEndDay('2023-08-31', 6)).toBe('2024-02-29');
    expect(sanctionEndDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(sanctionEndDay('2026-03-15', 12)).toBe('2027-03-15');
    expect(sanctionEndDay('2024-02-29', 24)).toBe('2026-02-28');
  });

  it('defaults to the periods of RULES.md', () => {
    expect(DEFAULT_SANCTION_MONTHS).toEqual({
      warning: 6,
      demerit: 12,
      major_demerit: 18,
      downgrade: 24,
      removal: 24,
      expulsion: null,
    });
  });
});

describe('a person’s sanctions, as HR and the promotion checks see them', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
    const record = async (body: unknown) => {
      const res = await t.call('POST', '/api/v1/findings', { as: 'discipline', body });
      expect(res.status).toBe(201);
      return res.body;
    };
    ids.warning = (
      await record({
        type: 'delay',
        date: '2025-08-01',
        narrative: '火灾隐患举报逾期未核查',
        respondents: [
          {
            staffNo: 'S002',
            responsibility: 'direct',
            sanctions: [{ measure: 'warning', from: '2025-08-31' }],
          },
        ],
      })
    ).id;
    ids.demerit = (
      await record({
        type: 'unlawful_approval',
        date: '2026-01-10',
        narrative: '违规通过消防验收',
        respondents: [
          {
            staffNo: 'S014',
            responsibility: 'direct',
            handling: [{ measure: 'reassignment', on: '2026-01-20' }],
            sanctions: [{ measure: 'major_demerit', from: '2026-01-31' }],
          },
          {
            staffNo: 'S005',
            responsibility: 'leadership',
            handling: [{ measure: 'admonishment', on: '2026-01-20' }],
          },
        ],
      })
    ).id;
    ids.expulsion = (
      await record({
        type: 'corruption',
        date: '2026-02-01',
        narrative: '受贿',
        respondents: [
          {
            staffNo: 'S012',
            responsibility: 'direct',
            sanctions: [{ measure: 'expulsion', from: '2026-03-01' }],
          },
        ],
      })
    ).id;
  });
  afterAll(() => t.close());

  const sanctionsOf = (
    staffNo: string,
    asOf: string,
    as: 'hr' | 'discipline' | 'staff' = 'hr',
    sub?: string,
  ) => t.call('GET', `/api/v1/staff/${staffNo}/sanctions?asOf=${asOf}`, { as, ...(sub ? { sub } : {}) });

  it('records the end day with the sanction: a warning from 2025-08-31 ends on 2026-02-28', async () => {
    const finding = await t.call('GET', `/api/v1/findings/${ids.warning}`, { as: 'discipline' });
    expect(finding.body.respondents[0].sanctions).toEqual([
      { measure: 'warning', from: '2025-08-31', months: 6, until: '2026-02-28', note: null },
    ]);
  });

  it('is in effect the day before its end day and not on it', async () => {
    const dayBefore = await sanctionsOf('S002', '2026-02-27');
    expect(dayBefore.status).toBe(200);
    expect(dayBefore.body).toMatchObject({
      staffNo: 'S002',
      asOf: '2026-02-27',
      promotionBlocked: true,
      ended: [],
    });
    expect(dayBefore.body.active).toEqual([
      expect.objectContaining({ measure: 'warning', label: '警告', from: '2025-08-31', until: '2026-02-28' }),
    ]);
    const endDay = await sanctionsOf('S002', '2026-02-28');
    expect(endDay.body).toMatchObject({ promotionBlocked: false, active: [] });
    expect(endDay.body.ended).toEqual([expect.objectContaining({ measure: 'warning', until: '2026-02-28' })]);
    const beforeStart = await sanctionsOf('S002', '2025-08-30');
    expect(beforeStart.body).toMatchObject({ promotionBlocked: false, active: [] });
    expect(beforeStart.body.upcoming).toHaveLength(1);
  });

  it('gives the rotation planner and promotion checks the sanctions in effect on a day', async () => {
    const staff = ['S002', 'S014', 'S005', 'S012', 'S001'];
    const onDay = await activeSanctions(t.db, staff, '2026-02-27');
    expect([...onDay.keys()].sort()).toEqual(['S002', 'S014']);
    expect(onDay.get('S014')).toEqual([
      {
        staffNo: 'S014',
        findingId: ids.demerit,
        findingType: 'unlawful_approval',
        measure: 'major_demerit',
        from: '2026-01-31',
        months: 18,
        until: '2027-07-31',
        note: null,
      },
    ]);
    // Organisational handling (admonishment of S005) is not a sanction.
    const later = await activeSanctions(t.db, staff, '2026-02-28');
    expect([...later.keys()].sort()).toEqual(['S014']);
    expect([...(await activeSanctions(t.db, staff, '2027-07-30')).keys()].sort()).toEqual(['S012', 'S014']);
    expect([...(await activeSanctions(t.db, staff, '2027-07-31')).keys()]).toEqual(['S012']);
    expect(await activeSanctions(t.db, [], '2026-01-01')).toEqual(new Map());
  });

  it('keeps expulsion (开除) in effect without an end', async () => {
    const res = await sanctionsOf('S012', '2099-12-31');
    expect(res.body.promotionBlocked).toBe(true);
    expect(res.body.active).toEqual([
      expect.objectContaining({ measure: 'expulsion', from: '2026-03-01', until: null, months: null }),
    ]);
  });

  it('takes the effect period from the policy in force, and keeps the recorded one through corrections', async () => {
    const changed = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { values: { sanctionMonths: { warning: 3 } }, reason: '试行三个月警告期' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.values.sanctionMonths).toMatchObject({ warning: 3, demerit: 12, expulsion: null });
    const created = await t.call('POST', '/api/v1/findings', {
      as: 'discipline',
      body: {
        type: 'delay',
        date: '2026-04-01',
        narrative: '审批超时',
        respondents: [
          {
            staffNo: 'S003',
            responsibility: 'direct',
            sanctions: [{ measure: 'warning', from: '2026-04-15' }],
          },
        ],
      },
    });
    expect(created.body.respondents[0].sanctions[0]).toMatchObject({ months: 3, until: '2026-07-15' });

    // A correction that leaves the 2025 warning as it was keeps its six months.
    const old = await t.call('GET', `/api/v1/findings/${ids.warning}`, { as: 'discipline' });
    const revised = await t.call('PUT', `/api/v1/findings/${ids.warning}`, {
      as: 'discipline',
      headers: { 'if-match': old.headers.get('etag')! },
      body: {
        type: 'delay',
        date: '2025-08-01',
        narrative: '火灾隐患举报逾期未核查（补充情节）',
        respondents: [
          {
            staffNo: 'S002',
            responsibility: 'direct',
            sanctions: [{ measure: 'warning', from: '2025-08-31' }],
          },
        ],
        reason: '补充情节',
      },
    });
    expect(revised.status).toBe(200);
    expect(revised.body.respondents[0].sanctions[0]).toMatchObject({ months: 6, until: '2026-02-28' });
  });

  it('drops a sanction withdrawn by a correction from the active record', async () => {
    const old = await t.call('GET', `/api/v1/findings/${ids.demerit}`, { as: 'discipline' });
    const revised = await t.call('PUT', `/api/v1/findings/${ids.demerit}`, {
      as: 'discipline',
      headers: { 'if-match': old.headers.get('etag')! },
      body: {
        type: 'unlawful_approval',
        date: '2026-01-10',
        narrative: '违规通过消防验收',
        respondents: [
          {
            staffNo: 'S014',
            responsibility: 'direct',
            handling: [{ measure: 'criticism', on: '2026-01-20' }],
          },
        ],
        reason: '复议后改为批评教育',
      },
    });
    expect(revised.status).toBe(200);
    expect((await activeSanctions(t.db, ['S014'], '2026-06-30')).has('S014')).toBe(false);
    const versions = await t.call('GET', `/api/v1/findings/${ids.demerit}/versions`, { as: 'discipline' });
    expect(versions.body.items[0].finding.respondents[0].sanctions[0].measure).toBe('major_demerit');
  });

  it('shows a staff member their own sanctions only; HR and discipline see anyone’s', async () => {
    expect((await sanctionsOf('S012', '2026-06-30', 'staff', 'S012')).status).toBe(200);
    expect((await sanctionsOf('S012', '2026-06-30', 'staff', 'S013')).status).toBe(404);
    expect((await sanctionsOf('S012', '2026-06-30', 'discipline')).status).toBe(200);
    expect((await sanctionsOf('S999', '2026-06-30', 'hr')).status).toBe(404);
    const today = await t.call('GET', '/api/v1/staff/S012/sanctions', { as: 'hr' });
    expect(today.body.asOf).toBe('2026-06-30');
    expect((await t.call('GET', '/api/v1/staff/S012/sanctions?asOf=2026-02-30', { as: 'hr' })).status).toBe(
      400,
    );
  });
});
