// The shapes the HR desk reads from the API (src/rotation/plan-schemas.ts, src/qualifications/schemas.ts).

export type PostKind = 'enforcement' | 'leadership' | 'administrative' | 'rescue';
export type DueStatus = 'overdue' | 'due';

export interface DueRow {
  staffNo: string;
  name: string;
  post: string;
  postName: string;
  unit: string;
  postKind: PostKind;
  since: string;
  dueOn: string;
  status: DueStatus;
}

export interface DueRows {
  asOf: string;
  withinDays: number;
  items: DueRow[];
}

interface Tally {
  overdue: number;
  due: number;
  total: number;
}

export interface DueSummary extends Tally {
  asOf: string;
  withinDays: number;
  byUnit: ({ unit: string } & Tally)[];
  byPostKind: ({ postKind: PostKind } & Tally)[];
}

export interface ExpiringCertificate {
  certNo: string;
  staffNo: string;
  kind: 'enforcement' | 'auxiliary';
  level: string | null;
  issuer: string | null;
  passedOn: string;
  expiresOn: string | null;
  renewedBy: string | null;
  unit: string;
  category: string;
  daysLeft: number;
}

export interface Expiring {
  asOf: string;
  withinDays: number;
  items: ExpiringCertificate[];
}

export type MoveStatus = 'proposed' | 'infeasible' | 'edited' | 'dropped' | 'applied';

export interface Check {
  constraint: string;
  passed: boolean;
  detail: string;
}

export interface PlanMove {
  id: number;
  position: number;
  staffNo: string;
  name: string;
  fromPost: string;
  fromUnit: string;
  since: string;
  dueOn: string;
  dueStatus: DueStatus;
  toPost: string | null;
  toUnit: string | null;
  toJurisdiction: string | null;
  status: MoveStatus;
  explanation: {
    checks: Check[];
    why: string[];
    candidates: { considered: number; feasible: number; excludedBy: Record<string, number> };
    blockedBy: { constraint: string; detail: string } | null;
  };
  note: string | null;
  openedAssignmentId: number | null;
  version: number;
}

export interface UnitSummary {
  unit: string;
  headcount: number;
  maxMovesOut: number;
  movesOut: number;
  movesIn: number;
  enforcementUnit: boolean;
  officersBefore: number;
  officersAfter: number;
}

export interface Plan {
  id: number;
  asOf: string;
  horizonDays: number;
  maxUnitShare: number;
  status: 'proposed' | 'accepted';
  createdBy: string;
  createdAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
  summary: {
    counts: { due: number; overdue: number; proposed: number; infeasible: number };
    blockedBy: Record<string, number>;
    units: UnitSummary[];
  };
  version: number;
}

export interface Post {
  code: string;
  name: string;
  unit: string;
  kind: PostKind;
  rotationYears: number | null;
  jurisdiction: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
