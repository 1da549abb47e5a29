import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const KTV = '91230502MA1B00009M'; // 双鸭山金星KTV (public venue)
const MALL = '91230502MA1B000134'; // 双鸭山万达商场 (public venue)

const counts = async (t: TestContext) => ({
  actions: Number(
    (
      await t.db
        .selectFrom('enforcementAction')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  audit: Number(
    (
      await t.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

const ruleAndPerson = (violations: { rule: string; staffNo?: string | null }[]) =>
  violations.map((v) => `${v.rule}:${v.staffNo ?? ''}`).sort();

describe('enforcement actions: two-person enforcement, qualifications and recusal before saving', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
    // 朱丽 (S018)'s mother works at the mall: recorded by an investigation.
    await importBundle(t.db, t.deps.clock, systemActor('test'), {
      format: 'coi-bundle/1',
      people: [{ ref: 'P18M', name: '朱母' }],
      kinship: [{ person: 'P18', relative: 'P18M', relation: 'parent' }],
      affiliations: [
        {
          person: 'P18M',
          org: MALL,
          role: 'employee',
          from: '2024-01-01',
          to: null,
          source: 'investigation',
        },
      ],
    });
  });
  afterAll(() => t.close());

  it('rejects an action with one qualified officer with 422 naming ENF-TWO-PERSON, and stores nothing', async () => {
    const before = await counts(t);
    const res = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'hr',
      body: { ref: 'A10', kind: 'inspection', org: KTV, on: '2026-06-20', officers: ['S014'] },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.violations).toEqual([
      expect.objectContaining({
        rule: 'ENF-TWO-PERSON',
        article: '（十一）',
        message: expect.stringContaining('S014'),
      }),
    ]);
    expect(await counts(t)).toEqual(before);
    expect((await t.call('GET', '/api/v1/enforcement/actions/A10', { as: 'hr' })).status).toBe(404);
  });

  it('does not let an HR officer override a failing check', async () => {
    const res = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'hr',
      body: {
        ref: 'A10',
        kind: 'inspection',
        org: KTV,
        on: '2026-06-20',
        officers: ['S014'],
        override: { reason: '夜间突击检查，仅一名执法人员在岗' },
      },
    });
    expect(res.status).toBe(403);
  });

  it("saves the action with a discipline officer's override, audited, and the next screening flags it", async () => {
    const res = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'discipline',
      sub: 'D-7',
      body: {
        ref: 'A10',
        kind: 'inspection',
        org: KTV,
        on: '2026-06-20',
        officers: ['S014'],
        override: { reason: '夜间突击检查，仅一名执法人员在岗' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.check.ok).toBe(false);
    expect(res.body.action).toMatchObject({ ref: 'A10', officers: ['S014'], org: KTV });
    expect(res.body.action.overrides).toEqual([
      expect.objectContaining({
        reason: '夜间突击检查，仅一名执法人员在岗',
        authorisedBy: 'D-7',
        violations: [expect.objectContaining({ rule: 'ENF-TWO-PERSON' })],
      }),
    ]);
    const audit = await t.call('GET', '/api/v1/audit?action=enforcement-action.override', { as: 'admin' });
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actor: 'D-7', objectKeys: expect.objectContaining({ action: 'A10' }) }),
    ]);

    const screening = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: '2026-06-30' },
    });
    expect(screening.status).toBe(201);
    const flags = await t.call('GET', '/api/v1/flags?rule=ENF-TWO-PERSON&limit=100', { as: 'discipline' });
    expect(flags.body.items.map((f: { action: string }) => f.action)).toContain('A10');
  });

  it('detects recusal when a relative is employed at the inspected venue', async () => {
    const team = { kind: 'inspection', org: MALL, on: '2026-07-01', officers: ['S014', 'S018'] };
    const check = await t.call('POST', '/api/v1/enforcement/check', { as: 'hr', body: team });
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.qualifiedOfficers).toBe(2);
    expect(check.body.violations).toEqual([
      expect.objectContaining({
        rule: 'ENF-RECUSAL',
        staffNo: 'S018',
        message: expect.stringContaining('朱母'),
      }),
    ]);
    const rejected = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'hr',
      body: { ref: 'A11', ...team },
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.violations).toEqual([
      expect.objectContaining({ rule: 'ENF-RECUSAL', staffNo: 'S018' }),
    ]);
  });

  it("does not ask for recusal before the relative's employment began", async () => {
    const res = await t.call('POST', '/api/v1/enforcement/check', {
      as: 'hr',
      body: { kind: 'inspection', org: MALL, on: '2023-12-31', officers: ['S014', 'S018'] },
    });
    expect(res.body).toMatchObject({ ok: true, violations: [] });
  });

  it('answers the check with the same verdict as recording would, without writing anything', async () => {
    const team = { kind: 'inspection', org: MALL, on: '2026-06-10', officers: ['S018', 'S019', 'S020'] };
    const before = await counts(t);
    const check = await t.call('POST', '/api/v1/enforcement/check', { as: 'hr', body: team });
    expect(await counts(t)).toEqual(before);
    const recorded = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'hr',
      body: { ref: 'A12', ...team },
    });
    expect(recorded.status).toBe(422);
    expect(ruleAndPerson(check.body.violations)).toEqual(ruleAndPerson(recorded.body.violations));
    // S020 is suspended, S019 a civilian whose only certificate is none at all, S018's mother works there.
    expect(ruleAndPerson(check.body.violations)).toEqual([
      'ENF-RECUSAL:S018',
      'ENF-TWO-PERSON:',
      'ENF-UNQUALIFIED:S019',
      'ENF-UNQUALIFIED:S020',
    ]);
    const s020 = check.body.participants.find((p: { staffNo: string }) => p.staffNo === 'S020');
    expect(s020).toMatchObject({
      status: 'may_not',
      reasons: [expect.objectContaining({ code: 'suspended' })],
    });
  });

  it('lists every unknown officer and organisation with its path', async () => {
    const res = await t.call('POST', '/api/v1/enforcement/check', {
      as: 'hr',
      body: {
        kind: 'inspection',
        org: '91230502MA1B0000XX',
        on: '2026-06-10',
        officers: ['S014', 'S999', 'S014'],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/officers/1',
      '/officers/2',
      '/org',
    ]);
  });

  it('refuses a second action with the same ref and keeps the first', async () => {
    const res = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'hr',
      body: { ref: 'A1', kind: 'inspection', org: KTV, on: '2026-06-10', officers: ['S013', 'S002'] },
    });
    expect(res.status).toBe(409);
    const a1 = await t.call('GET', '/api/v1/enforcement/actions/A1', { as: 'investigator' });
    expect(a1.body).toMatchObject({ ref: 'A1', on: '2026-02-10', officers: ['S013', 'S002'], overrides: [] });
  });

  it('records a clean team without an override', async () => {
    const res = await t.call('POST', '/api/v1/enforcement/actions', {
      as: 'hr',
      body: {
        ref: 'A13',
        kind: 'inspection',
        org: KTV,
        on: '2026-06-25',
        officers: ['S014', 'S018', 'S017'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.check).toMatchObject({ ok: true, qualifiedOfficers: 2 });
    const s017 = res.body.check.participants.find((p: { staffNo: string }) => p.staffNo === 'S017');
    expect(s017).toMatchObject({ status: 'may_assist', countsTowardsTwo: false });
    const list = await t.call('GET', '/api/v1/enforcement/actions?staffNo=S017&limit=10', {
      as: 'discipline',
    });
    expect(list.body.items.map((a: { ref: string }) => a.ref)).toEqual(['A13', 'A4']);
  });
});

describe('the enforcement check agrees with the screening rules', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('judges each fixture action as the screening of world-small does', async () => {
    const bundle = loadFixture('world-small.json');
    const expected = loadFixture('world-small.expected.json').flags.filter((f: { rule: string }) =>
      f.rule.startsWith('ENF-'),
    );
    for (const action of bundle.enforcementActions.filter((a: { on: string }) => a.on <= '2026-06-30')) {
      const res = await t.call('POST', '/api/v1/enforcement/check', {
        as: 'discipline',
        body: { kind: action.kind, org: action.org, on: action.on, officers: action.officers },
      });
      const want = expected
        .filter((f: { action: string }) => f.action === action.ref)
        .map((f: { rule: string; staffNo: string | null }) => `${f.rule}:${f.staffNo ?? ''}`)
        .sort();
      expect({ action: action.ref, found: ruleAndPerson(res.body.violations) }).toEqual({
        action: action.ref,
        found: want,
      });
    }
  });
});
