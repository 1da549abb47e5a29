// The graph API's answers as the investigator desk reads them (src/routes/graph.ts).

export type NodeKind = 'person' | 'org' | 'action';

export const EDGE_KINDS = [
  'kinship',
  'affiliation',
  'ownership',
  'engagement',
  'participation',
  'target',
  'designation',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface HoodNode {
  node: string;
  kind: NodeKind;
  label: string;
  depth: number;
  staffNos?: string[];
  orgKind?: string | null;
  region?: string | null;
  actionKind?: string | null;
  on?: string | null;
}

export interface HoodEdge {
  key: string;
  kind: EdgeKind;
  source: string;
  target: string;
  label: string;
  from: string | null;
  to: string | null;
  record: Record<string, unknown>;
}

export interface Neighbourhood {
  center: string;
  asOf: string;
  depth: number;
  nodes: HoodNode[];
  edges: HoodEdge[];
  truncated: boolean;
}

export interface PathHop {
  node: string;
  label: string;
  kind: NodeKind;
  staffNos?: string[];
  edge?: {
    key: string;
    kind: EdgeKind;
    label: string;
    direction: 'forward' | 'backward';
    from: string | null;
    to: string | null;
    record: Record<string, unknown>;
  };
}

export interface PathsAnswer {
  from: string;
  to: string;
  asOf: string;
  maxDepth: number;
  paths: PathHop[][];
  truncated: boolean;
}

/** Something the investigator picked by search: a node key and how to name it. */
export interface Picked {
  key: string;
  label: string;
}

/** What every graph read is asked with. */
export interface GraphParams {
  asOf: string;
  depth: number;
  limit: number;
  kinds: EdgeKind[];
}
