import { MultiDirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import type { Neighborhood } from './tracing.ts';

/** A neighbourhood as GEXF 1.3, for Gephi: node kind and depth, edge kind and dates as attributes. */
export function neighborhoodToGexf(n: Neighborhood): string {
  const g = new MultiDirectedGraph();
  for (const node of n.nodes) {
    g.addNode(node.node, { label: node.label, kind: node.kind, depth: node.depth });
  }
  for (const e of n.edges) {
    g.addDirectedEdgeWithKey(e.key, e.source, e.target, {
      label: e.label,
      kind: e.kind,
      from: e.from ?? '',
      to: e.to ?? '',
    });
  }
  return write(g, {
    version: '1.3',
    formatNode: (_key, a) => ({ label: String(a.label), attributes: { kind: a.kind, depth: a.depth } }),
    formatEdge: (_key, a) => ({
      label: String(a.label),
      attributes: { kind: a.kind, from: a.from, to: a.to },
    }),
  });
}
