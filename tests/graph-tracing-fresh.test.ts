import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

// Tracing answers from the world as it stands and checks, in the transaction that records the disclosure,
// that nothing newer was committed. These writes bypass the app (as another process's would), so this
// process's world learns of them only through that check.

const nodesOf = (path: Array<{ node: string }>) => path.map((h) => h.node);

describe('tracing reads after writes this process did not make', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  const paths = (to: string) =>
    t.call('GET', `/api/v1/graph/paths?from=staff:S021&to=${to}&maxDepth=1&asOf=2026-06-30`, {
      as: 'investigator',
      sub: 'inv-fresh',
    });
  const recorded = async () =>
    (await t.call('GET', '/api/v1/audit?action=graph.paths&actor=inv-fresh&limit=200', { as: 'admin' })).body
      .items.length as number;

  it('sees a tie between known people committed elsewhere, and records the answer it gave once', async () => {
    expect((await paths('person:P22')).body.paths).toEqual([]);
    await sql`insert into kinship (person_id, relative_id, relation)
              select a.id, b.id, 'sibling' from person a, person b where a.ref = 'P21' and b.ref = 'P22'`.execute(
      t.db,
    );
    const res = await paths('person:P22');
    expect(res.status).toBe(200);
    expect(res.body.paths.map(nodesOf)).toEqual([['person:P21', 'person:P22']]);
    expect(await recorded()).toBe(2);
  });

  it('finds a person committed elsewhere instead of answering 404', async () => {
    await sql`insert into person (ref, name) values ('PX9', '何远')`.execute(t.db);
    await sql`insert into kinship (person_id, relative_id, relation)
              select a.id, b.id, 'sibling' from person a, person b where a.ref = 'P21' and b.ref = 'PX9'`.execute(
      t.db,
    );
    const res = await paths('person:PX9');
    expect(res.status).toBe(200);
    expect(res.body.paths.map(nodesOf)).toEqual([['person:P21', 'person:PX9']]);
    expect(await recorded()).toBe(3);
  });

  it('answers and records once when the change counter moved for something outside the world', async () => {
    await sql`select nextval('world_seq')`.execute(t.db);
    const all = await Promise.all(Array.from({ length: 5 }, () => paths('person:P22')));
    expect(all.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(all.map((r) => r.body.paths.length)).toEqual(Array(5).fill(1));
    expect(await recorded()).toBe(8);
    const chain = await t.call('GET', '/api/v1/audit/verify', { as: 'admin' });
    if (chain.status === 200) expect(chain.body.ok).toBe(true);
  });
});
