import { useEffect, useMemo, useRef } from 'react';
import { MultiDirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { EDGE_KIND_NAMES, NODE_KIND_NAMES, ORG_KIND_NAMES } from '../i18n/zh.ts';

export interface GraphNode {
  node: string;
  label: string;
  kind: 'person' | 'org' | 'action';
  orgKind?: string | null | undefined;
  staffNos?: string[] | undefined;
}

export interface GraphEdge {
  key: string;
  kind: string;
  source: string;
  target: string;
  label: string;
}

export const NODE_COLOURS: Record<string, string> = { person: '#2563eb', org: '#d97706', action: '#7c3aed' };
export const STAFF_COLOUR = '#dc2626';
export const EDGE_COLOURS: Record<string, string> = {
  kinship: '#60a5fa',
  affiliation: '#f59e0b',
  ownership: '#a16207',
  engagement: '#10b981',
  participation: '#8b5cf6',
  target: '#ec4899',
  designation: '#ef4444',
};
const DIMMED = '#e5e7eb';

const colourOf = (n: GraphNode) =>
  n.kind === 'person' && n.staffNos?.length ? STAFF_COLOUR : NODE_COLOURS[n.kind];

type Point = { x: number; y: number };

/**
 * Builds the drawable graph: nodes coloured by kind (staff stand out), edges by kind, laid out by ForceAtlas2.
 * Nodes already placed in an earlier drawing start where they were and new ones start beside a placed
 * neighbour, so expanding a node grows the picture instead of reshuffling it.
 */
function buildGraph(
  nodes: GraphNode[],
  edges: GraphEdge[],
  focus: ReadonlySet<string>,
  placed: ReadonlyMap<string, Point>,
) {
  const graph = new MultiDirectedGraph();
  const n = Math.max(nodes.length, 1);
  const neighbourOf = new Map<string, string>();
  for (const e of edges) {
    if (placed.has(e.source) && !placed.has(e.target)) neighbourOf.set(e.target, e.source);
    if (placed.has(e.target) && !placed.has(e.source)) neighbourOf.set(e.source, e.target);
  }
  nodes.forEach((node, i) => {
    if (graph.hasNode(node.node)) return;
    const angle = (2 * Math.PI * i) / n;
    const anchor = placed.get(node.node) ?? placed.get(neighbourOf.get(node.node) ?? '');
    const start = placed.has(node.node)
      ? anchor!
      : anchor
        ? { x: anchor.x + Math.cos(angle) * 2, y: anchor.y + Math.sin(angle) * 2 }
        : { x: Math.cos(angle) * 10, y: Math.sin(angle) * 10 };
    const kindName =
      node.kind === 'org' && node.orgKind ? ORG_KIND_NAMES[node.orgKind] : NODE_KIND_NAMES[node.kind];
    graph.addNode(node.node, {
      ...start,
      size: focus.has(node.node) ? 14 : 9,
      label: `${node.label}${kindName && !node.label.endsWith('）') ? `（${kindName}）` : ''}`,
      color: colourOf(node),
      forceLabel: focus.has(node.node),
    });
  });
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.key)) continue;
    graph.addEdgeWithKey(edge.key, edge.source, edge.target, {
      label: edge.label,
      color: EDGE_COLOURS[edge.kind] ?? '#94a3b8',
      size: 2,
      type: 'arrow',
    });
  }
  if (graph.order > 1) {
    const fresh = nodes.filter((x) => !placed.has(x.node)).length;
    const iterations = fresh === 0 ? 0 : fresh < nodes.length / 2 ? 60 : 150;
    if (iterations > 0) {
      forceAtlas2.assign(graph, { iterations, settings: forceAtlas2.inferSettings(graph) });
    }
  }
  return graph;
}

export interface GraphViewProps {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes drawn larger with their labels always shown (the centre, the ends of a path). */
  focus?: string[];
  /** When given, these nodes and edges are drawn emphasised and everything else faded (a path). */
  highlight?: { nodes: string[]; edges: string[] } | null;
  height?: number;
  onNodeClick?: (node: string) => void;
  /** The sigma instance, for exports (PNG). */
  onReady?: (sigma: Sigma | null) => void;
  label: string;
}

/** A relationship graph drawn with sigma (WebGL), with a legend and a plain list of what it shows. */
export function GraphView({
  nodes,
  edges,
  focus = [],
  highlight = null,
  height = 420,
  onNodeClick,
  onReady,
  label,
}: GraphViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const placed = useRef(new Map<string, Point>());
  const focusKey = focus.join('|');
  const graph = useMemo(
    () => buildGraph(nodes, edges, new Set(focus), placed.current),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [nodes, edges, focusKey],
  );
  const clickRef = useRef(onNodeClick);
  clickRef.current = onNodeClick;
  const highlightKey = highlight ? `${highlight.nodes.join('|')}#${highlight.edges.join('|')}` : '';

  useEffect(() => {
    placed.current = new Map(
      graph.mapNodes((node, a) => [node, { x: a.x as number, y: a.y as number }] as const),
    );
  }, [graph]);

  useEffect(() => {
    if (!box.current) return;
    const litNodes = highlight ? new Set(highlight.nodes) : null;
    const litEdges = highlight ? new Set(highlight.edges) : null;
    const sigma = new Sigma(graph, box.current, {
      renderEdgeLabels: true,
      allowInvalidContainer: true,
      defaultEdgeType: 'arrow',
      labelFont: '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
      edgeLabelFont: '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
      labelRenderedSizeThreshold: 0,
      zIndex: true,
      nodeReducer: litNodes
        ? (node, data) =>
            litNodes.has(node)
              ? { ...data, zIndex: 1, forceLabel: true, highlighted: true }
              : { ...data, zIndex: 0, color: DIMMED, label: '' }
        : null,
      edgeReducer: litEdges
        ? (edge, data) =>
            litEdges.has(edge)
              ? { ...data, zIndex: 1, size: 4, forceLabel: true }
              : { ...data, zIndex: 0, color: DIMMED, label: '' }
        : null,
    });
    sigma.on('clickNode', ({ node }) => clickRef.current?.(node));
    sigma.on('enterNode', () => {
      if (clickRef.current && box.current) box.current.style.cursor = 'pointer';
    });
    sigma.on('leaveNode', () => {
      if (box.current) box.current.style.cursor = '';
    });
    onReady?.(sigma);
    return () => {
      onReady?.(null);
      sigma.kill();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, highlightKey]);

  const kindsShown = [
    ...new Set(nodes.map((n) => (n.kind === 'person' && n.staffNos?.length ? 'staff' : n.kind))),
  ];
  const edgeKindsShown = [...new Set(edges.map((e) => e.kind))];

  return (
    <figure className="graph-view">
      <div ref={box} className="graph-canvas" style={{ height }} role="img" aria-label={label} />
      <figcaption className="graph-legend">
        {kindsShown.map((k) => (
          <span key={k} className="legend-item">
            <i style={{ background: k === 'staff' ? STAFF_COLOUR : NODE_COLOURS[k] }} />
            {k === 'staff' ? '消防人员' : NODE_KIND_NAMES[k]}
          </span>
        ))}
        {edgeKindsShown.map((k) => (
          <span key={k} className="legend-item legend-edge">
            <i style={{ background: EDGE_COLOURS[k] ?? '#94a3b8' }} />
            {EDGE_KIND_NAMES[k] ?? k}
          </span>
        ))}
      </figcaption>
      <ul className="visually-hidden" aria-label={`${label}：节点`} data-testid="graph-nodes">
        {nodes.map((n) => (
          <li key={n.node} data-node={n.node}>
            {n.label}
          </li>
        ))}
      </ul>
      <ul className="visually-hidden" aria-label={`${label}：关系`} data-testid="graph-edges">
        {edges.map((e) => (
          <li key={e.key} data-edge={e.key} data-kind={e.kind}>
            {e.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
