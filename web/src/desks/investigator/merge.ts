import type { GraphEdge, GraphNode } from '../../components/graph-view.tsx';
import type { HoodEdge, HoodNode, Neighbourhood, PathHop } from './types.ts';

export interface Drawing {
  nodes: HoodNode[];
  edges: HoodEdge[];
}

/**
 * One picture from several neighbourhoods (the centre's first, then each expanded node's), each node and edge
 * once, each node at its least distance from the centre.
 */
export function mergeNeighbourhoods(answers: Neighbourhood[]): Drawing {
  const nodes = new Map<string, HoodNode>();
  const edges = new Map<string, HoodEdge>();
  for (const answer of answers) {
    // An expanded node's neighbours are one step further from the centre than it is.
    const offset = nodes.get(answer.center)?.depth ?? 0;
    for (const n of answer.nodes) {
      const depth = offset + n.depth;
      const seen = nodes.get(n.node);
      if (!seen || seen.depth > depth) nodes.set(n.node, { ...(seen ?? n), depth });
    }
    for (const e of answer.edges) if (!edges.has(e.key)) edges.set(e.key, e);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The edges a path walks, oriented as stored (a backward hop walks its edge against its direction). */
export function pathEdges(path: PathHop[]): HoodEdge[] {
  const edges: HoodEdge[] = [];
  path.forEach((hop, i) => {
    const prev = path[i - 1];
    if (!hop.edge || !prev) return;
    const forward = hop.edge.direction === 'forward';
    edges.push({
      key: hop.edge.key,
      kind: hop.edge.kind,
      source: forward ? prev.node : hop.node,
      target: forward ? hop.node : prev.node,
      label: hop.edge.label,
      from: hop.edge.from,
      to: hop.edge.to,
      record: hop.edge.record,
    });
  });
  return edges;
}

/** Adds the paths' nodes and edges to the drawing (a path may leave the drawn neighbourhood). */
export function withPaths(drawing: Drawing, paths: PathHop[][]): Drawing {
  const nodes = new Map(drawing.nodes.map((n) => [n.node, n]));
  const edges = new Map(drawing.edges.map((e) => [e.key, e]));
  for (const path of paths) {
    for (const hop of path) {
      if (!nodes.has(hop.node)) {
        nodes.set(hop.node, {
          node: hop.node,
          kind: hop.kind,
          label: hop.label,
          depth: -1,
          staffNos: hop.staffNos,
        });
      }
    }
    for (const e of pathEdges(path)) if (!edges.has(e.key)) edges.set(e.key, e);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export function toGraphView(drawing: Drawing): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: drawing.nodes.map((n) => ({
      node: n.node,
      label: n.label,
      kind: n.kind,
      orgKind: n.orgKind,
      staffNos: n.staffNos,
    })),
    edges: drawing.edges.map((e) => ({
      key: e.key,
      kind: e.kind,
      source: e.source,
      target: e.target,
      label: e.label,
    })),
  };
}

/** A tie's dates as people read them. */
export function periodOf(from: string | null, to: string | null): string {
  if (from && to) return `${from} 至 ${to}`;
  if (from) return `${from} 起`;
  if (to) return `至 ${to}`;
  return '无起止日期';
}
