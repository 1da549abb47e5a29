import type { GraphEdge, GraphNode } from '../../components/graph-view.tsx';
import { EDGE_KIND_NAMES, nameOf, ROLE_IN_ORG_NAMES } from '../../i18n/zh.ts';
import { FACT_NAMES, TIE_SOURCE_NAMES } from './labels.ts';
import type { EvidenceHop, Flag } from './types.ts';

/** The nodes and edges of a flag's evidence paths, each once, for GraphView. */
export function evidenceGraph(paths: EvidenceHop[][]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const path of paths) {
    path.forEach((hop, i) => {
      if (!nodes.has(hop.node)) {
        nodes.set(hop.node, {
          node: hop.node,
          label: hop.label,
          kind: hop.kind,
          orgKind: hop.orgKind,
          staffNos: hop.staffNos,
        });
      }
      const previous = path[i - 1];
      if (!previous || !hop.edge || edges.has(hop.edge.key)) return;
      // The edge is stored the way the record points (a relative's company points from the relative), which
      // may be against the direction the path walks it.
      const [source, target] =
        hop.edge.direction === 'backward' ? [hop.node, previous.node] : [previous.node, hop.node];
      edges.set(hop.edge.key, {
        key: hop.edge.key,
        kind: hop.edge.kind,
        source,
        target,
        label: hop.edge.label,
      });
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** One record the path walks through, as the evidence list shows it. */
export interface EvidenceRecord {
  key: string;
  kind: string;
  from: string;
  to: string;
  what: string;
  period: string;
  source: string | null;
}

const period = (from: string | null, to: string | null) =>
  from === null && to === null ? '无期限' : `${from ?? '—'} 至 ${to ?? '今'}`;

/** The records (edges) of every path in order, each once, with who they join and their dates. */
export function evidenceRecords(paths: EvidenceHop[][]): EvidenceRecord[] {
  const seen = new Set<string>();
  const records: EvidenceRecord[] = [];
  for (const path of paths) {
    path.forEach((hop, i) => {
      const previous = path[i - 1];
      if (!previous || !hop.edge || seen.has(hop.edge.key)) return;
      seen.add(hop.edge.key);
      const source = hop.edge.record?.['source'];
      records.push({
        key: hop.edge.key,
        kind: EDGE_KIND_NAMES[hop.edge.kind] ?? hop.edge.kind,
        from: previous.label,
        to: hop.label,
        what: hop.edge.label,
        period: period(hop.edge.from, hop.edge.to),
        source: typeof source === 'string' ? (TIE_SOURCE_NAMES[source] ?? source) : null,
      });
    });
  }
  return records;
}

/** Facts the rule compared, flattened to labelled lines (nested objects as `a.b`). */
export function factLines(facts: Record<string, unknown>[]): { key: string; label: string; value: string }[] {
  const lines: { key: string; label: string; value: string }[] = [];
  const walk = (value: unknown, path: string, index: number) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, index);
      return;
    }
    const label = FACT_NAMES[path] ?? FACT_NAMES[path.split('.').at(-1) ?? ''] ?? path;
    lines.push({ key: `${index}:${path}`, label, value: show(path, value) });
  };
  facts.forEach((fact, i) => walk(fact, '', i));
  return lines;
}

function show(path: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return path.endsWith('role') ? nameOf(ROLE_IN_ORG_NAMES, value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '无';
    return value
      .map((v) =>
        v !== null && typeof v === 'object' ? summariseObject(v as Record<string, unknown>) : String(v),
      )
      .join('；');
  }
  return JSON.stringify(value);
}

const summariseObject = (o: Record<string, unknown>) =>
  Object.entries(o)
    .filter(([, v]) => !Array.isArray(v) || v.length > 0)
    .map(([k, v]) => `${FACT_NAMES[k] ?? k} ${Array.isArray(v) ? v.length + ' 项' : String(v)}`)
    .join('，');

/** Who or what the flag is about, in the words of its evidence (the staff member's name, the action). */
export function subjectOf(flag: Flag): string {
  if (flag.staffNo === null && flag.action !== null) {
    const action = hopOf(flag, `action:${flag.action}`);
    if (action) return action.label;
  }
  const first = flag.evidence.paths[0]?.[0];
  if (first) return first.label;
  return flag.staffNo ?? flag.action ?? '—';
}

/** The organisation the flag names, by its name in the evidence when the path reaches it. */
export function orgNameOf(flag: Flag): string | null {
  if (!flag.org) return null;
  return hopOf(flag, `org:${flag.org}`)?.label ?? flag.org;
}

function hopOf(flag: Flag, node: string): EvidenceHop | undefined {
  for (const path of flag.evidence.paths) {
    const hop = path.find((h) => h.node === node);
    if (hop) return hop;
  }
  return undefined;
}
