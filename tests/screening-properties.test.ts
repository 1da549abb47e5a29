import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../src/bundle/schema.ts';
import { evaluateRules } from '../src/graph/rules/index.ts';
import { worldFromBundle } from '../src/graph/world.ts';
import { DEFAULT_POLICY_VERSION } from '../src/policy/values.ts';
import { randomWorld } from './rules/random-world.ts';
import { createTestContext, loadFixture } from './support/test-app.ts';

const LISTS = [
  'people',
  'staff',
  'kinship',
  'organizations',
  'affiliations',
  'ownerships',
  'posts',
  'assignments',
  'qualifications',
  'suspensions',
  'enforcementActions',
  'engagements',
  'designations',
  'campaigns',
  'declarations',
] as const;

/** The same bundle with every list in another order. */
const shuffled = (b: Bundle) =>
  fc
    .record(
      Object.fromEntries(
        LISTS.map((k) => {
          const list = (b[k] ?? []) as unknown[];
          return [k, fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })];
        }),
      ),
    )
    .map((lists) => ({ ...b, ...lists }) as Bundle);

const screen = (b: Bundle, asOf: string) => evaluateRules(worldFromBundle(b), asOf, DEFAULT_POLICY_VERSION);

describe('screening is a function of the world and the day', () => {
  it('gives the same flags, evidence included, however the fixture’s records are ordered', () => {
    const fixture = loadFixture<Bundle>('world-small.json');
    const expected = screen(fixture, '2026-06-30');
    expect(expected).toHaveLength(24);
    fc.assert(
      fc.property(shuffled(fixture), (b) => {
        expect(screen(b, '2026-06-30')).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same flags for any world screened twice, and in any record order', () => {
    fc.assert(
      fc.property(
        randomWorld.chain(({ bundle, asOf }) => shuffled(bundle).map((other) => ({ bundle, other, asOf }))),
        ({ bundle, other, asOf }) => {
          const world = worldFromBundle(bundle);
          const once = evaluateRules(world, asOf, DEFAULT_POLICY_VERSION);
          expect(evaluateRules(world, asOf, DEFAULT_POLICY_VERSION)).toEqual(once);
          expect(screen(other, asOf)).toEqual(once);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('raises something in the random worlds (the generator reaches the rules)', () => {
    const rules = new Set<string>();
    fc.assert(
      fc.property(randomWorld, ({ bundle, asOf }) => {
        for (const f of screen(bundle, asOf)) rules.add(f.rule);
      }),
      { numRuns: 300, seed: 20260630 },
    );
    expect(rules.size).toBeGreaterThanOrEqual(10);
  });
});

describe('screening through the database', () => {
  it('finds the same flags with the same evidence whatever order the bundle was imported in', async () => {
    const fixture = loadFixture<Bundle>('world-small.json');
    const outcome = async (b: Bundle) => {
      const t = await createTestContext();
      try {
        expect((await t.call('POST', '/api/v1/import', { as: 'admin', body: b })).status).toBe(200);
        const first = await t.call('POST', '/api/v1/screenings', {
          as: 'admin',
          body: { asOf: '2026-06-30' },
        });
        const second = await t.call('POST', '/api/v1/screenings', {
          as: 'admin',
          body: { asOf: '2026-06-30' },
        });
        expect(second.body).toMatchObject({ raised: 0, resolved: 0, reopened: 0 });
        const flags = (await t.call('GET', '/api/v1/flags?limit=1000', { as: 'admin' })).body.items;
        const again = (
          await t.call('GET', `/api/v1/screenings/${second.body.id}/flags?limit=1000`, { as: 'admin' })
        ).body.items;
        const firstSeen = (
          await t.call('GET', `/api/v1/screenings/${first.body.id}/flags?limit=1000`, { as: 'admin' })
        ).body.items;
        const strip = (list: any[]) =>
          list.map(({ rule, staffNo, org, action, post, year, evidence }) => ({
            rule,
            staffNo,
            org,
            action,
            post,
            year,
            evidence,
          }));
        expect(strip(again)).toEqual(strip(firstSeen));
        return strip(flags);
      } finally {
        await t.close();
      }
    };
    const baseline = await outcome(fixture);
    expect(baseline).toHaveLength(24);
    await fc.assert(
      fc.asyncProperty(shuffled(fixture), async (b) => {
        expect(await outcome(b)).toEqual(baseline);
      }),
      { numRuns: 2 },
    );
  }, 180_000);
});
