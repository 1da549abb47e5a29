import { setFlagsFromString } from 'node:v8';
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../src/bundle/schema.ts';
import { addNodeWithHashedAdjacency } from '../src/graph/hashed-adjacency.ts';
import { worldFromBundle } from '../src/graph/world.ts';
import { loadFixture } from './support/test-app.ts';

type G = MultiDirectedGraph<{ n: number }, { e: number }>;

// V8's own answer to "does this object have a hidden class of its own" (fast properties) or is it a hash table.
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

/** Whether both neighbour indexes of a node (graphology's internal node record) are hash tables. */
function hasHashedAdjacency(graph: MultiDirectedGraph, node: string): boolean {
  const record = (graph as unknown as { _nodes: Map<string, { in: object; out: object }> })._nodes.get(node);
  return record !== undefined && !hasFastProperties(record.in) && !hasFastProperties(record.out);
}

/** Everything graphology answers about a graph's adjacency, in a comparable form. */
function adjacency(g: G) {
  const of = (node: string) => ({
    out: g.outEdges(node),
    in: g.inEdges(node),
    outNeighbors: g.outNeighbors(node),
    inNeighbors: g.inNeighbors(node),
    degree: [g.inDegree(node), g.outDegree(node)],
  });
  const between = (a: string, b: string) => ({ edges: g.edges(a, b), has: g.hasDirectedEdge(a, b) });
  const nodes = g.nodes();
  return {
    nodes: Object.fromEntries(nodes.map((n) => [n, of(n)])),
    pairs: nodes.flatMap((a) => nodes.map((b) => between(a, b))),
    edges: g.mapEdges((key, attrs, source, target) => [key, attrs.e, source, target]),
  };
}

/** The same additions and removals, with the nodes added by `add`: parallel edges, a self-loop, drops. */
function build(add: (g: G, key: string) => void): G {
  const g: G = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const key of ['person:a', 'person:b', 'org:c', 'org:d', 'action:e']) add(g, key);
  const ties: Array<[string, string, string]> = [
    ['k1', 'person:a', 'person:b'],
    ['k2', 'person:b', 'person:a'],
    ['a1', 'person:a', 'org:c'],
    ['a2', 'person:a', 'org:c'],
    ['a3', 'person:a', 'org:c'],
    ['o1', 'org:c', 'org:d'],
    ['s1', 'org:d', 'org:d'],
    ['t1', 'action:e', 'org:d'],
    ['p1', 'person:b', 'action:e'],
  ];
  ties.forEach(([key, source, target], e) => g.addDirectedEdgeWithKey(key, source, target, { e }));
  g.dropEdge('a2');
  g.dropEdge('k2');
  g.dropNode('action:e');
  add(g, 'action:e');
  g.addDirectedEdgeWithKey('t2', 'action:e', 'org:c', { e: 9 });
  return g;
}

describe('hashed neighbour indexes', () => {
  it('answer every adjacency question as graphology’s own indexes do', () => {
    const plain = build((g, key) => g.addNode(key, { n: 0 }));
    const hashed = build((g, key) => addNodeWithHashedAdjacency(g, key, { n: 0 }));
    expect(hashed.nodes().every((n) => hasHashedAdjacency(hashed, n))).toBe(true);
    expect(adjacency(hashed)).toEqual(adjacency(plain));
  });

  it('are told apart from graphology’s own (the near miss: a node graphology added, nothing removed)', () => {
    const g: G = new MultiDirectedGraph();
    g.addNode('person:a', { n: 0 });
    g.addNode('org:b', { n: 0 });
    g.addDirectedEdgeWithKey('a1', 'person:a', 'org:b', { e: 0 });
    expect(hasHashedAdjacency(g, 'person:a')).toBe(false);
    expect(hasHashedAdjacency(g, 'org:b')).toBe(false);
  });

  it('are what every node of a world gets (a graphology upgrade that moves its internals fails here)', () => {
    const world = worldFromBundle(loadFixture<Bundle>('world-small.json'));
    expect(world.graph.order).toBeGreaterThan(0);
    expect(world.graph.filterNodes((node) => !hasHashedAdjacency(world.graph, node))).toEqual([]);
  });
});
