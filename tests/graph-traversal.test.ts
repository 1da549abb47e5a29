import { describe, expect, it } from 'vitest';
import { findPaths, neighborhood } from '../src/graph/tracing.ts';
import { World } from '../src/graph/world.ts';

const everything = { asOf: '2026-06-30', kinds: null };

/** A hub organisation with `n` employees, one of whom is P0's sister. */
function hub(n: number): World {
  const w = new World();
  w.putOrg({ creditCode: 'HUB', name: '枢纽', kind: 'intermediary', region: '230502' });
  for (let i = 0; i < n; i += 1) {
    w.putPerson({ ref: `E${i}`, name: `员工${i}` });
    w.putAffiliation({
      person: `E${i}`,
      org: 'HUB',
      role: 'employee',
      share: null,
      paid: true,
      from: '2020-01-01',
      to: null,
      source: 'registry',
    });
  }
  w.putPerson({ ref: 'P0', name: '甲' });
  w.putKinship({ person: 'P0', relative: 'E7', relation: 'sibling' });
  return w;
}

describe('neighbourhoods of hubs', () => {
  it('stop at the node cap, nearest first, and say so', () => {
    const w = hub(3000);
    const n = neighborhood(w.graph, 'org:HUB', { ...everything, depth: 2, maxNodes: 100 });
    expect(n.truncated).toBe(true);
    expect(n.nodes).toHaveLength(100);
    expect(n.nodes[0]).toMatchObject({ node: 'org:HUB', depth: 0 });
    expect(n.edges).toHaveLength(99);
  });

  it('are complete and not truncated under the cap', () => {
    const w = hub(10);
    const n = neighborhood(w.graph, 'person:P0', { ...everything, depth: 2, maxNodes: 100 });
    expect(n.truncated).toBe(false);
    expect(n.nodes.map((x) => x.node)).toEqual(['person:P0', 'person:E7', 'org:HUB']);
    const all = neighborhood(w.graph, 'person:P0', { ...everything, depth: 3, maxNodes: 100 });
    expect(all.nodes).toHaveLength(12);
  });
});

describe('paths', () => {
  it('go through a hub to the one relative, ignoring direction', () => {
    const w = hub(3000);
    const { walks, truncated } = findPaths(w.graph, 'person:E2999', 'person:P0', {
      ...everything,
      maxDepth: 4,
      limit: 10,
    });
    expect(truncated).toBe(false);
    expect(walks).toHaveLength(1);
    expect(walks[0]!.steps.map((s) => s.node)).toEqual(['org:HUB', 'person:E7', 'person:P0']);
  });

  it('list each of two ties between the same two nodes as its own path', () => {
    const w = new World();
    w.putPerson({ ref: 'A', name: 'A' });
    w.putOrg({ creditCode: 'O', name: 'O', kind: 'other', region: '230502' });
    for (const role of ['director', 'shareholder'] as const) {
      w.putAffiliation({
        person: 'A',
        org: 'O',
        role,
        share: null,
        paid: false,
        from: null,
        to: null,
        source: 'registry',
      });
    }
    const { walks } = findPaths(w.graph, 'person:A', 'org:O', { ...everything, maxDepth: 3, limit: 10 });
    expect(walks.map((p) => p.steps[0]!.edge).sort()).toEqual([
      'affiliation:A|O|director|',
      'affiliation:A|O|shareholder|',
    ]);
  });

  it('stop at their work budget and say so', () => {
    const w = hub(3000);
    const r = findPaths(w.graph, 'person:E1', 'person:E2', {
      ...everything,
      maxDepth: 4,
      limit: 10000,
      budget: 500,
    });
    expect(r.truncated).toBe(true);
  });

  it('respect maxDepth exactly', () => {
    const w = hub(10);
    expect(
      findPaths(w.graph, 'person:E1', 'person:P0', { ...everything, maxDepth: 2, limit: 10 }).walks,
    ).toEqual([]);
    expect(
      findPaths(w.graph, 'person:E1', 'person:P0', { ...everything, maxDepth: 3, limit: 10 }).walks,
    ).toHaveLength(1);
  });
});
