import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// 执法质量终身负责: an enforcement action's officers answer for it forever, whether or not they still serve.

describe('lifetime responsibility for enforcement actions', () => {
  let t: TestContext;
  let findingId: string;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
    // An inspection of 2019 by S008 (resigned 2023-02-28) and S013 (still serving).
    await importBundle(t.db, t.deps.clock, systemActor('test'), {
      format: 'coi-bundle/1',
      enforcementActions: [
        {
          ref: 'A-2019-031',
          kind: 'penalty',
          org: '91230502MA1B000134',
          on: '2019-03-15',
          officers: ['S008', 'S013'],
        },
      ],
    });
    const res = await t.call('POST', '/api/v1/findings', {
      as: 'discipline',
      body: {
        type: 'unlawful_penalty',
        date: '2026-03-01',
        narrative: '2019年行政处罚适用依据错误，当事人已离职',
        concerns: { actions: ['A-2019-031'] },
        respondents: [
          { staffNo: 'S008', responsibility: 'direct' },
          { staffNo: 'S013', responsibility: 'leadership' },
        ],
      },
    });
    expect(res.status).toBe(201);
    findingId = res.body.id;
  });
  afterAll(() => t.close());

  it('lists an old action’s officers, a departed one included, and the findings on it', async () => {
    const res = await t.call('GET', '/api/v1/enforcement-actions/A-2019-031/responsible', {
      as: 'investigator',
    });
    expect(res.status).toBe(200);
    expect(res.body.action).toEqual({
      ref: 'A-2019-031',
      kind: 'penalty',
      on: '2019-03-15',
      org: { creditCode: '91230502MA1B000134', name: expect.any(String) },
    });
    expect(res.body.officers).toEqual([
      expect.objectContaining({
        staffNo: 'S008',
        departedOn: '2023-02-28',
        departureKind: 'resigned',
        former: true,
      }),
      expect.objectContaining({ staffNo: 'S013', departedOn: null, former: false }),
    ]);
    expect(res.body.officers[0].name).toBe('吴刚');
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        id: findingId,
        type: 'unlawful_penalty',
        respondents: [
          { staffNo: 'S008', responsibility: 'direct' },
          { staffNo: 'S013', responsibility: 'leadership' },
        ],
      }),
    ]);
  });

  it('lists an action with no findings and its officers', async () => {
    const res = await t.call('GET', '/api/v1/enforcement-actions/A8/responsible', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.officers.map((o: { staffNo: string }) => o.staffNo)).toEqual(['S020', 'S014', 'S018']);
    expect(res.body.findings).toEqual([]);
  });

  it('shows a departed officer every action they took part in and every finding against them', async () => {
    const res = await t.call('GET', '/api/v1/staff/S008/responsibility', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.person).toEqual({ ref: 'P8', name: '吴刚' });
    expect(res.body.staff).toEqual([expect.objectContaining({ staffNo: 'S008', former: true })]);
    expect(res.body.actions).toEqual([
      expect.objectContaining({
        ref: 'A-2019-031',
        on: '2019-03-15',
        officers: ['S008', 'S013'],
        findings: [findingId],
      }),
    ]);
    expect(res.body.findings).toEqual([
      expect.objectContaining({ id: findingId, staffNo: 'S008', responsibility: 'direct', status: 'open' }),
    ]);
    const byPerson = await t.call('GET', '/api/v1/people/P8/responsibility', { as: 'admin' });
    expect(byPerson.status).toBe(200);
    expect(byPerson.body).toEqual(res.body);
  });

  it('shows a serving officer’s actions of every age, newest first', async () => {
    const res = await t.call('GET', '/api/v1/staff/S013/responsibility', { as: 'investigator' });
    expect(res.body.actions.map((a: { ref: string }) => a.ref)).toEqual(['A1', 'A7', 'A-2019-031']);
    expect(res.body.findings).toEqual([
      expect.objectContaining({ id: findingId, responsibility: 'leadership' }),
    ]);
  });

  it('finds the findings on an action through a flag raised on it', async () => {
    const screening = await t.db
      .insertInto('screening')
      .values({ asOf: '2026-06-30', triggeredBy: 'test', counts: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const flag = await t.db
      .insertInto('flag')
      .values({
        rule: 'ENF-TWO-PERSON',
        flagKey: 'ENF-TWO-PERSON|A2',
        severity: 'violation',
        status: 'confirmed',
        action: 'A2',
        citation: JSON.stringify({ article: '（十一）', text: '双人执法' }),
        evidence: JSON.stringify({ paths: [] }),
        firstSeenIn: screening.id,
        lastSeenIn: screening.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await t.call('POST', '/api/v1/findings', {
      as: 'discipline',
      body: {
        type: 'misconduct',
        date: '2026-06-10',
        narrative: '单人执法检查',
        concerns: { flags: [flag.id] },
        respondents: [{ staffNo: 'S014', responsibility: 'direct' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.concerns.flags).toEqual([flag.id]);
    const res = await t.call('GET', '/api/v1/enforcement-actions/A2/responsible', { as: 'discipline' });
    expect(res.body.findings.map((f: { id: string }) => f.id)).toEqual([created.body.id]);
  });

  it('answers 404 for unknown keys and keeps HR and staff out', async () => {
    expect(
      (await t.call('GET', '/api/v1/enforcement-actions/NOPE/responsible', { as: 'admin' })).status,
    ).toBe(404);
    expect((await t.call('GET', '/api/v1/staff/S999/responsibility', { as: 'admin' })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/people/NOPE/responsibility', { as: 'admin' })).status).toBe(404);
    for (const role of ['hr', 'staff'] as const) {
      expect((await t.call('GET', '/api/v1/enforcement-actions/A1/responsible', { as: role })).status).toBe(
        403,
      );
      expect(
        (await t.call('GET', '/api/v1/staff/S013/responsibility', { as: role, sub: 'S013' })).status,
      ).toBe(403);
    }
  });
});
