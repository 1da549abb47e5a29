import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeWriteLock } from '../src/audit/audit-log.ts';
import type { Bundle } from '../src/bundle/schema.ts';
import { evaluateRules } from '../src/graph/rules/index.ts';
import { loadWorld, readStamp, WorldCache } from '../src/graph/world-store.ts';
import { worldFromBundle, type World } from '../src/graph/world.ts';
import { canonicalJson } from '../src/lib/canonical-json.ts';
import { DEFAULT_POLICY_VERSION } from '../src/policy/values.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

/** Every record of a world, in a canonical order, to compare two worlds. */
function contents(w: World) {
  // Canonical JSON: a declaration's items come back from jsonb with their keys reordered.
  const sorted = (records: Map<unknown, unknown> | Iterable<unknown>) =>
    [...(records instanceof Map ? records.values() : records)].map((v) => canonicalJson(v)).sort();
  return {
    people: sorted(w.persons()),
    staff: sorted(w.staff),
    kinship: sorted(w.ties('kinship')),
    orgs: sorted(w.orgs),
    affiliations: sorted(w.ties('affiliation')),
    ownerships: sorted(w.ties('ownership')),
    posts: sorted(w.posts),
    assignments: sorted(w.assignments),
    qualifications: sorted(w.qualifications),
    suspensions: sorted(w.suspensions),
    actions: sorted(w.actions),
    engagements: sorted(w.ties('engagement')),
    designations: sorted(w.designations),
    campaigns: sorted(w.campaigns),
    declarations: sorted(w.declarations),
    nodes: w.graph.order,
    // Every edge with its ends: the records above come off the edges, but not which nodes they join.
    edges: w.graph.mapEdges((edge, _a, source, target) => `${edge} ${source} -> ${target}`).sort(),
  };
}

const flags = (w: World) => evaluateRules(w, '2026-06-30', DEFAULT_POLICY_VERSION);

describe('the world kept in step with the database', () => {
  let t: TestContext;
  const fixture = loadFixture<Bundle>('world-small.json');
  const importing = async (b: Omit<Bundle, 'format'>) => {
    const res = await t.call('POST', '/api/v1/import', {
      as: 'admin',
      body: { format: 'coi-bundle/1', ...b },
    });
    expect(res.status).toBe(200);
  };

  /** Statements written behind the app's back, in one transaction under the writers' lock as the app's writes are. */
  const writeDirectly = (...statements: RawBuilder<unknown>[]) =>
    t.db.transaction().execute(async (tx) => {
      await takeWriteLock(tx);
      for (const statement of statements) await statement.execute(tx);
    });

  beforeAll(async () => {
    t = await createTestContext();
    await importing(fixture);
  });
  afterAll(() => t.close());

  it('loads the same world from the database as from the bundle it was imported from', async () => {
    const loaded = await loadWorld(t.db);
    expect(contents(loaded)).toEqual(contents(worldFromBundle(fixture)));
    expect(flags(loaded)).toEqual(flags(worldFromBundle(fixture)));
  });

  it('loads the same world page by page, pages ending inside a table and at its last row', async () => {
    // 31 people, 24 staff, 18 organisations, 9 actions: each size ends some tables on a full page.
    for (const pageSize of [1, 2, 3]) {
      const { world } = await new WorldCache({ pageSize }).fresh(t.db);
      expect(contents(world)).toEqual(contents(worldFromBundle(fixture)));
    }
  });

  it('loads the same world when pages are applied in slices, slices ending inside a page and at its end', async () => {
    for (const [pageSize, applySlice] of [
      [3, 1],
      [5, 2],
      [7, 3],
      [20, 7],
    ] as const) {
      const { world } = await new WorldCache({ pageSize, applySlice }).fresh(t.db);
      expect(contents(world)).toEqual(contents(worldFromBundle(fixture)));
    }
  });

  it('fetches only what changed, and another process’s cache sees it on its next use', async () => {
    const mine = new WorldCache();
    const theirs = new WorldCache();
    await mine.fresh(t.db);
    await theirs.fresh(t.db);
    const before = await readStamp(t.db);
    expect(mine.seq).toBe(before.seq);

    // Close P1W's shares, give A2 a second officer, add a relative and a new firm she runs.
    await importing({
      people: [{ ref: 'P1S', name: '张小明' }],
      kinship: [{ person: 'P1', relative: 'P1S', relation: 'child' }],
      organizations: [
        {
          creditCode: '91230502MA1B00019N',
          name: '新安消防工程有限公司',
          kind: 'fire_engineering',
          region: '230502',
        },
      ],
      affiliations: [
        {
          person: 'P1W',
          org: '91230502MA1B00001W',
          role: 'shareholder',
          share: 40,
          from: '2019-04-01',
          to: '2026-06-01',
          source: 'registry',
        },
        {
          person: 'P1S',
          org: '91230502MA1B00019N',
          role: 'owner',
          share: 100,
          from: '2026-01-01',
          source: 'registry',
        },
      ],
      enforcementActions: [
        {
          ref: 'A2',
          kind: 'inspection',
          org: '91230502MA1B000134',
          on: '2026-04-01',
          officers: ['S014', 'S013'],
        },
      ],
    });
    const after = await readStamp(t.db);
    expect(after.seq).toBeGreaterThan(before.seq);

    const { world } = await theirs.fresh(t.db);
    expect(theirs.seq).toBe(after.seq);
    const full = await loadWorld(t.db);
    expect(contents(world)).toEqual(contents(full));
    expect(world.actions.get('A2')!.officers).toEqual(['S014', 'S013']);
    expect(world.graph.hasEdge('participation:A2|S013')).toBe(true);
    const keys = flags(world).map((f) => f.flagKey);
    expect(keys).not.toContain('ENF-TWO-PERSON|||A2||');
    expect(keys).toContain('COI-RELATIVE-BUSINESS|S001|91230502MA1B00019N|||');
    expect(keys).not.toContain('COI-RELATIVE-BUSINESS|S001|91230502MA1B00001W|||');
    expect(flags(world)).toEqual(flags(full));

    // The other cache was not told anything either: it finds the change by the counter.
    expect(contents((await mine.fresh(t.db)).world)).toEqual(contents(full));
  });

  it('does no work when nothing changed', async () => {
    const cache = new WorldCache();
    const first = await cache.fresh(t.db);
    const second = await cache.fresh(t.db);
    expect(second.world).toBe(first.world);
    expect(second.stamp).toEqual(first.stamp);
  });

  it('moves a staff member’s designations and actions to the person their record now names', async () => {
    const cache = new WorldCache();
    await cache.fresh(t.db);
    // S012 made designations, S013 took part in A1 and A7; both now name people already in the world.
    await writeDirectly(
      sql`update staff set person_id = (select id from person where ref = 'P2B') where staff_no = 'S012'`,
      sql`update staff set person_id = (select id from person where ref = 'P13C') where staff_no = 'S013'`,
    );
    const { world } = await cache.fresh(t.db);
    expect(world.staffNode('S012')).toBe('person:P2B');
    expect(world.personNodeOf(world.staff.get('S013')!)).toBe('person:P13C');
    expect(world.graph.source('participation:A1|S013')).toBe('person:P13C');
    const designations = world.graph.filterEdges((_e, a) => a.kind === 'designation');
    expect(designations.map((e) => world.graph.source(e))).toEqual(['person:P2B', 'person:P2B']);
    expect(contents(world)).toEqual(contents(await loadWorld(t.db)));
  });

  it('rebuilds when a record’s natural key changes under it', async () => {
    const cache = new WorldCache();
    await cache.fresh(t.db);
    await writeDirectly(sql`update person set ref = 'P1-renamed' where ref = 'P1'`);
    const { world } = await cache.fresh(t.db);
    expect(world.staff.get('S001')!.person).toBe('P1-renamed');
    expect(world.graph.hasNode('person:P1')).toBe(false);
    expect(contents(world)).toEqual(contents(await loadWorld(t.db)));
  });

  it('never counts itself current while a rebuild after a changed key is still loading', async () => {
    const cache = new WorldCache();
    await cache.fresh(t.db);
    // The staff table's key change is found after the person table (applied first) has moved on.
    await writeDirectly(
      sql`update staff set staff_no = 'S002-renumbered' where staff_no = 'S002'`,
      sql`update person set name = '改名' where id = (select max(id) from person)`,
    );
    const target = (await readStamp(t.db)).seq;
    let done = false;
    const refreshed = cache.fresh(t.db).finally(() => {
      done = true;
    });
    const seen: Array<{ seq: number; world: World }> = [];
    let turn = 0;
    for (turn = 1; !done; turn += 1) {
      const { stamp, world } = cache.snapshot();
      const last = seen.at(-1);
      if (last?.seq !== stamp.seq || last.world !== world) seen.push({ seq: stamp.seq, world });
      // Turns between the refresh's steps. A server's answers need the event loop; PGlite mostly answers
      // within one turn of it, so there this mainly checks the outcome.
      await (turn % 100 === 0 ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve());
    }
    const { world } = await refreshed;
    expect(world.staff.has('S002-renumbered')).toBe(true);
    expect(world.staff.has('S002')).toBe(false);
    expect(turn).toBeGreaterThan(10); // looked at it many times while it refreshed
    // A snapshot claiming the latest seq holds the rebuilt world, never the half-applied old one.
    for (const s of seen) if (s.seq >= target) expect(s.world).toBe(world);
  });

  it('picks up a new policy version', async () => {
    const cache = new WorldCache();
    expect((await cache.fresh(t.db)).policy.version).toBe(0);
    const res = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { values: { maxOwnershipHops: 4 }, reason: '测试' },
    });
    expect(res.status).toBe(200);
    const { policy } = await cache.fresh(t.db);
    expect(policy).toMatchObject({ version: 1, values: { maxOwnershipHops: 4 } });
  });
});
