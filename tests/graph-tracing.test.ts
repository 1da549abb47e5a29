import { parse } from 'graphology-gexf';
import { MultiDirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coalesced } from '../src/graph/trace-service.ts';
import { createTestContext, importFixture, loadFixture, type TestContext } from './support/test-app.ts';

const nodesOf = (path: Array<{ node: string }>) => path.map((h) => h.node);

describe('tracing the relationship graph through the API', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('finds the ownership chain from a staff member to the firm his brother controls', async () => {
    const res = await t.call(
      'GET',
      '/api/v1/graph/paths?from=staff:S021&to=org:91230521MA1B000171&maxDepth=5&asOf=2026-06-30',
      {
        as: 'investigator',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.paths).toHaveLength(1);
    const [path] = res.body.paths;
    expect(nodesOf(path)).toEqual([
      'person:P21',
      'person:P21B',
      'org:91230521MA1B00014P',
      'org:91230521MA1B00015T',
      'org:91230521MA1B00016X',
      'org:91230521MA1B000171',
    ]);
    expect(path[0].edge).toBeUndefined();
    expect(path[1]).toMatchObject({
      kind: 'person',
      label: '何安',
      edge: { kind: 'kinship', record: { relation: 'sibling' } },
    });
    expect(path[3].edge).toMatchObject({
      kind: 'ownership',
      direction: 'forward',
      from: '2016-01-01',
      record: { share: 90 },
    });
  });

  it('finds nothing beyond maxDepth (four edges by default)', async () => {
    const res = await t.call(
      'GET',
      '/api/v1/graph/paths?from=staff:S021&to=org:91230521MA1B000171&asOf=2026-06-30',
      {
        as: 'investigator',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ maxDepth: 4, paths: [] });
  });

  it('returns the shortest paths first, simple, at most `limit`', async () => {
    const url =
      '/api/v1/graph/paths?from=person:P13&to=org:91230502MA1B00010T&asOf=2026-06-30&maxDepth=4&limit=20';
    const res = await t.call('GET', url, { as: 'discipline' });
    const lengths = res.body.paths.map((p: unknown[]) => p.length - 1);
    expect(lengths[0]).toBe(2);
    expect(nodesOf(res.body.paths[0])).toEqual(['person:P13', 'person:P13C', 'org:91230502MA1B00010T']);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    for (const p of res.body.paths) expect(new Set(nodesOf(p)).size).toBe(p.length);
    expect(res.body.paths.map((p: any) => nodesOf(p).join(' '))).toContain(
      'person:P13 action:A1 org:91230502MA1B00009M org:91230502MA1B00010T',
    );
    const limited = await t.call('GET', url.replace('limit=20', 'limit=2'), { as: 'discipline' });
    expect(limited.body.paths).toHaveLength(2);
  });

  it('only follows ties that exist on asOf', async () => {
    const res = await t.call(
      'GET',
      '/api/v1/graph/paths?from=person:P13&to=org:91230502MA1B00010T&asOf=2022-06-30',
      {
        as: 'investigator',
      },
    );
    expect(res.body.paths).toEqual([]);
  });

  it('follows only the edge kinds asked for', async () => {
    const res = await t.call(
      'GET',
      '/api/v1/graph/paths?from=person:P13&to=org:91230502MA1B00010T&asOf=2026-06-30&kinds=kinship,affiliation&limit=20',
      { as: 'investigator' },
    );
    const kinds = new Set(res.body.paths.flatMap((p: any[]) => p.slice(1).map((h) => h.edge.kind)));
    expect([...kinds].sort()).toEqual(['affiliation', 'kinship']);
  });

  it('answers 404 for a node it does not know and 400 for a bad query', async () => {
    expect(
      (await t.call('GET', '/api/v1/graph/paths?from=staff:S999&to=person:P1', { as: 'investigator' }))
        .status,
    ).toBe(404);
    expect(
      (await t.call('GET', '/api/v1/graph/neighborhood?node=org:NOPE', { as: 'investigator' })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', '/api/v1/graph/neighborhood?node=banana', { as: 'investigator' })).status,
    ).toBe(404);
    const bad = await t.call(
      'GET',
      '/api/v1/graph/paths?from=person:P1&to=person:P1W&maxDepth=7&kinds=friendship',
      {
        as: 'investigator',
      },
    );
    expect(bad.status).toBe(400);
    const kinds = await t.call('GET', '/api/v1/graph/paths?from=person:P1&to=person:P1W&kinds=friendship', {
      as: 'investigator',
    });
    expect(kinds.status).toBe(400);
    expect(kinds.body.errors[0].path).toBe('/kinds');
  });

  it('shows a staff member’s ego network: relatives, actions taken part in, as of the day', async () => {
    const res = await t.call('GET', '/api/v1/graph/neighborhood?node=staff:S013&asOf=2026-06-30', {
      as: 'investigator',
    });
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    expect(res.body.nodes.map((n: any) => [n.node, n.depth])).toEqual([
      ['person:P13', 0],
      ['action:A1', 1],
      ['action:A7', 1],
      ['person:P13C', 1],
      ['person:P24', 1],
    ]);
    expect(res.body.nodes.find((n: any) => n.node === 'person:P24').staffNos).toEqual(['S024']);
    // Edges among the nodes: P13C's parent P24 is a relative of P13 too.
    expect(res.body.edges.map((e: any) => e.kind).sort()).toEqual([
      'kinship',
      'kinship',
      'kinship',
      'participation',
      'participation',
    ]);
    const before = await t.call('GET', '/api/v1/graph/neighborhood?node=staff:S013&asOf=2023-06-30', {
      as: 'investigator',
    });
    expect(before.body.nodes.map((n: any) => n.node)).not.toContain('action:A1');
  });

  it('caps the nodes and marks the answer truncated', async () => {
    const res = await t.call(
      'GET',
      '/api/v1/graph/neighborhood?node=org:91230502MA1B000134&depth=2&limit=4&asOf=2026-06-30',
      {
        as: 'investigator',
      },
    );
    expect(res.body.truncated).toBe(true);
    expect(res.body.nodes).toHaveLength(4);
    const included = new Set(res.body.nodes.map((n: any) => n.node));
    for (const e of res.body.edges) expect(included.has(e.source) && included.has(e.target)).toBe(true);
  });

  it('exports the neighbourhood as GEXF that Gephi (and graphology) can read', async () => {
    const json = await t.call('GET', '/api/v1/graph/neighborhood?node=staff:S001&depth=2&asOf=2026-06-30', {
      as: 'admin',
    });
    const res = await t.call(
      'GET',
      '/api/v1/graph/neighborhood.gexf?node=staff:S001&depth=2&asOf=2026-06-30',
      { as: 'admin' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/gexf+xml');
    const graph = parse(MultiDirectedGraph, res.body as string);
    expect(graph.order).toBe(json.body.nodes.length);
    expect(graph.size).toBe(json.body.edges.length);
    expect(graph.getNodeAttribute('person:P1W', 'label')).toBe('李秀英');
  });

  it('audits every tracing read with the nodes it disclosed', async () => {
    await t.call('GET', '/api/v1/graph/neighborhood?node=staff:S002', { as: 'investigator', sub: 'inv-7' });
    const audit = await t.call('GET', '/api/v1/audit?action=graph.neighborhood&actor=inv-7', { as: 'admin' });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].objectKeys).toMatchObject({ node: 'staff:S002', depth: 1 });
    const paths = await t.call('GET', '/api/v1/audit?action=graph.paths', { as: 'admin' });
    expect(paths.body.items.length).toBeGreaterThan(0);
  });

  it('sees a tie committed just before it, even amid a burst of tracing reads', async () => {
    const url = '/api/v1/graph/paths?from=staff:S021&to=person:PX1&asOf=2026-06-30';
    const burst = Array.from({ length: 10 }, () =>
      t.call('GET', '/api/v1/graph/neighborhood?node=staff:S021&asOf=2026-06-30', { as: 'investigator' }),
    );
    const imported = await t.call('POST', '/api/v1/import', {
      as: 'admin',
      body: {
        format: 'coi-bundle/1',
        people: [{ ref: 'PX1', name: '何新' }],
        kinship: [{ person: 'P21', relative: 'PX1', relation: 'sibling' }],
      },
    });
    expect(imported.status).toBe(200);
    const res = await t.call('GET', url, { as: 'investigator' });
    expect(res.status).toBe(200);
    expect(res.body.paths.map(nodesOf)).toEqual([['person:P21', 'person:PX1']]);
    expect((await Promise.all(burst)).map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('is for investigators, discipline officers and admins only', async () => {
    for (const role of ['staff', 'hr'] as const) {
      for (const url of [
        '/api/v1/graph/paths?from=person:P1&to=person:P1W',
        '/api/v1/graph/neighborhood?node=person:P1',
        '/api/v1/graph/neighborhood.gexf?node=person:P1',
      ]) {
        expect((await t.call('GET', url, { as: role })).status).toBe(403);
      }
    }
    expect((await t.call('GET', '/api/v1/graph/neighborhood?node=person:P1')).status).toBe(401);
  });
});

describe('one freshness check for a burst of tracing reads', () => {
  it('answers each caller from a check begun after it called, one check waiting at most', async () => {
    const begun: Array<(value: number) => void> = [];
    const check = coalesced(() => new Promise<number>((answer) => begun.push(answer)));
    const first = check();
    expect(begun).toHaveLength(1);
    const [second, third] = [check(), check()];
    await Promise.resolve();
    expect(begun).toHaveLength(1); // the running check may predate them: they wait for the next
    begun[0]!(1);
    expect(await first).toBe(1);
    await new Promise((tick) => setTimeout(tick, 0));
    expect(begun).toHaveLength(2);
    begun[1]!(2);
    expect([await second, await third]).toEqual([2, 2]);
    const fourth = check();
    expect(begun).toHaveLength(3);
    begun[2]!(3);
    expect(await fourth).toBe(3);
  });

  it('passes a failed check to its callers and begins afresh for the next', async () => {
    let runs = 0;
    const check = coalesced(async () => {
      runs += 1;
      if (runs === 1) throw new Error('database unavailable');
      return runs;
    });
    await expect(check()).rejects.toThrow('database unavailable');
    expect(await check()).toBe(2);
  });
});
