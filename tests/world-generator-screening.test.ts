import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_KINDS } from '../src/bundle/schema.ts';
import { evaluateRules } from '../src/graph/rules/index.ts';
import { worldFromBundle } from '../src/graph/world.ts';
import { FIRE_INDUSTRY } from '../src/graph/model.ts';
import { DEFAULT_POLICY_VERSION } from '../src/policy/values.ts';
import { generateWorld } from '../src/world/generate.ts';
import type { ExpectedFlag, World } from '../src/world/types.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const keyOf = (f: ExpectedFlag) => JSON.stringify([f.rule, f.staffNo, f.org, f.action, f.post, f.year]);

async function allFlags(t: TestContext, path: string): Promise<ExpectedFlag[]> {
  const items: ExpectedFlag[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any } = await t.call(
      'GET',
      `${path}${path.includes('?') ? '&' : '?'}limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { as: 'discipline' },
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('a generated world of 1,000 staff imported and screened through the API', () => {
  let t: TestContext;
  let world: World;
  let screening: any;

  beforeAll(async () => {
    world = generateWorld({ staff: 1000, seed: 20260630, asOf: '2026-06-30' });
    t = await createTestContext();
    const imported = await t.call('POST', '/api/v1/import', { as: 'admin', body: world.bundle });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 2000)).toBe(200);
    const res = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: world.expected.asOf },
    });
    expect(res.status).toBe(201);
    screening = res.body;
  }, 600_000);
  afterAll(() => t?.close());

  it('finds exactly the planted flags: every planted case, and nothing from the noise', async () => {
    expect(new Set(world.expected.flags.map((f) => f.rule)).size).toBe(12);
    const found = (await allFlags(t, `/api/v1/screenings/${screening.id}/flags`)).map(keyOf).sort();
    const expected = world.expected.flags.map(keyOf).sort();
    const missing = expected.filter((k) => !found.includes(k));
    const extra = found.filter((k) => !expected.includes(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('counts per rule match the planted counts', () => {
    const perRule: Record<string, number> = {};
    for (const f of world.expected.flags) perRule[f.rule] = (perRule[f.rule] ?? 0) + 1;
    for (const [rule, n] of Object.entries(screening.counts)) expect(n, rule).toBe(perRule[rule] ?? 0);
  });

  it('lists the rotations due on asOf exactly as planned', async () => {
    const res = await t.call('GET', `/api/v1/rotations/due?asOf=${world.expected.asOf}`, { as: 'hr' });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: any) => ({
        staffNo: r.staffNo,
        post: r.post,
        since: r.since,
        dueOn: r.dueOn,
        status: r.status,
      })),
    ).toEqual(world.expected.rotationsDue);
  });
});

describe.each([
  { staff: 300, seed: 4, asOf: '2028-02-29', why: 'on a leap day (years added clamp to month end)' },
  { staff: 120, seed: 2, asOf: '2027-02-01', why: 'the day after the declarations were due' },
])('a generated world screened $why', ({ staff, seed, asOf }) => {
  it(`raises exactly the planted flags of ${staff} staff on ${asOf}`, async () => {
    const world = generateWorld({ staff, seed, asOf });
    const t = await createTestContext();
    try {
      const imported = await t.call('POST', '/api/v1/import', { as: 'admin', body: world.bundle });
      expect(imported.status, JSON.stringify(imported.body).slice(0, 2000)).toBe(200);
      const res = await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf } });
      expect(res.status).toBe(201);
      const found = (await allFlags(t, `/api/v1/screenings/${res.body.id}/flags`)).map(keyOf).sort();
      expect(found).toEqual(world.expected.flags.map(keyOf).sort());
      const rotations = await t.call('GET', `/api/v1/rotations/due?asOf=${asOf}`, { as: 'hr' });
      expect(rotations.body.items.map((r: any) => `${r.staffNo}|${r.post}|${r.dueOn}|${r.status}`)).toEqual(
        world.expected.rotationsDue.map((r) => `${r.staffNo}|${r.post}|${r.dueOn}|${r.status}`),
      );
    } finally {
      await t.close();
    }
  }, 300_000);
});

describe.each([
  { staff: 1000, seed: 20260630, asOf: '2026-06-30' },
  { staff: 300, seed: 4, asOf: '2028-02-29' },
  { staff: 3000, seed: 'noise', asOf: '2027-02-01' },
])('the noise background of $staff staff (seed $seed) alone', ({ staff, seed, asOf }) => {
  let world: World;
  beforeAll(() => {
    world = generateWorld({ staff, seed, asOf, plants: false });
  });

  it('raises no flag on asOf, and its generator expects none', () => {
    expect(world.expected.flags).toEqual([]);
    const flags = evaluateRules(worldFromBundle(world.bundle), asOf, DEFAULT_POLICY_VERSION);
    expect(flags.map((f) => f.flagKey)).toEqual([]);
  });

  it('is not empty of what the rules look at: every kind of record but designations (each one a flag)', () => {
    const lists = world.bundle as unknown as Record<string, unknown[]>;
    const empty = BUNDLE_KINDS.filter((kind) => lists[kind]!.length === 0);
    expect(empty).toEqual(['designations']);
    const kindOf = new Map(world.bundle.organizations!.map((o) => [o.creditCode, o.kind]));
    const industryTies = world.bundle.affiliations!.filter((a) => FIRE_INDUSTRY.has(kindOf.get(a.org)!));
    expect(industryTies.length).toBeGreaterThan(staff / 10);
  });
});
