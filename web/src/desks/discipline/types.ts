// The shapes the discipline desk reads from the API (src/screening/schemas.ts, src/declarations/schemas.ts,
// src/accountability/finding-schema.ts), as far as the desk uses them.

export type FlagStatus = 'open' | 'confirmed' | 'dismissed' | 'resolved';
export type Severity = 'violation' | 'risk';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The record on the edge into a hop: what the graph knows and since when. */
export interface EvidenceEdge {
  key: string;
  kind: string;
  label: string;
  from: string | null;
  to: string | null;
  direction?: 'forward' | 'backward';
  record?: Record<string, unknown>;
}

/** One step of an evidence path: a node, and (after the first) the edge that led to it. */
export interface EvidenceHop {
  node: string;
  kind: 'person' | 'org' | 'action';
  label: string;
  staffNos?: string[];
  orgKind?: string | null;
  edge?: EvidenceEdge;
}

export interface Flag {
  id: string;
  rule: string;
  severity: Severity;
  status: FlagStatus;
  staffNo: string | null;
  org: string | null;
  action: string | null;
  post: string | null;
  year: number | null;
  citation: { article: string; text: string };
  evidence: {
    asOf: string;
    paths: EvidenceHop[][];
    facts: Record<string, unknown>[];
    policy: Record<string, unknown>;
  };
  firstSeenIn: string;
  lastSeenIn: string;
  resolvedIn: string | null;
  decision: {
    decision: 'confirmed' | 'dismissed';
    reason: string | null;
    by: string | null;
    at: string | null;
  } | null;
}

export interface FlagEvent {
  fromStatus: FlagStatus | null;
  toStatus: FlagStatus;
  screeningId: string | null;
  actor: string;
  reason: string | null;
  at: string;
}

export interface FlagDetail extends Flag {
  history: FlagEvent[];
}

export interface FlagSummary {
  total: number;
  byRule: { rule: string; count: number }[];
  bySeverity: { severity: string; count: number }[];
  byStatus: { status: string; count: number }[];
  byUnit: { unit: string | null; count: number }[];
}

export interface Screening {
  id: string;
  asOf: string;
  policyVersion: number;
  counts: Record<string, number>;
  raised: number;
  resolved: number;
  reopened: number;
  durationMs: number;
}

export type ReviewStatus = 'pending' | 'accepted' | 'returned';

export interface DeclarationSummary {
  staffNo: string;
  name: string;
  unit: string;
  year: number;
  version: number;
  submittedOn: string;
  amendedOn: string | null;
  nothingToReport: boolean;
  itemCount: number;
  review: ReviewStatus;
}

export interface ReviewDecision {
  id: number;
  version: number;
  decision: 'accepted' | 'returned';
  comment: string | null;
  reviewedBy: string;
  reviewedOn: string;
  reviewedAt: string;
}

export type Mark = 'matches' | 'differs' | 'missing' | 'new';

export interface ReviewView {
  declaration: {
    staffNo: string;
    year: number;
    version: number;
    submittedOn: string;
    amendedOn: string | null;
    amendmentReason: string | null;
    nothingToReport: boolean;
    dueOn: string | null;
    onTime: boolean | null;
    review: { status: ReviewStatus; decision: ReviewDecision | null };
  };
  self: { person: string; name: string };
  relatives: {
    person: string;
    name: string | null;
    declared: string | null;
    known: string | null;
    close: boolean;
    mark: Mark;
    label: string;
  }[];
  ties: {
    person: string;
    personName: string | null;
    relation: string | null;
    org: string;
    orgName: string | null;
    orgKind: string | null;
    declared: { role: string; from: string | null; to: string | null }[];
    known: { role: string; from: string | null; to: string | null; source: string }[];
    mark: Mark;
    label: string;
    countsForUndeclared: boolean;
    flag: { id: string; status: string } | null;
  }[];
  summary: Record<Mark, number>;
  flags: { id: string; rule: string; status: string; org: string | null; year: number | null }[];
  reviews: ReviewDecision[];
}

export interface Finding {
  id: string;
  version: number;
  type: string;
  date: string;
  narrative: string;
  severe: boolean;
  suspectedCriminal: boolean;
  status: 'open' | 'closed';
  closedOn: string | null;
  referral: { on: string; reference: string; authority: string | null } | null;
  concerns: {
    actions: string[];
    flags: string[];
    declarations: { staffNo: string; year: number }[];
    rules: string[];
  };
  respondents: {
    staffNo: string;
    responsibility: 'direct' | 'leadership';
    handling: { measure: string; on: string; note: string | null }[];
    sanctions: { measure: string; from: string; until: string | null; note: string | null }[];
  }[];
  suspensions: { staffNo: string; from: string }[];
  recordedAt: string;
  recordedBy: string;
}

export interface FindingVersion {
  version: number;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
  finding: Finding;
}
