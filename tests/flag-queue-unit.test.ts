import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// The queue's unit filter means what the summary's unit means (src/screening/flag-unit.ts): the unit of the
// staff member a flag names, or for a flag on an enforcement action alone, of the action's first-listed officer.
describe('the flag queue filtered by unit (GET /flags?unit=)', () => {
  const DISTRICT = '尖山区大队';
  let t: TestContext;
  let flags: any[];
  let unitOfFlag: (f: any) => string;

  beforeAll(async () => {
    // The worked example puts everyone in one unit; move three enforcement officers to a district brigade.
    const world = loadFixture('world-small.json');
    const moved = new Set(['S014', 'S015', 'S016']);
    for (const s of world.staff) if (moved.has(s.staffNo)) s.unit = DISTRICT;
    const units = new Map<string, string>(world.staff.map((s: any) => [s.staffNo, s.unit]));
    const firstOfficer = new Map<string, string>(
      world.enforcementActions.map((a: any) => [a.ref, a.officers[0]]),
    );
    unitOfFlag = (f) => units.get(f.staffNo ?? firstOfficer.get(f.action)!)!;

    t = await createTestContext();
    expect((await t.call('POST', '/api/v1/import', { as: 'admin', body: world })).status).toBe(200);
    expect(
      (await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf: '2026-06-30' } })).status,
    ).toBe(201);
    flags = (await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' })).body.items;
  });
  afterAll(() => t.close());

  const ids = (items: any[]) => items.map((f) => f.id).sort();
  const queue = async (query: string) => {
    const res = await t.call('GET', `/api/v1/flags?${query}`, { as: 'discipline' });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists exactly the flags of the unit, those on an action alone by its first-listed officer', async () => {
    const expected = flags.filter((f) => unitOfFlag(f) === DISTRICT);
    expect(expected.some((f) => f.staffNo === null)).toBe(true); // ENF-TWO-PERSON on A2, A3
    expect(expected.length).toBeLessThan(flags.length);
    const page = await queue(`unit=${encodeURIComponent(DISTRICT)}&limit=1000`);
    expect(ids(page.items)).toEqual(ids(expected));
  });

  it('agrees with the summary, with the other filters and across pages', async () => {
    const unit = encodeURIComponent(DISTRICT);
    const summary = (
      await t.call('GET', `/api/v1/flags/summary?unit=${unit}&rule=ENF-UNQUALIFIED`, { as: 'discipline' })
    ).body;
    const filtered = await queue(`unit=${unit}&rule=ENF-UNQUALIFIED&limit=1000`);
    expect(filtered.items.length).toBe(summary.total);
    expect(filtered.items.every((f: any) => f.rule === 'ENF-UNQUALIFIED' && unitOfFlag(f) === DISTRICT)).toBe(
      true,
    );

    const read: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await queue(`unit=${unit}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      read.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids(read)).toEqual(ids(flags.filter((f) => unitOfFlag(f) === DISTRICT)));
  });

  it('lists nothing for a unit with no flags', async () => {
    expect((await queue(`unit=${encodeURIComponent('不存在的大队')}`)).items).toEqual([]);
  });

  it('follows a staff member who moves to another unit at once, with no new screening', async () => {
    const unit = encodeURIComponent(DISTRICT);
    const before = await queue(`unit=${unit}&staffNo=S001&limit=1000`);
    expect(before.items).toEqual([]);
    const read = await t.call('GET', '/api/v1/staff/S001', { as: 'hr' });
    const moved = await t.call('PATCH', '/api/v1/staff/S001', {
      as: 'hr',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { unit: DISTRICT },
    });
    expect(moved.status).toBe(200);
    const after = await queue(`unit=${unit}&staffNo=S001&limit=1000`);
    expect(ids(after.items)).toEqual(ids(flags.filter((f) => f.staffNo === 'S001')));
  });
});
