import type { PostKind, StaffCategory } from '../db/schema.ts';
import type { Day } from '../lib/days.ts';
import type { RotationDue } from './due.ts';

// What the rotation planner reads: plain records precomputed once per plan, so that judging a candidate post
// is a few map and set lookups, never a database query.

export interface PlanPost {
  id: number;
  code: string;
  name: string;
  unit: string;
  kind: PostKind;
  jurisdiction: string | null;
}

/** A current assignment (active on the plan's day) of a serving staff member. */
export interface PlanHolding {
  assignmentId: number;
  staffId: number;
  staffNo: string;
  post: string;
  since: Day;
}

export interface PlanPerson {
  staffNo: string;
  name: string;
  category: StaffCategory;
  /** A qualified officer (RULES.md) on the plan's day. */
  qualifiedOfficer: boolean;
}

/** A tie of the person or a close relative to an organisation, as of the plan's day. */
export interface PlanTie {
  org: string;
  region: string;
  /** Who holds it and how, for a reader: "马丽（配偶）股东 → 宏达投资 (230503)". */
  describe(): string;
}

/** Why someone may not move into a leadership post: a sanction (政务处分) or a suspension in effect. */
export interface Restriction {
  kind: 'sanction' | 'suspension';
  detail: string;
  until: Day | null;
}

export interface PlannerInput {
  asOf: Day;
  horizonDays: number;
  maxUnitShare: number;
  due: RotationDue[];
  posts: PlanPost[];
  holdings: PlanHolding[];
  /** Everyone holding a current assignment. */
  people: Map<string, PlanPerson>;
  /** Units each due person has served in before (any assignment started on or before the plan's day). */
  servedUnits: Map<string, Set<string>>;
  /** Ties of each due person and their close relatives. */
  ties: Map<string, PlanTie[]>;
  /** Sanctions and suspensions in effect for due people. */
  restrictions: Map<string, Restriction[]>;
  /** The policy the ties were computed with, shown in the plan. */
  policy: { version: number; closeRelatives: string[]; maxOwnershipHops: number };
}

export const CONSTRAINTS = {
  'still-held': 'the assignment to leave is still current',
  'other-unit': 'the new post is in another unit',
  'same-kind': 'the new post is of the same kind as the one left',
  'jurisdiction-recorded': "the new post's jurisdiction is recorded, so ties can be checked",
  'no-tie-in-jurisdiction':
    "neither the person nor a close relative holds a post in, or operates, an organisation in the new post's jurisdiction",
  'no-sanction-into-leadership':
    'no one under an active sanction or suspension is moved into a leadership post',
  'two-officer-floor':
    'every enforcement unit keeps at least two qualified enforcement officers after the moves',
  'unit-share': 'no unit loses more than the set share of its staff at once',
} as const;
export type ConstraintId = keyof typeof CONSTRAINTS;

/** The minimum of qualified officers an enforcement unit keeps (双人执法 needs two). */
export const OFFICER_FLOOR = 2;

export interface Check {
  constraint: ConstraintId;
  passed: boolean;
  detail: string;
}

export interface MoveExplanation {
  /** Every constraint checked for the chosen post (or up to the one that blocked). */
  checks: Check[];
  /** Why this post among the feasible ones, best reason first. */
  why: string[];
  candidates: { considered: number; feasible: number; excludedBy: Partial<Record<ConstraintId, number>> };
  blockedBy: { constraint: ConstraintId; detail: string } | null;
}

export interface ProposedMove {
  staffId: number;
  staffNo: string;
  name: string;
  fromAssignmentId: number;
  fromPost: string;
  fromUnit: string;
  since: Day;
  dueOn: Day;
  dueStatus: 'overdue' | 'due';
  toPost: string | null;
  toUnit: string | null;
  toJurisdiction: string | null;
  status: 'proposed' | 'infeasible';
  explanation: MoveExplanation;
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

export interface PlanResult {
  moves: ProposedMove[];
  units: UnitSummary[];
  counts: { due: number; overdue: number; proposed: number; infeasible: number };
  blockedBy: Partial<Record<ConstraintId, number>>;
}
