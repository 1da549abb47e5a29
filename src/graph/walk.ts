import type { Day } from '../lib/days.ts';
import { edgeLabel, nodeLabel } from './labels.ts';
import type { EdgeKind, NodeKind } from './model.ts';
import type { WorldGraph } from './world.ts';

/** One step of a walk: along `edge` (in either direction) to `node`. */
export interface Step {
  edge: string;
  node: string;
}

/** A walk through the graph: a start node and the steps taken from it. Cheap to build while traversing. */
export interface Walk {
  start: string;
  steps: readonly Step[];
}

export interface HopEdge {
  key: string;
  kind: EdgeKind;
  label: string;
  /** `forward` when the edge points from the previous hop to this one. */
  direction: 'forward' | 'backward';
  from: Day | null;
  to: Day | null;
  record: Record<string, unknown>;
}

/** A node of a rendered path; `edge` is the edge that led here from the previous hop. */
export interface Hop {
  node: string;
  kind: NodeKind;
  label: string;
  staffNos?: string[];
  edge?: HopEdge;
}

export const lastNode = (w: Walk) => w.steps.at(-1)?.node ?? w.start;

export const extend = (w: Walk, edge: string, node: string): Walk => ({
  start: w.start,
  steps: [...w.steps, { edge, node }],
});

/** The same walk taken backwards. */
export function reverseWalk(w: Walk): Walk {
  const nodes = [w.start, ...w.steps.map((s) => s.node)];
  const steps: Step[] = [];
  for (let i = w.steps.length - 1; i >= 0; i -= 1) {
    steps.push({ edge: w.steps[i]!.edge, node: nodes[i]! });
  }
  return { start: lastNode(w), steps };
}

/** `a` then `b`; `b` starts where `a` ends. */
export function joinWalks(a: Walk, b: Walk): Walk {
  return { start: a.start, steps: [...a.steps, ...b.steps] };
}

/** Renders a walk as hops with labels, records and directions. */
export function renderWalk(graph: WorldGraph, w: Walk): Hop[] {
  const name = (node: string) => (graph.hasNode(node) ? graph.getNodeAttribute(node, 'label') : node);
  const hop = (node: string): Hop => {
    const a = graph.getNodeAttributes(node);
    const h: Hop = { node, kind: a.kind, label: nodeLabel(a) };
    if (a.kind === 'person' && a.staffNos.length > 0) h.staffNos = [...a.staffNos];
    return h;
  };
  const hops: Hop[] = [hop(w.start)];
  let previous = w.start;
  for (const step of w.steps) {
    const e = graph.getEdgeAttributes(step.edge);
    const h = hop(step.node);
    h.edge = {
      key: step.edge,
      kind: e.kind,
      label: edgeLabel(e, name),
      direction: graph.source(step.edge) === previous ? 'forward' : 'backward',
      from: e.from,
      to: e.to,
      record: { ...e.record },
    };
    hops.push(h);
    previous = step.node;
  }
  return hops;
}
