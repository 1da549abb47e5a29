import { describe, expect, it } from 'vitest';
import { findPaths, neighborhood } from '../src/graph/tracing.ts';
import type { Walk } from '../src/graph/walk.ts';
import type { Bundle } from '../src/bundle/schema.ts';
import { keyOf, World, worldFromBundle, type NodeTie, type WorldGraph } from '../src/graph/world.ts';
import { isActiveOn } from '../src/lib/days.ts';
import { Rng } from '../src/world/rng.ts';
import { loadFixture } from './support/test-app.ts';

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
    const n = neighborhood(w, 'org:HUB', { ...everything, depth: 2, maxNodes: 100 });
    expect(n.truncated).toBe(true);
    expect(n.nodes).toHaveLength(100);
    expect(n.nodes[0]).toMatchObject({ node: 'org:HUB', depth: 0 });
    expect(n.edges).toHaveLength(99);
  });

  it('are complete and not truncated under the cap', () => {
    const w = hub(10);
    const n = neighborhood(w, 'person:P0', { ...everything, depth: 2, maxNodes: 100 });
    expect(n.truncated).toBe(false);
    expect(n.nodes.map((x) => x.node)).toEqual(['person:P0', 'person:E7', 'org:HUB']);
    const all = neighborhood(w, 'person:P0', { ...everything, depth: 3, maxNodes: 100 });
    expect(all.nodes).toHaveLength(12);
  });
});

describe('paths', () => {
  it('go through a hub to the one relative, ignoring direction', () => {
    const w = hub(3000);
    const { walks, truncated } = findPaths(w, 'person:E2999', 'person:P0', {
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
    const { walks } = findPaths(w, 'person:A', 'org:O', { ...everything, maxDepth: 3, limit: 10 });
    expect(walks.map((p) => p.steps[0]!.edge).sort()).toEqual([
      'affiliation:A|O|director|',
      'affiliation:A|O|shareholder|',
    ]);
  });

  it('stop at their work budget and say so', () => {
    const w = hub(3000);
    const r = findPaths(w, 'person:E1', 'person:E2', {
      ...everything,
      maxDepth: 4,
      limit: 10000,
      budget: 500,
    });
    expect(r.truncated).toBe(true);
  });

  it('respect maxDepth exactly', () => {
    const w = hub(10);
    expect(findPaths(w, 'person:E1', 'person:P0', { ...everything, maxDepth: 2, limit: 10 }).walks).toEqual(
      [],
    );
    expect(
      findPaths(w, 'person:E1', 'person:P0', { ...everything, maxDepth: 3, limit: 10 }).walks,
    ).toHaveLength(1);
  });
});

/** People, firms and their ties drawn at random, some ended before the day asked about, some parallel. */
function tangle(seed: number): World {
  const rng = new Rng(seed);
  const w = new World();
  const people = Array.from({ length: 30 }, (_, i) => `P${i}`);
  const firms = Array.from({ length: 12 }, (_, i) => `F${i}`);
  for (const ref of people) w.putPerson({ ref, name: ref });
  for (const code of firms) w.putOrg({ creditCode: code, name: code, kind: 'other', region: '230502' });
  const span = () => (rng.chance(0.2) ? { from: '2020-01-01', to: '2024-01-01' } : { from: null, to: null });
  for (let i = 0; i < 35; i += 1) {
    const [person, relative] = [rng.pick(people), rng.pick(people)];
    if (person !== relative) w.putKinship({ person, relative, relation: 'sibling' });
  }
  for (let i = 0; i < 40; i += 1) {
    const tie = {
      person: rng.pick(people),
      org: rng.pick(firms),
      share: null,
      paid: false,
      source: 'registry' as const,
    };
    w.putAffiliation({ ...tie, role: rng.pick(['director', 'shareholder'] as const), ...span() });
  }
  for (let i = 0; i < 15; i += 1) {
    const [owner, org] = [rng.pick(firms), rng.pick(firms)];
    if (owner !== org) w.putOwnership({ owner, org, share: 0.5, ...span() });
  }
  return w;
}

/** Every simple path of at most `maxDepth` edges, by plain depth-first search, in the order findPaths promises. */
function everyPath(graph: WorldGraph, from: string, to: string, asOf: string, maxDepth: number): Walk[] {
  const found: Walk[] = [];
  const steps: { edge: string; node: string }[] = [];
  const walk = (node: string, seen: Set<string>) => {
    if (node === to) {
      found.push({ start: from, steps: [...steps] });
      return;
    }
    if (steps.length === maxDepth) return;
    graph.forEachEdge(node, (edge, a, source, target) => {
      const next = source === node ? target : source;
      if (seen.has(next) || !isActiveOn(a.from, a.to, asOf)) return;
      steps.push({ edge, node: next });
      walk(next, new Set(seen).add(next));
      steps.pop();
    });
  };
  walk(from, new Set([from]));
  const text = (w: Walk) => w.steps.map((s) => [s.node, s.edge]);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return found.sort((a, b) => {
    if (a.steps.length !== b.steps.length) return a.steps.length - b.steps.length;
    const [x, y] = [text(a).flat(), text(b).flat()];
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return byText(x[i]!, y[i]!);
    return 0;
  });
}

describe('paths, against every simple path', () => {
  it('are exactly the shortest ones first, in node-key order, at every depth and limit', () => {
    let compared = 0;
    for (const seed of [1, 2, 3]) {
      const w = tangle(seed);
      const nodes = w.graph.nodes();
      for (let i = 0; i < 12; i += 1) {
        const [from, to] = [nodes[(i * 7 + seed) % nodes.length]!, nodes[(i * 13 + 5) % nodes.length]!];
        for (let maxDepth = 1; maxDepth <= 6; maxDepth += 1) {
          const all = everyPath(w.graph, from, to, everything.asOf, maxDepth);
          for (const limit of [1, 3, 1000]) {
            const { walks, truncated } = findPaths(w, from, to, { ...everything, maxDepth, limit });
            expect(truncated).toBe(false);
            expect(walks).toEqual(all.slice(0, limit));
            compared += walks.length;
          }
        }
      }
    }
    // The worlds are tangled enough that the comparison is about many paths, not a few empty answers.
    expect(compared).toBeGreaterThan(1000);
  });
});

/** A node's ties as graphology's array API lists them: out-edges, then in-edges. */
function listedByGraphology(graph: WorldGraph, node: string): NodeTie[] {
  const tie = (edge: string, neighbor: string, outward: boolean): NodeTie => ({
    edge,
    attributes: graph.getEdgeAttributes(edge),
    neighbor,
    outward,
  });
  return [
    ...graph.outEdges(node).map((edge) => tie(edge, graph.target(edge), true)),
    ...graph.inEdges(node).map((edge) => tie(edge, graph.source(edge), false)),
  ];
}

describe('the ties listed at a node', () => {
  it('are graphology’s own, in its order, after ties are added, replaced and removed around listed nodes', () => {
    const fixture = loadFixture<Bundle>('world-small.json');
    const w = worldFromBundle(fixture);
    const listAll = () => w.graph.forEachNode((node) => w.tiesAt(node));
    listAll();
    const [kin, aff] = [fixture.kinship![0]!, fixture.affiliations![0]!];
    w.putKinship({ person: 'P1', relative: 'P2', relation: 'sibling' });
    w.putKinship({ ...kin, relation: 'other' });
    w.remove(
      'affiliation',
      keyOf.affiliation({ ...aff, share: null, paid: false, from: aff.from ?? null, to: null }),
    );
    const [first, second] = fixture.enforcementActions!;
    w.removeAction(first!.ref);
    w.putAction({ ...second!, officers: ['S001', 'S003'] });
    const moved = fixture.staff!.find((s) => s.staffNo === 'S013')!;
    w.putStaff({ ...moved, person: 'P2', departedOn: null, departureKind: null });
    w.graph.forEachNode((node) => {
      expect(w.tiesAt(node), node).toEqual(listedByGraphology(w.graph, node));
    });
    listAll();
    w.putKinship({ person: 'P1', relative: 'P2', relation: 'spouse' });
    w.graph.forEachNode((node) => {
      expect(w.tiesAt(node), node).toEqual(listedByGraphology(w.graph, node));
    });
  });
});
