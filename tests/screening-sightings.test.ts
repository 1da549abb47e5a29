import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/audit/actor.ts';
import { fixedClock } from '../src/clock.ts';
import type { Database } from '../src/db/schema.ts';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import { runScreening } from '../src/screening/run-screening.ts';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

// What each screening found is kept as runs of screenings that found a flag with the same evidence
// (migration 20261129000000): a screening that finds what the last one found writes nothing per flag.

const clock = fixedClock('2026-06-30T04:00:00Z');
const actor: Actor = { sub: 'second-server', roles: ['discipline'], requestId: null };
const OLD_NAME = '李秀英';
const NEW_NAME = '李秀兰';

describe('what each screening found', () => {
  let t: TestContext;
  // Another server on the same database: its own world and no memory of what this one wrote.
  let other: Kysely<Database>;
  const screen = async () => {
    const res = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: '2026-06-30' },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const foundBy = async (screeningId: string) => {
    const res = await t.call('GET', `/api/v1/screenings/${screeningId}/flags?limit=1000`, {
      as: 'discipline',
    });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; evidence: unknown; lastSeenIn: string }>;
  };
  const queue = async () =>
    (await t.call('GET', '/api/v1/flags?limit=1000', { as: 'discipline' })).body.items as Array<{
      id: string;
      evidence: unknown;
      lastSeenIn: string;
    }>;
  const sightings = () =>
    t.db
      .selectFrom('flagSighting as s')
      .innerJoin('screening as first', 'first.seq', 's.firstSeq')
      .leftJoin('screening as last', 'last.seq', 's.lastSeq')
      .select(['s.flagId', 'first.id as first', 'last.id as last', 's.evidence'])
      .orderBy('s.flagId')
      .orderBy('s.firstSeq')
      .execute();
  const naming = (name: string) => (f: { evidence: unknown }) => JSON.stringify(f.evidence).includes(name);
  const rename = async (name: string) => {
    const res = await t.call('POST', '/api/v1/import', {
      as: 'admin',
      body: { format: 'coi-bundle/1', people: [{ ref: 'P1W', name }] },
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestContext();
    other = t.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result });
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  let first: { id: string };
  let second: { id: string };
  it('a flag found again with the same evidence adds no record, and is last seen by the latest screening', async () => {
    first = await screen();
    expect(await sightings()).toHaveLength(24);
    second = await screen();
    expect(await sightings()).toHaveLength(24);
    expect((await foundBy(first.id)).map((f) => f.id)).toEqual((await foundBy(second.id)).map((f) => f.id));
    expect((await queue()).every((f) => f.lastSeenIn === second.id)).toBe(true);
  });

  let third: { id: string };
  it('is the same when another server screened last: the evidence is compared in the database', async () => {
    third = await runScreening(other, clock, actor, { asOf: '2026-06-30' });
    expect(third).toMatchObject({ raised: 0, resolved: 0, reopened: 0 });
    expect(await sightings()).toHaveLength(24);
    expect((await queue()).every((f) => f.lastSeenIn === third.id)).toBe(true);
  });

  let fourth: { id: string };
  it('starts a new run for a flag whose evidence changed, and keeps the old evidence in the earlier screenings', async () => {
    const before = await queue();
    const renamed = before.filter(naming(OLD_NAME));
    expect(renamed.length).toBeGreaterThan(0);
    await rename(NEW_NAME);
    // This server's last screening is not the latest (the other server's is): compared in the database.
    fourth = await screen();
    const runs = await sightings();
    expect(runs).toHaveLength(24 + renamed.length);
    for (const flag of renamed) {
      expect(runs.filter((r) => r.flagId === flag.id).map((r) => [r.first, r.last])).toEqual([
        [first.id, third.id],
        [fourth.id, null],
      ]);
    }
    expect((await foundBy(third.id)).filter(naming(OLD_NAME))).toHaveLength(renamed.length);
    expect((await foundBy(fourth.id)).filter(naming(OLD_NAME))).toHaveLength(0);
    expect((await foundBy(fourth.id)).filter(naming(NEW_NAME))).toHaveLength(renamed.length);
  });

  it('names the last screening that found a flag no longer found, and the latest again once it is back', async () => {
    const outside = (await queue()).find((f: any) => f.rule === 'COI-OUTSIDE-POST' && f.staffNo === 'S005')!;
    const dismissed = await t.call('POST', `/api/v1/flags/${outside.id}/decision`, {
      as: 'discipline',
      body: { decision: 'dismissed', reason: '经批准的兼职，已备案' },
    });
    expect(dismissed.status).toBe(200);
    const tie = {
      person: 'P5',
      org: '51230500MJ0000005E',
      role: 'director',
      from: '2024-03-01',
      source: 'registry',
    };
    const importTie = async (to: string | null) =>
      expect(
        (
          await t.call('POST', '/api/v1/import', {
            as: 'admin',
            body: { format: 'coi-bundle/1', affiliations: [{ ...tie, to }] },
          })
        ).status,
      ).toBe(200);
    await importTie('2026-06-15');
    const gone = await screen();
    const view = async () => (await t.call('GET', `/api/v1/flags/${outside.id}`, { as: 'discipline' })).body;
    expect(await view()).toMatchObject({ status: 'dismissed', lastSeenIn: fourth.id });
    expect((await foundBy(gone.id)).some((f) => f.id === outside.id)).toBe(false);
    await importTie(null);
    const back = await screen();
    expect(await view()).toMatchObject({ status: 'dismissed', lastSeenIn: back.id });
    expect((await foundBy(back.id)).some((f) => f.id === outside.id)).toBe(true);
  });

  it('survives the migration being reverted and applied again, screening by screening', async () => {
    const screenings = await t.db.selectFrom('screening').select('id').orderBy('seq').execute();
    const before = new Map<string, unknown>();
    for (const s of screenings) before.set(s.id, await foundBy(s.id));
    const runs = await sightings();

    await migrateTo(t.db, '20261128213000_flag_queue_version');
    const observed = await (t.db as Kysely<any>)
      .selectFrom('flagObservation')
      .select(['screeningId', 'flagId', 'evidence'])
      .execute();
    for (const s of screenings) {
      const listed = before.get(s.id) as Array<{ id: string; evidence: unknown }>;
      const rows = observed.filter((o) => o.screeningId === s.id);
      expect(new Map(rows.map((o) => [o.flagId, o.evidence]))).toEqual(
        new Map(listed.map((f) => [f.id, f.evidence])),
      );
    }

    await migrateToLatest(t.db);
    expect(await sightings()).toEqual(runs);
    for (const s of screenings) expect(await foundBy(s.id)).toEqual(before.get(s.id));
  });
});
