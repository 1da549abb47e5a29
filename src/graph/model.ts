import type {
  ActionKind,
  AffiliationRole,
  DeclarationItem,
  DepartureKind,
  OrgKind,
  PostKind,
  QualificationKind,
  Relation,
  StaffCategory,
  TieSource,
} from '../db/schema.ts';
import type { Day } from '../lib/days.ts';

// The world as the rules see it: plain records keyed by natural keys (never database ids).

export interface PersonRecord {
  ref: string;
  name: string;
}

export interface StaffRecord {
  staffNo: string;
  person: string;
  category: StaffCategory;
  unit: string;
  jurisdiction: string;
  hiredOn: Day;
  departedOn: Day | null;
  departureKind: DepartureKind | null;
}

/** "relative is person's relation". */
export interface KinshipRecord {
  person: string;
  relative: string;
  relation: Relation;
}

export interface OrgRecord {
  creditCode: string;
  name: string;
  kind: OrgKind;
  region: string;
}

export interface AffiliationRecord {
  person: string;
  org: string;
  role: AffiliationRole;
  share: number | null;
  paid: boolean;
  from: Day | null;
  to: Day | null;
  source: TieSource;
}

export interface OwnershipRecord {
  owner: string;
  org: string;
  share: number | null;
  from: Day | null;
  to: Day | null;
}

export interface PostRecord {
  code: string;
  name: string;
  unit: string;
  kind: PostKind;
  rotationYears: number | null;
}

export interface AssignmentRecord {
  staffNo: string;
  post: string;
  from: Day;
  to: Day | null;
}

export interface QualificationRecord {
  staffNo: string;
  kind: QualificationKind;
  certNo: string;
  passedOn: Day;
  expiresOn: Day | null;
}

export interface SuspensionRecord {
  staffNo: string;
  from: Day;
  to: Day | null;
  reason: string;
}

export interface ActionRecord {
  ref: string;
  kind: ActionKind;
  org: string;
  on: Day;
  officers: string[];
}

export interface EngagementRecord {
  client: string;
  contractor: string;
  on: Day;
}

export interface DesignationRecord {
  staffNo: string;
  org: string;
  on: Day;
  source: string;
  note: string | null;
}

export interface CampaignRecord {
  year: number;
  dueOn: Day;
}

export interface DeclarationRecord {
  staffNo: string;
  year: number;
  submittedOn: Day | null;
  items: DeclarationItem[];
}

/** A staff member taking part in an enforcement action (an officer of it). */
export interface ParticipationRecord {
  action: string;
  staffNo: string;
  position: number;
}

/** The organisation an enforcement action acted upon. */
export interface TargetRecord {
  action: string;
  org: string;
  on: Day;
  kind: ActionKind;
}

export const NODE_KINDS = ['person', 'org', 'action'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

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

export interface EdgeRecordOf {
  kinship: KinshipRecord;
  affiliation: AffiliationRecord;
  ownership: OwnershipRecord;
  engagement: EngagementRecord;
  participation: ParticipationRecord;
  target: TargetRecord;
  designation: DesignationRecord;
}

/**
 * An edge carries its record and the interval it exists in: `[from, to)` for ties, `[on, ∞)` for events
 * (an event dated after asOf does not exist yet), unbounded for kinship.
 */
export type EdgeAttributes = {
  [K in EdgeKind]: { kind: K; from: Day | null; to: Day | null; record: EdgeRecordOf[K] };
}[EdgeKind];

export type NodeAttributes =
  | { kind: 'person'; key: string; label: string; staffNos: string[] }
  | { kind: 'org'; key: string; label: string; orgKind: OrgKind | null; region: string | null }
  | { kind: 'action'; key: string; label: string; actionKind: ActionKind | null; on: Day | null };

export const personNode = (ref: string) => `person:${ref}`;
export const orgNode = (creditCode: string) => `org:${creditCode}`;
export const actionNode = (ref: string) => `action:${ref}`;

/** Splits a node key into its kind and natural key; null when it is not one. */
export function parseNodeKey(key: string): { kind: NodeKind | 'staff'; id: string } | null {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  if (kind === 'person' || kind === 'org' || kind === 'action' || kind === 'staff') return { kind, id };
  return null;
}

export const FIRE_INDUSTRY = new Set<OrgKind>([
  'fire_engineering',
  'technical_service_maintenance',
  'technical_service_assessment',
  'fire_product',
]);
export const OPERATING = new Set<AffiliationRole>([
  'owner',
  'shareholder',
  'partner',
  'legal_representative',
  'director',
  'executive',
]);
export const OWNING = new Set<AffiliationRole>(['owner', 'shareholder', 'partner']);
export const CADRES = new Set<StaffCategory>(['leader_cadre', 'enforcement_cadre', 'cadre']);

/** A post (任职/兼职) is any role in an organisation except `member`. */
export const isPost = (role: AffiliationRole) => role !== 'member';
