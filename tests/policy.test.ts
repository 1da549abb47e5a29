import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

describe('the screening policy', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('starts from the values of RULES.md, as version 0', async () => {
    const res = await t.call('GET', '/api/v1/policy', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 0,
      values: {
        closeRelatives: ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'],
        maxOwnershipHops: 3,
        revolvingDoorYears: { leader_cadre: 5, enforcement_cadre: 5, cadre: 3, firefighter: 3, civilian: 3 },
        covertWindowYears: 1,
      },
    });
  });

  it('changes by a new version with who, when and why, audited, leaving other values as they were', async () => {
    const res = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      sub: 'admin-wang',
      body: { values: { maxOwnershipHops: 4 }, reason: '省厅通知：股权穿透四层' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      createdBy: 'admin-wang',
      reason: '省厅通知：股权穿透四层',
      values: { maxOwnershipHops: 4, covertWindowYears: 1 },
    });
    const versions = await t.call('GET', '/api/v1/policy/versions', { as: 'admin' });
    expect(versions.body.items.map((v: any) => v.version)).toEqual([1, 0]);
    const audit = await t.call('GET', '/api/v1/audit?action=policy.change', { as: 'admin' });
    expect(audit.body.items).toHaveLength(1);
  });

  it('is used by the next screening, which records the version and shows it in the evidence', async () => {
    const s = await t.call('POST', '/api/v1/screenings', { as: 'admin', body: { asOf: '2026-06-30' } });
    expect(s.body.policyVersion).toBe(1);
    const res = await t.call('GET', '/api/v1/flags?rule=COI-RELATIVE-BUSINESS&staffNo=S021&limit=10', {
      as: 'discipline',
    });
    // With four hops the brother's chain now reaches the engineering firm on the 4th hop too.
    expect(res.body.items.map((f: any) => f.org).sort()).toEqual([
      '91230521MA1B000171',
      '91230521MA1B000184',
    ]);
    expect(res.body.items[0].evidence.policy).toMatchObject({ version: 1, maxOwnershipHops: 4 });
  });

  it('rejects unknown values, out-of-range values and a change without a reason, naming each', async () => {
    const res = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { values: { maxOwnershipHops: -1, closeRelatives: ['spouse', 'cousin'], bogus: true } },
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: any) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/values/maxOwnershipHops', '/values/closeRelatives/1', '/reason']),
    );
    const empty = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { values: {}, reason: 'nothing' },
    });
    expect(empty.status).toBe(400);
  });

  it('is changed by admins only, and read by the offices', async () => {
    for (const role of ['discipline', 'hr', 'investigator', 'staff'] as const) {
      const res = await t.call('PUT', '/api/v1/policy', {
        as: role,
        body: { values: { covertWindowYears: 2 }, reason: 'x' },
      });
      expect(res.status).toBe(403);
    }
    expect((await t.call('GET', '/api/v1/policy', { as: 'staff' })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/policy', { as: 'hr' })).status).toBe(200);
  });
});
