import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const world = loadFixture('world-small.json');

// The expectation, read straight off the fixture with RULES.md's vocabulary: close relatives are kinship records
// (either direction) with a relation in the default set; declarable ties are affiliations of the staff member or
// a close relative, in a fire-industry firm, an industry association or an intermediary, active in the year.
const CLOSE = new Set(['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild']);
const INVERSE: Record<string, string> = {
  spouse: 'spouse',
  parent: 'child',
  child: 'parent',
  sibling: 'sibling',
  grandparent: 'grandchild',
  grandchild: 'grandparent',
};
const DECLARABLE = new Set([
  'fire_engineering',
  'technical_service_maintenance',
  'technical_service_assessment',
  'fire_product',
  'industry_association',
  'intermediary',
]);

function expectedFor(staffNo: string, year: number) {
  const person = world.staff.find((s: any) => s.staffNo === staffNo).person;
  const relatives: [string, string][] = [];
  for (const k of world.kinship) {
    if (k.person === person && CLOSE.has(k.relation)) relatives.push([k.relative, k.relation]);
    if (k.relative === person && CLOSE.has(k.relation)) relatives.push([k.person, INVERSE[k.relation]!]);
  }
  const people = new Set([person, ...relatives.map(([p]) => p)]);
  const kind = new Map(world.organizations.map((o: any) => [o.creditCode, o.kind]));
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const ties = world.affiliations
    .filter(
      (a: any) =>
        people.has(a.person) &&
        DECLARABLE.has(kind.get(a.org) as string) &&
        (a.from === null || a.from < to) &&
        (a.to === null || a.to > from),
    )
    .map((a: any) => [a.person, a.org, a.role, a.source]);
  return { person, relatives: relatives.sort(), ties: ties.sort() };
}

describe('a declaration pre-filled from what the records know', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), world);
  });
  afterAll(() => t.close());

  for (const staffNo of ['S001', 'S013']) {
    it(`holds exactly ${staffNo}'s recorded close relatives and declarable ties, each with its source`, async () => {
      const expected = expectedFor(staffNo, 2025);
      const res = await t.call('GET', `/api/v1/declarations/${staffNo}/2025/prefill`, {
        as: 'staff',
        sub: staffNo,
      });
      expect(res.status).toBe(200);
      expect(res.body.self.person).toBe(expected.person);
      expect(res.body.relatives.map((r: any) => [r.person, r.relation]).sort()).toEqual(expected.relatives);
      expect(res.body.ties.map((x: any) => [x.person, x.org, x.role, x.source]).sort()).toEqual(
        expected.ties,
      );
      // The draft items: one per close relative, one per tie, each marked known with its source.
      const items = res.body.items;
      expect(
        items
          .filter((i: any) => i.type === 'relative')
          .map((i: any) => [i.person, i.relation])
          .sort(),
      ).toEqual(expected.relatives);
      expect(
        items
          .filter((i: any) => i.type === 'affiliation')
          .map((i: any) => [i.person, i.org, i.role, i.basis.sources[0]])
          .sort(),
      ).toEqual(expected.ties);
      expect(items.every((i: any) => i.basis.known)).toBe(true);
    });
  }

  it('matches what a reader of the fixture sees for S001 and S013', async () => {
    const s001 = await t.call('GET', '/api/v1/declarations/S001/2025/prefill', { as: 'discipline' });
    expect(s001.body.ties).toMatchObject([
      {
        person: 'P1W',
        relation: 'spouse',
        org: '91230502MA1B00001W',
        role: 'shareholder',
        source: 'registry',
      },
    ]);
    const s013 = await t.call('GET', '/api/v1/declarations/S013/2025/prefill', { as: 'discipline' });
    // P24 (spouse) holds shares only in a trading company of kind `other`: not declarable, not pre-filled.
    expect(s013.body.relatives.map((r: any) => [r.person, r.relation])).toEqual([
      ['P13C', 'child'],
      ['P24', 'spouse'],
    ]);
    expect(s013.body.ties.map((x: any) => [x.person, x.org, x.role, x.countsForUndeclared])).toEqual([
      ['P13C', '91230502MA1B00010T', 'owner', true],
    ]);
  });

  it('reads a relative recorded the other way round with the relation inverted, and leaves out in-laws', async () => {
    // P3W's parent P3F is P3's spouse_parent: recorded, but not a close relative of S003.
    const s003 = await t.call('GET', '/api/v1/declarations/S003/2025/prefill', { as: 'admin' });
    expect(s003.body.relatives.map((r: any) => r.person)).toEqual(['P3W']);
    // P3's own association membership is declarable and pre-filled, though a membership is not a post.
    expect(s003.body.ties.map((x: any) => [x.person, x.role, x.countsForUndeclared])).toEqual([
      ['P3', 'member', false],
    ]);
    // P24 is recorded only as P13C's parent and P13's spouse; seen from S024 (P24), P13C is a child.
    const s024 = await t.call('GET', '/api/v1/declarations/S024/2025/prefill', { as: 'admin' });
    expect(s024.body.relatives.map((r: any) => [r.person, r.relation])).toEqual([
      ['P13', 'spouse'],
      ['P13C', 'child'],
    ]);
  });

  it('writes every pre-fill read to the audit trail, naming whose relatives it disclosed', async () => {
    await t.call('GET', '/api/v1/declarations/S013/2025/prefill', { as: 'staff', sub: 'S013' });
    const audit = await t.call('GET', '/api/v1/audit?action=read-declaration-prefill&actor=S013', {
      as: 'admin',
    });
    expect(audit.body.items[0].objectKeys).toEqual({
      staffNo: 'S013',
      year: 2025,
      people: ['P13', 'P13C', 'P24'],
    });
  });

  it('is not there for another staff member, or for a year without a campaign that covers them', async () => {
    const other = await t.call('GET', '/api/v1/declarations/S001/2025/prefill', { as: 'staff', sub: 'S013' });
    const noCampaign = await t.call('GET', '/api/v1/declarations/S013/2019/prefill', {
      as: 'staff',
      sub: 'S013',
    });
    expect(other.status).toBe(404);
    expect(noCampaign.status).toBe(404);
    expect(other.body.title).toBe(noCampaign.body.title);
    expect(other.body.detail).toBe('declaration S001/2025 not found');
  });

  it('follows the close-relative set of the policy in force, and says which version it used', async () => {
    const before = await t.call('GET', '/api/v1/declarations/S003/2025/prefill', { as: 'admin' });
    expect(before.body.policyVersion).toBe(0);
    const changed = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: {
        values: {
          closeRelatives: [
            'spouse',
            'parent',
            'child',
            'sibling',
            'grandparent',
            'grandchild',
            'spouse_parent',
            'child_spouse',
          ],
        },
        reason: '把配偶父母纳入申报范围（测试）',
      },
    });
    expect(changed.status).toBe(200);
    const after = await t.call('GET', '/api/v1/declarations/S003/2025/prefill', { as: 'admin' });
    expect(after.body.policyVersion).toBe(changed.body.version);
    expect(after.body.closeRelatives).toContain('spouse_parent');
    // P3F, P3's spouse's father, now counts; so does his fire-product shop.
    expect(after.body.relatives.map((r: any) => [r.person, r.relation])).toEqual([
      ['P3F', 'spouse_parent'],
      ['P3W', 'spouse'],
    ]);
    expect(after.body.ties.map((x: any) => [x.person, x.org, x.role])).toContainEqual([
      'P3F',
      '91230506MA1B000040',
      'owner',
    ]);
  });
});
