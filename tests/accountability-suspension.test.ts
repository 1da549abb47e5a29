import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { isQualifiedOfficer } from '../src/qualifications/qualified.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// 停职查办 takes effect at once: the suspension an improper_gain finding creates is the same record the
// qualification check and the ENF-* rules read. In world-small, A4 (2026-05-20) has S016 and S018 as its two
// qualified officers and S017 as a civilian auxiliary; A8 (2026-02-01) has S020 (suspended), S014 and S018.

describe('the suspension of an improper_gain finding makes the officer unqualified on later actions', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  const qualifiedOn = async (staffNo: string, day: string) => {
    const staff = await t.db
      .selectFrom('staff')
      .selectAll()
      .where('staffNo', '=', staffNo)
      .executeTakeFirstOrThrow();
    const qualifications = await t.db
      .selectFrom('qualification')
      .selectAll()
      .where('staffId', '=', staff.id)
      .execute();
    const suspensions = await t.db
      .selectFrom('suspension')
      .selectAll()
      .where('staffId', '=', staff.id)
      .execute();
    return isQualifiedOfficer(
      staff,
      qualifications,
      suspensions.map((s) => ({ from: s.validFrom, to: s.validTo })),
      day,
    );
  };
  const screen = async () => {
    const res = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: '2026-06-30' },
    });
    expect(res.status).toBe(201);
    const flags = await t.call('GET', `/api/v1/screenings/${res.body.id}/flags?limit=1000`, {
      as: 'discipline',
    });
    expect(flags.status).toBe(200);
    return (flags.body.items as { rule: string; staffNo: string | null; action: string | null }[]).map(
      (f) => `${f.rule}|${f.staffNo ?? ''}|${f.action ?? ''}`,
    );
  };

  it('S018 is qualified for A4 before the finding, and A4 raises no ENF flag', async () => {
    expect(await qualifiedOn('S018', '2026-05-20')).toBe(true);
    const flags = await screen();
    expect(flags).not.toContain('ENF-TWO-PERSON||A4');
    expect(flags).not.toContain('ENF-UNQUALIFIED|S018|A4');
  });

  it('after an improper_gain finding dated 2026-05-01, S018 is unqualified on A4 but not on the earlier A8', async () => {
    const res = await t.call('POST', '/api/v1/findings', {
      as: 'discipline',
      body: {
        type: 'improper_gain',
        date: '2026-05-01',
        narrative: '利用检查职权为亲属推销消防产品',
        respondents: [
          { staffNo: 'S018', responsibility: 'direct' },
          { staffNo: 'S001', responsibility: 'leadership' },
        ],
      },
    });
    expect(res.status).toBe(201);

    expect(await qualifiedOn('S018', '2026-05-20')).toBe(false);
    expect(await qualifiedOn('S018', '2026-04-30')).toBe(true);
    expect(await qualifiedOn('S001', '2026-05-20')).toBe(true);

    const flags = await screen();
    expect(flags).toContain('ENF-UNQUALIFIED|S018|A4');
    expect(flags).toContain('ENF-TWO-PERSON||A4');
    expect(flags).toContain('ENF-UNQUALIFIED|S018|A5');
    expect(flags).not.toContain('ENF-UNQUALIFIED|S018|A8');
    expect(flags).not.toContain('ENF-TWO-PERSON||A8');
  });
});
