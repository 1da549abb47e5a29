import { NotFoundError } from '../errors.ts';
import { isActiveOn, type Day } from '../lib/days.ts';
import { nodeLabel, edgeLabel } from './labels.ts';
import { parseNodeKey, type EdgeAttributes, type EdgeKind, type NodeKind } from './model.ts';
import type { Walk } from './walk.ts';
import type { NodeTie, World } from './world.ts';

// Tracing for investigators: shortest simple paths between two nodes, and a node's neighbourhood, as of a
// day and over the edge kinds asked for. Direction is ignored (a tie links both ways for an investigator);
// both searches are bounded so a hub with thousands of ties cannot blow a response up.

export interface TraceScope {
  asOf: Day;
  /** Edge kinds to follow; null: all. */
  kinds: ReadonlySet<EdgeKind> | null;
}

/** The graph node a node key names (`staff:<staffNo>` is that staff member's person); 404 when unknown. */
export function resolveNode(world: World, key: string): string {
  const parsed = parseNodeKey(key);
  if (parsed) {
    const node = parsed.kind === 'staff' ? world.staffNode(parsed.id) : key;
    if (node && world.graph.hasNode(node)) return node;
  }
  throw new NotFoundError(`node ${key}`);
}

const follows = (a: EdgeAttributes, scope: TraceScope) =>
  (scope.kinds === null || scope.kinds.has(a.kind)) && isActiveOn(a.from, a.to, scope.asOf);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNeighborThenEdge = (a: NodeTie, b: NodeTie) =>
  byText(a.neighbor, b.neighbor) || byText(a.edge, b.edge);

// The searches below loop over `world.tiesAt(node)` themselves, skipping ties that `follows` rejects: a
// callback per node would be an allocation per node visited, on every tracing read.

export interface PathsResult {
  walks: Walk[];
  /** The search stopped at its work budget; longer or further paths may exist. */
  truncated: boolean;
}

/**
 * Simple paths from `from` to `to` of at most `maxDepth` edges, shortest first (then in node-key order), at
 * most `limit`. Distances to `to` are computed first (breadth-first, bounded), so the enumeration only
 * walks edges that can still reach `to` in the steps left.
 */
export function findPaths(
  world: World,
  from: string,
  to: string,
  options: TraceScope & { maxDepth: number; limit: number; budget?: number },
): PathsResult {
  const budget = options.budget ?? 200_000;
  if (from === to) return { walks: [{ start: from, steps: [] }], truncated: false };
  let truncated = false;
  const distance = new Map<string, number>([[to, 0]]);
  let frontier = [to];
  // Distances up to maxDepth - 1 only: a node further from `to` cannot be a step of a path of at most
  // maxDepth edges (it would be at least one step from `from`), and `from` itself is looked up below.
  for (let d = 1; d < options.maxDepth && frontier.length > 0 && !truncated; d += 1) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const { attributes, neighbor } of world.tiesAt(node)) {
        if (!follows(attributes, options) || distance.has(neighbor)) continue;
        distance.set(neighbor, d);
        next.push(neighbor);
      }
      if (distance.size > budget) {
        truncated = true;
        break;
      }
    }
    frontier = next;
  }
  if (!distance.has(from) && !truncated) {
    const last = world
      .tiesAt(from)
      .some((t) => follows(t.attributes, options) && distance.get(t.neighbor) === options.maxDepth - 1);
    if (last) distance.set(from, options.maxDepth);
  }

  const walks: Walk[] = [];
  const shortest = distance.get(from);
  if (shortest === undefined) return { walks, truncated };
  const onPath = new Set<string>([from]);
  const steps: { edge: string; node: string }[] = [];
  let work = 0;
  const extend = (node: string, left: number): void => {
    if (left === 0) {
      if (node === to) walks.push({ start: from, steps: [...steps] });
      return;
    }
    if (node === to) return;
    const candidates: NodeTie[] = [];
    for (const tie of world.tiesAt(node)) {
      const d = distance.get(tie.neighbor);
      if (d === undefined || d > left - 1 || onPath.has(tie.neighbor) || !follows(tie.attributes, options))
        continue;
      candidates.push(tie);
    }
    if (candidates.length > 1) candidates.sort(byNeighborThenEdge);
    for (const { neighbor, edge } of candidates) {
      if (walks.length >= options.limit) return;
      if ((work += 1) > budget) {
        truncated = true;
        return;
      }
      onPath.add(neighbor);
      steps.push({ edge, node: neighbor });
      extend(neighbor, left - 1);
      steps.pop();
      onPath.delete(neighbor);
    }
  };
  for (let length = shortest; length <= options.maxDepth; length += 1) {
    if (walks.length >= options.limit || work > budget) break;
    extend(from, length);
  }
  return { walks, truncated };
}

export interface NeighborhoodNode {
  node: string;
  kind: NodeKind;
  label: string;
  depth: number;
  staffNos?: string[];
  orgKind?: string | null;
  region?: string | null;
  actionKind?: string | null;
  on?: Day | null;
}

export interface NeighborhoodEdge {
  key: string;
  kind: EdgeKind;
  source: string;
  target: string;
  label: string;
  from: Day | null;
  to: Day | null;
  record: Record<string, unknown>;
}

export interface Neighborhood {
  center: string;
  nodes: NeighborhoodNode[];
  edges: NeighborhoodEdge[];
  /** The node cap was reached: some nodes within `depth` are left out. */
  truncated: boolean;
}

/**
 * The ego network of `center`: nodes within `depth` edges (breadth-first, nearest first, then in key order)
 * up to `maxNodes`, and every followed edge among them.
 */
export function neighborhood(
  world: World,
  center: string,
  options: TraceScope & { depth: number; maxNodes: number },
): Neighborhood {
  const depthOf = new Map<string, number>([[center, 0]]);
  let truncated = false;
  let frontier = [center];
  for (let d = 1; d <= options.depth && frontier.length > 0 && !truncated; d += 1) {
    const next: string[] = [];
    for (const node of frontier) {
      const found: string[] = [];
      for (const { attributes, neighbor } of world.tiesAt(node)) {
        if (follows(attributes, options) && !depthOf.has(neighbor)) found.push(neighbor);
      }
      found.sort(byText);
      for (const neighbor of found) {
        if (depthOf.has(neighbor)) continue;
        if (depthOf.size >= options.maxNodes) {
          truncated = true;
          break;
        }
        depthOf.set(neighbor, d);
        next.push(neighbor);
      }
      if (truncated) break;
    }
    frontier = next;
  }

  const { graph } = world;
  const name = (node: string) => graph.getNodeAttribute(node, 'label');
  const nodes: NeighborhoodNode[] = [];
  const edges: NeighborhoodEdge[] = [];
  for (const [node, depth] of depthOf) {
    const a = graph.getNodeAttributes(node);
    const n: NeighborhoodNode = { node, kind: a.kind, label: nodeLabel(a), depth };
    if (a.kind === 'person') n.staffNos = [...a.staffNos];
    if (a.kind === 'org') Object.assign(n, { orgKind: a.orgKind, region: a.region });
    if (a.kind === 'action') Object.assign(n, { actionKind: a.actionKind, on: a.on });
    nodes.push(n);
    for (const { edge, attributes: e, neighbor, outward } of world.tiesAt(node)) {
      if (!outward || !depthOf.has(neighbor) || !follows(e, options)) continue;
      edges.push({
        key: edge,
        kind: e.kind,
        source: node,
        target: neighbor,
        label: edgeLabel(e, name),
        from: e.from,
        to: e.to,
        record: { ...e.record },
      });
    }
  }
  nodes.sort((a, b) => a.depth - b.depth || byText(a.node, b.node));
  edges.sort((a, b) => byText(a.key, b.key));
  return { center, nodes, edges, truncated };
}
