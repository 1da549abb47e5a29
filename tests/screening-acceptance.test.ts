import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const keyOf = (f: {
  rule: string;
  staffNo: string | null;
  org: string | null;
  action: string | null;
  post: string | null;
  year: number | null;
}) => JSON.stringify([f.rule, f.staffNo, f.org, f.action, f.post, f.year]);

describe('the small world screened on 2026-06-30 through the API', () => {
  let t: TestContext;
  const expected = loadFixture('world-small.expected.json');
  let screening: any;

  beforeAll(async () => {
    t = await createTestContext();
    const imported = await t.call('POST', '/api/v1/import', {
      as: 'admin',
      body: loadFixture('world-small.json'),
    });
    expect(imported.status).toBe(200);
    const res = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: expected.asOf },
    });
    expect(res.status).toBe(201);
    screening = res.body;
  });
  afterAll(() => t.close());

  it('raises exactly the 24 flags of the expected file, no more and no fewer', async () => {
    const res = await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.body.items.map(keyOf).sort()).toEqual(expected.flags.map(keyOf).sort());
    expect(res.body.items.every((f: any) => f.status === 'open')).toBe(true);
  });

  it('answers with the screening id, its day, counts per rule and what it raised', () => {
    expect(screening).toMatchObject({ asOf: '2026-06-30', raised: 24, resolved: 0, reopened: 0 });
    expect(typeof screening.id).toBe('string');
    expect(screening.durationMs).toBeGreaterThanOrEqual(0);
    const perRule: Record<string, number> = {};
    for (const f of expected.flags) perRule[f.rule] = (perRule[f.rule] ?? 0) + 1;
    for (const [rule, n] of Object.entries(screening.counts)) expect(n).toBe(perRule[rule] ?? 0);
  });

  it('lists the same flags under the screening that found them', async () => {
    const res = await t.call('GET', `/api/v1/screenings/${screening.id}/flags?limit=1000`, {
      as: 'investigator',
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map(keyOf).sort()).toEqual(expected.flags.map(keyOf).sort());
  });

  it('gives each flag its citation, the evidence paths with records and dates, the policy and asOf', async () => {
    const res = await t.call('GET', '/api/v1/flags?rule=COI-RELATIVE-BUSINESS&staffNo=S021', {
      as: 'discipline',
    });
    const [flag] = res.body.items;
    expect(flag.citation).toEqual({
      article: '（十二）',
      text: '消防干部及其近亲属不准承揽消防工程、经营消防技术服务机构、生产销售消防产品',
    });
    expect(flag.evidence.asOf).toBe('2026-06-30');
    expect(flag.evidence.policy).toMatchObject({ version: 0, maxOwnershipHops: 3 });
    const [path] = flag.evidence.paths;
    expect(path.map((h: any) => h.node)).toEqual([
      'person:P21',
      'person:P21B',
      'org:91230521MA1B00014P',
      'org:91230521MA1B00015T',
      'org:91230521MA1B00016X',
      'org:91230521MA1B000171',
    ]);
    expect(path[1].edge).toMatchObject({ kind: 'kinship', record: { relation: 'sibling' } });
    expect(path[2].edge).toMatchObject({
      kind: 'affiliation',
      from: '2016-01-01',
      record: { role: 'shareholder', share: 80, source: 'registry' },
    });
    expect(path[3].edge).toMatchObject({ kind: 'ownership', record: { share: 90 } });
    expect(path[0].label).toContain('S021');
  });

  it('filters the queue by status, rule, staff number and severity', async () => {
    const get = async (q: string) =>
      (await t.call('GET', `/api/v1/flags?${q}`, { as: 'investigator' })).body.items.map(keyOf).sort();
    const wanted = (pick: (f: any) => boolean) => expected.flags.filter(pick).map(keyOf).sort();
    expect(await get('severity=risk')).toEqual(
      wanted((f: any) => ['COI-DESIGNATE-COVERT', 'ROT-OVERDUE'].includes(f.rule)),
    );
    expect(await get('staffNo=S013')).toEqual(wanted((f: any) => f.staffNo === 'S013'));
    expect(await get('rule=ENF-TWO-PERSON&status=open')).toEqual(
      wanted((f: any) => f.rule === 'ENF-TWO-PERSON'),
    );
    expect(await get('status=dismissed')).toEqual([]);
  });

  it('pages through the queue with a cursor, each flag once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.call('GET', `/api/v1/flags?limit=7${cursor ? `&cursor=${cursor}` : ''}`, {
        as: 'discipline',
      });
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((f: any) => f.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
  });

  it('lists the three rotations due within 90 days, overdue first', async () => {
    const res = await t.call('GET', '/api/v1/rotations/due?asOf=2026-06-30', { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expected.rotationsDue);
  });
});
