import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const world = loadFixture('world-small.json');

describe('the discipline office reviews declarations', () => {
  let t: TestContext;
  const review = (staffNo: string, year: number) =>
    t.call('GET', `/api/v1/declarations/${staffNo}/${year}/review`, { as: 'discipline', sub: 'D07' });
  const decide = (staffNo: string, year: number, ifMatch: string | null, body: unknown) =>
    t.call('POST', `/api/v1/declarations/${staffNo}/${year}/review`, {
      as: 'discipline',
      sub: 'D07',
      ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
      body,
    });
  const submit = (staffNo: string, body: unknown) =>
    t.call('POST', `/api/v1/declarations/${staffNo}/2026/submissions`, { as: 'staff', sub: staffNo, body });

  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), world);
    expect((await t.call('POST', '/api/v1/campaigns', { as: 'admin', body: { year: 2026 } })).status).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  it('marks a known tie the declaration leaves out as 未报, one that counts towards DECL-UNDECLARED', async () => {
    const res = await review('S013', 2025);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body.relatives.map((r: any) => [r.person, r.declared, r.known, r.label])).toEqual([
      ['P13C', 'child', 'child', '一致'],
      ['P24', 'spouse', 'spouse', '一致'],
    ]);
    expect(res.body.ties).toMatchObject([
      {
        person: 'P13C',
        relation: 'child',
        org: '91230502MA1B00010T',
        orgKind: 'technical_service_maintenance',
        declared: [],
        known: [{ role: 'owner', source: 'registry' }],
        mark: 'missing',
        label: '未报',
        countsForUndeclared: true,
      },
    ]);
    expect(res.body.summary).toEqual({ missing: 1, differs: 0, new: 0, matches: 2 });
    const audit = await t.call('GET', '/api/v1/audit?action=read-declaration-review', { as: 'admin' });
    expect(audit.body.items[0]).toMatchObject({ actor: 'D07', objectKeys: { staffNo: 'S013', year: 2025 } });
  });

  it('shows what matches, and a close relative the declaration leaves out', async () => {
    const res = await review('S024', 2025);
    expect(res.body.relatives.map((r: any) => [r.person, r.label])).toEqual([
      ['P13', '未报'],
      ['P13C', '一致'],
    ]);
    expect(res.body.ties.map((x: any) => [x.person, x.org, x.label])).toEqual([
      ['P13C', '91230502MA1B00010T', '一致'],
    ]);
  });

  it('marks a different role as 不一致 and an unknown tie as 新报', async () => {
    const res = await submit('S005', {
      items: [
        { type: 'affiliation', person: 'P5', org: '51230500MJ0000005E', role: 'member' },
        {
          type: 'affiliation',
          person: 'P5',
          org: '51230100MJ0000006W',
          role: 'consultant',
          from: '2026-02-01',
        },
      ],
      nothingToReport: false,
    });
    expect(res.status).toBe(201);
    const view = await review('S005', 2026);
    expect(
      view.body.ties.map((x: any) => [
        x.org,
        x.declared.map((d: any) => d.role),
        x.known.map((k: any) => k.role),
        x.label,
      ]),
    ).toEqual([
      ['51230100MJ0000006W', ['consultant'], [], '新报'],
      ['51230500MJ0000005E', ['member'], ['director'], '不一致'],
    ]);
  });

  it('accepts only the version the reviewer read, once', async () => {
    expect((await decide('S005', 2026, null, { decision: 'accepted' })).status).toBe(428);
    expect((await decide('S005', 2026, '"7"', { decision: 'accepted' })).status).toBe(412);
    const ok = await decide('S005', 2026, '"1"', { decision: 'accepted' });
    expect(ok.status).toBe(201);
    expect(ok.body.review).toMatchObject({
      version: 1,
      decision: 'accepted',
      reviewedBy: 'D07',
      reviewedOn: '2026-06-30',
    });
    const twice = await decide('S005', 2026, '"1"', { decision: 'returned', comment: '再看' });
    expect(twice.status).toBe(409);
  });

  it('records every declared tie not yet on file as source `declaration` on acceptance, each audited', async () => {
    const accepted = await t.call('GET', '/api/v1/declarations/S005/2026', { as: 'admin' });
    expect(accepted.body.review.status).toBe('accepted');
    const rows = await t.db
      .selectFrom('affiliation')
      .innerJoin('person', 'person.id', 'affiliation.personId')
      .innerJoin('organization', 'organization.id', 'affiliation.orgId')
      .select(['organization.creditCode', 'affiliation.role', 'affiliation.source', 'affiliation.validFrom'])
      .where('person.ref', '=', 'P5')
      .orderBy('affiliation.id')
      .execute();
    expect(rows).toEqual([
      { creditCode: '51230500MJ0000005E', role: 'director', source: 'registry', validFrom: '2024-03-01' },
      { creditCode: '51230500MJ0000005E', role: 'member', source: 'declaration', validFrom: null },
      {
        creditCode: '51230100MJ0000006W',
        role: 'consultant',
        source: 'declaration',
        validFrom: '2026-02-01',
      },
    ]);
    const audit = await t.call('GET', '/api/v1/audit?action=create-affiliation&actor=D07', { as: 'admin' });
    expect(
      audit.body.items.map((a: any) => [a.objectKeys.org, a.objectKeys.source, a.objectKeys.declaration]),
    ).toEqual([
      ['51230100MJ0000006W', 'declaration', { staffNo: 'S005', year: 2026, version: 1 }],
      ['51230500MJ0000005E', 'declaration', { staffNo: 'S005', year: 2026, version: 1 }],
    ]);
    // Now on file, the declared ties match what is known.
    const after = await review('S005', 2026);
    expect(after.body.ties.map((x: any) => x.label)).toEqual(['一致', '不一致']);
  });

  it('on acceptance records a new relative, their tie and a new organisation; nothing already on file twice', async () => {
    const submitted = await submit('S001', {
      items: [
        { type: 'relative', person: 'P1W', relation: 'spouse' },
        { type: 'relative', person: 'new:brother', relation: 'sibling', name: '张建军' },
        {
          type: 'affiliation',
          person: 'P1W',
          org: '91230502MA1B00001W',
          role: 'shareholder',
          from: '2019-04-01',
        },
        {
          type: 'affiliation',
          person: 'new:brother',
          org: '91230502MA1B000903',
          role: 'partner',
          share: 30,
          from: '2026-05-01',
          orgName: '双鸭山众诚消防工程合伙企业',
          orgKind: 'fire_engineering',
          orgRegion: '230502',
        },
      ],
      nothingToReport: false,
    });
    expect(submitted.status).toBe(201);
    const res = await decide('S001', 2026, '"1"', { decision: 'accepted', comment: '核实无误' });
    expect(res.status).toBe(201);
    expect(res.body.recorded.map((r: any) => [r.kind, r.item])).toEqual([
      ['kinship', '/items/1'],
      ['organization', '/items/3'],
      ['affiliation', '/items/3'],
    ]);
    expect(res.body.alreadyRecorded.map((r: any) => [r.kind, r.item])).toEqual([
      ['kinship', '/items/0'],
      ['affiliation', '/items/2'],
    ]);
    const kin = await t.db
      .selectFrom('kinship')
      .innerJoin('person', 'person.id', 'kinship.relativeId')
      .select(['person.ref', 'person.name', 'kinship.relation'])
      .where('kinship.id', '=', res.body.recorded[0].id)
      .executeTakeFirst();
    expect(kin).toEqual({ ref: 'D2026-S001-1', name: '张建军', relation: 'sibling' });
    const org = await t.db
      .selectFrom('organization')
      .select(['name', 'kind', 'region'])
      .where('creditCode', '=', '91230502MA1B000903')
      .executeTakeFirst();
    expect(org).toEqual({ name: '双鸭山众诚消防工程合伙企业', kind: 'fire_engineering', region: '230502' });
    const stored = await t.db
      .selectFrom('declarationReview')
      .select('recorded')
      .where('id', '=', res.body.review.id);
    expect((await stored.executeTakeFirstOrThrow()).recorded).toHaveLength(3);
    // The new brother is now a recorded close relative: next year's pre-fill offers him and his firm.
    await t.call('POST', '/api/v1/campaigns', { as: 'admin', body: { year: 2027 } });
    const next = await t.call('GET', '/api/v1/declarations/S001/2027/prefill', { as: 'discipline' });
    expect(next.body.ties.map((x: any) => [x.person, x.org, x.source])).toContainEqual([
      'D2026-S001-1',
      '91230502MA1B000903',
      'declaration',
    ]);
  });

  it('returns a declaration for correction with a comment; the staff member sees it and amends', async () => {
    const first = await submit('S004', {
      items: [{ type: 'relative', person: 'P4H', relation: 'spouse' }],
      nothingToReport: true,
    });
    expect(first.status).toBe(201);
    const view = await review('S004', 2026);
    expect(view.body.ties.map((x: any) => [x.person, x.label, x.countsForUndeclared])).toEqual([
      ['P4H', '未报', true],
    ]);
    expect((await decide('S004', 2026, '"1"', { decision: 'returned' })).status).toBe(400);
    const returned = await decide('S004', 2026, '"1"', {
      decision: 'returned',
      comment: '配偶黄海任北方消防工程有限公司法定代表人，未申报',
    });
    expect(returned.status).toBe(201);
    expect(returned.body.recorded).toEqual([]);
    const mine = await t.call('GET', '/api/v1/campaigns/2026', { as: 'staff', sub: 'S004' });
    expect(mine.body.mine).toMatchObject({
      review: 'returned',
      reviewComment: '配偶黄海任北方消防工程有限公司法定代表人，未申报',
    });

    const draft = await t.call('POST', '/api/v1/declarations/S004/2026/draft', { as: 'staff', sub: 'S004' });
    expect(draft.body.items.map((i: any) => [i.type, i.person, i.basis.known])).toEqual([
      ['relative', 'P4H', true],
      ['affiliation', 'P4H', true],
    ]);
    const amended = await t.call('POST', '/api/v1/declarations/S004/2026/submissions', {
      as: 'staff',
      sub: 'S004',
      body: { items: draft.body.items, nothingToReport: false, amendmentReason: '按审核意见补报配偶任职' },
    });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ version: 2, review: { status: 'pending' } });
    const again = await review('S004', 2026);
    expect(again.body.ties.map((x: any) => x.label)).toEqual(['一致']);
    expect(again.body.reviews.map((r: any) => [r.version, r.decision])).toEqual([[1, 'returned']]);
    expect((await decide('S004', 2026, '"1"', { decision: 'accepted' })).status).toBe(412);
    expect((await decide('S004', 2026, '"2"', { decision: 'accepted' })).status).toBe(201);
  });

  it('lists declarations by review status for the office', async () => {
    const pending = await t.call('GET', '/api/v1/declarations?year=2026&review=pending', {
      as: 'discipline',
    });
    const accepted = await t.call('GET', '/api/v1/declarations?year=2026&review=accepted', {
      as: 'discipline',
    });
    expect(pending.body.items).toEqual([]);
    expect(accepted.body.items.map((d: any) => d.staffNo).sort()).toEqual(['S001', 'S004', 'S005']);
    const all2025 = await t.call('GET', '/api/v1/declarations?year=2025&limit=1000', { as: 'admin' });
    expect(all2025.body.items).toHaveLength(world.declarations.length);
  });

  it('is for the offices only, and no one reviews their own declaration', async () => {
    expect(
      (await t.call('GET', '/api/v1/declarations/S013/2025/review', { as: 'staff', sub: 'S013' })).status,
    ).toBe(403);
    expect((await t.call('GET', '/api/v1/declarations/S013/2025/review', { as: 'hr' })).status).toBe(403);
    const own = await t.call('POST', '/api/v1/declarations/S013/2025/review', {
      as: ['discipline', 'staff'],
      sub: 'S013',
      headers: { 'if-match': '"1"' },
      body: { decision: 'accepted' },
    });
    expect(own.status).toBe(403);
  });
});
