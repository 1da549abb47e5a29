import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The database as Kysely sees it, in camelCase (CamelCasePlugin maps to the snake_case columns).
// Dates are `YYYY-MM-DD` strings (the DATE type parser is disabled), numerics are strings.

type Day = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

interface Versioned {
  version: Generated<number>;
  seq: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PersonTable extends Versioned {
  id: Generated<number>;
  ref: string;
  name: string;
  idNumber: string | null;
}

export type StaffCategory = 'leader_cadre' | 'enforcement_cadre' | 'cadre' | 'firefighter' | 'civilian';
export type DepartureKind = 'resigned' | 'retired' | 'dismissed' | 'transferred';

export interface StaffTable extends Versioned {
  id: Generated<number>;
  staffNo: string;
  personId: number;
  category: StaffCategory;
  unit: string;
  jurisdiction: string;
  hiredOn: Day;
  departedOn: Day | null;
  departureKind: DepartureKind | null;
}

export type Relation =
  | 'spouse'
  | 'parent'
  | 'child'
  | 'sibling'
  | 'grandparent'
  | 'grandchild'
  | 'child_spouse'
  | 'spouse_parent'
  | 'spouse_sibling'
  | 'sibling_spouse'
  | 'other';

export interface KinshipTable extends Versioned {
  id: Generated<number>;
  personId: number;
  relativeId: number;
  relation: Relation;
}

export type OrgKind =
  | 'fire_engineering'
  | 'technical_service_maintenance'
  | 'technical_service_assessment'
  | 'fire_product'
  | 'industry_association'
  | 'intermediary'
  | 'public_venue'
  | 'other';

export interface OrganizationTable extends Versioned {
  id: Generated<number>;
  creditCode: string;
  name: string;
  kind: OrgKind;
  region: string;
}

export type AffiliationRole =
  | 'owner'
  | 'shareholder'
  | 'partner'
  | 'legal_representative'
  | 'director'
  | 'executive'
  | 'employee'
  | 'consultant'
  | 'member';
export type TieSource = 'registry' | 'declaration' | 'investigation' | 'hr';

export interface AffiliationTable extends Versioned {
  id: Generated<number>;
  personId: number;
  orgId: number;
  role: AffiliationRole;
  share: string | null;
  paid: Generated<boolean>;
  validFrom: Day | null;
  validTo: Day | null;
  source: TieSource;
}

export interface OwnershipTable extends Versioned {
  id: Generated<number>;
  ownerOrgId: number;
  orgId: number;
  share: string | null;
  validFrom: Day | null;
  validTo: Day | null;
}

export type PostKind = 'enforcement' | 'leadership' | 'administrative' | 'rescue';

export interface PostTable extends Versioned {
  id: Generated<number>;
  code: string;
  name: string;
  unit: string;
  kind: PostKind;
  rotationYears: number | null;
  /** The area its holder acts in (6-digit code); null until HR records it. */
  jurisdiction: string | null;
}

export interface AssignmentTable extends Versioned {
  id: Generated<number>;
  staffId: number;
  postId: number;
  validFrom: Day;
  validTo: Day | null;
}

export type QualificationKind = 'enforcement' | 'auxiliary';

export interface QualificationTable extends Versioned {
  id: Generated<number>;
  staffId: number;
  kind: QualificationKind;
  certNo: string;
  level: string | null;
  issuer: string | null;
  passedOn: Day;
  expiresOn: Day | null;
}

export interface SuspensionTable extends Versioned {
  id: Generated<number>;
  staffId: number;
  validFrom: Day;
  validTo: Day | null;
  reason: string;
  /** The improper_gain finding that suspended them (停职查办), if any. */
  findingId: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ActionKind = 'inspection' | 'penalty' | 'approval' | 'investigation';

export interface EnforcementActionTable extends Versioned {
  id: Generated<number>;
  ref: string;
  kind: ActionKind;
  orgId: number;
  onDate: Day;
}

export interface ActionOfficerTable {
  actionId: number;
  staffId: number;
  position: number;
}

export interface EngagementTable extends Versioned {
  id: Generated<number>;
  clientOrgId: number;
  contractorOrgId: number;
  onDate: Day;
}

export interface DesignationTable extends Versioned {
  id: Generated<number>;
  staffId: number;
  orgId: number;
  onDate: Day;
  source: string;
  note: string | null;
}

export interface CampaignTable extends Versioned {
  id: Generated<number>;
  year: number;
  dueOn: Day;
  /** null: everyone serving on 31 December of the year. */
  population: ColumnType<CampaignPopulation | null, string | null | undefined, string | null>;
  openedBy: ColumnType<string | null, string | null | undefined, string | null>;
  openedOn: ColumnType<Day | null, Day | null | undefined, Day | null>;
}

export type CampaignPopulation = { servingOn: Day } | { staffNos: string[] };

/** A declared item, by natural keys (person ref, organisation credit code). */
export type DeclarationItem =
  | { type: 'relative'; person: string; relation: Relation }
  | { type: 'affiliation'; person: string; org: string; role: AffiliationRole };

export interface DeclarationTable extends Versioned {
  id: Generated<number>;
  staffId: number;
  year: number;
  submittedOn: Day | null;
  items: ColumnType<DeclarationItem[], string, string>;
  nothingToReport: Generated<boolean>;
  /** Set on an amendment: why, and the day this version was submitted (`submittedOn` stays the first). */
  amendmentReason: ColumnType<string | null, string | null | undefined, string | null>;
  amendedOn: ColumnType<Day | null, Day | null | undefined, Day | null>;
  submittedBy: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RevisionTable {
  id: Generated<number>;
  tableName: string;
  rowId: number;
  version: number;
  data: unknown;
  replacedAt: Timestamp;
}

export interface PolicyTable {
  version: number;
  values: ColumnType<Record<string, unknown>, string, string>;
  reason: string | null;
  createdBy: string;
  createdAt: Timestamp;
}

export interface ScreeningTable {
  id: Generated<string>;
  asOf: Day;
  policyVersion: number | null;
  triggeredBy: string;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  raised: Generated<number>;
  resolved: Generated<number>;
  reopened: Generated<number>;
  durationMs: Generated<number>;
  startedAt: Timestamp;
  finishedAt: Date | null;
  /** Commit order of screenings. */
  seq: Generated<number>;
}

export type FlagStatus = 'open' | 'confirmed' | 'dismissed' | 'resolved';

export interface FlagTable {
  id: Generated<string>;
  rule: string;
  flagKey: string;
  severity: 'violation' | 'risk';
  status: FlagStatus;
  staffNo: string | null;
  org: string | null;
  action: string | null;
  post: string | null;
  year: number | null;
  citation: ColumnType<{ article: string; text: string }, string, string>;
  evidence: ColumnType<Record<string, unknown>, string, string>;
  firstSeenIn: string;
  /** Null while the latest screening finds the flag (its sighting is open). */
  lastSeenIn: string | null;
  resolvedIn: string | null;
  decision: 'confirmed' | 'dismissed' | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A flag found with the same evidence by every screening from `firstSeq` to `lastSeq` (null: to the latest). */
export interface FlagSightingTable {
  flagId: string;
  firstSeq: number;
  lastSeq: number | null;
  evidence: ColumnType<Record<string, unknown>, string, string>;
}

export interface FlagEventTable {
  id: Generated<number>;
  flagId: string;
  fromStatus: FlagStatus | null;
  toStatus: FlagStatus;
  screeningId: string | null;
  actor: string;
  reason: string | null;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, Date, never>;
  actor: string;
  roles: string[];
  action: string;
  objectKeys: ColumnType<unknown, string, never>;
  requestId: string | null;
  digest: string | null;
  prevHash: string;
  hash: string;
}

export interface Database {
  person: PersonTable;
  staff: StaffTable;
  kinship: KinshipTable;
  organization: OrganizationTable;
  affiliation: AffiliationTable;
  ownership: OwnershipTable;
  post: PostTable;
  assignment: AssignmentTable;
  qualification: QualificationTable;
  suspension: SuspensionTable;
  enforcementAction: EnforcementActionTable;
  actionOfficer: ActionOfficerTable;
  engagement: EngagementTable;
  designation: DesignationTable;
  campaign: CampaignTable;
  declaration: DeclarationTable;
  revision: RevisionTable;
  policy: PolicyTable;
  screening: ScreeningTable;
  flag: FlagTable;
  flagSighting: FlagSightingTable;
  flagEvent: FlagEventTable;
  auditLog: AuditLogTable;
  finding: FindingTable;
  findingVersion: FindingVersionTable;
  findingRespondent: FindingRespondentTable;
  findingSubject: FindingSubjectTable;
  findingOutcome: FindingOutcomeTable;
  rotationPlan: RotationPlanTable;
  rotationPlanMove: RotationPlanMoveTable;
  enforcementOverride: EnforcementOverrideTable;
  declarationDraft: DeclarationDraftTable;
  declarationReview: DeclarationReviewTable;
  reminder: ReminderTable;
  idempotencyKey: IdempotencyKeyTable;
}

export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type Staff = Selectable<StaffTable>;
export type Organization = Selectable<OrganizationTable>;
export type Affiliation = Selectable<AffiliationTable>;
export type Ownership = Selectable<OwnershipTable>;
export type Flag = Selectable<FlagTable>;

export type RotationPlanStatus = 'proposed' | 'accepted';

export interface RotationPlanTable extends Versioned {
  id: Generated<number>;
  asOf: Day;
  horizonDays: number;
  maxUnitShare: string;
  status: RotationPlanStatus;
  summary: ColumnType<Record<string, unknown>, string, string>;
  createdBy: string;
  acceptedBy: string | null;
  acceptedAt: Date | null;
}

export type RotationMoveStatus = 'proposed' | 'infeasible' | 'edited' | 'dropped' | 'applied';

export interface RotationPlanMoveTable extends Versioned {
  id: Generated<number>;
  planId: number;
  position: number;
  staffId: number;
  fromAssignmentId: number;
  toPostId: number | null;
  status: RotationMoveStatus;
  explanation: ColumnType<Record<string, unknown>, string, string>;
  note: string | null;
  openedAssignmentId: number | null;
}

export interface EnforcementOverrideTable {
  id: Generated<number>;
  actionId: number;
  violations: ColumnType<unknown[], string, never>;
  reason: string;
  authorisedBy: string;
  authorisedRoles: string[];
  createdAt: Generated<Date>;
}

// Accountability findings (十三): the current header in `finding`; every version kept whole and append-only.
export interface FindingTable {
  id: Generated<string>;
  type: string;
  foundOn: Day;
  narrative: string;
  severe: boolean;
  suspectedCriminal: boolean;
  status: 'open' | 'closed';
  closedOn: Day | null;
  referralOn: Day | null;
  referralReference: string | null;
  referralAuthority: string | null;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface FindingVersionTable {
  findingId: string;
  version: number;
  snapshot: ColumnType<Record<string, unknown>, string, never>;
  reason: string | null;
  actor: string;
  recordedAt: Timestamp;
}

export interface FindingRespondentTable {
  findingId: string;
  version: number;
  staffId: number;
  responsibility: 'direct' | 'leadership';
  position: number;
}

export interface FindingSubjectTable {
  findingId: string;
  version: number;
  position: number;
  actionId: number | null;
  flagId: string | null;
  declarationId: number | null;
  rule: string | null;
}

export interface FindingOutcomeTable {
  findingId: string;
  version: number;
  staffId: number;
  position: number;
  category: 'handling' | 'sanction';
  measure: string;
  startsOn: Day;
  months: number | null;
  endsOn: Day | null;
  note: string | null;
}

export interface DeclarationDraftTable extends Versioned {
  id: Generated<number>;
  staffId: number;
  year: number;
  /** Items as the staff member is editing them (may name people not yet recorded, as `new:<key>`). */
  items: ColumnType<unknown[], string, string>;
  nothingToReport: boolean | null;
  amendmentReason: string | null;
  state: 'open' | 'submitted';
  basedOnVersion: number | null;
  submittedVersion: number | null;
}

export interface DeclarationReviewTable {
  id: Generated<number>;
  declarationId: number;
  declarationVersion: number;
  decision: 'accepted' | 'returned';
  comment: string | null;
  reviewedBy: string;
  reviewedOn: Day;
  reviewedAt: ColumnType<Date, Date, never>;
  /** What accepting recorded: [{kind, key, id}] of the people, organisations and ties created. */
  recorded: ColumnType<unknown[], string | undefined, never>;
}

export interface ReminderTable {
  id: Generated<number>;
  campaignId: number;
  staffId: number;
  sentOn: Day;
  sentAt: ColumnType<Date, Date, never>;
  sentBy: string;
  channel: 'in_app';
  standing: 'in_time' | 'overdue';
  /** Days to the due date when sent; negative when overdue. */
  daysLeft: number;
  note: string | null;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  requestDigest: string;
  status: number;
  response: ColumnType<unknown, string, never>;
  createdAt: ColumnType<Date, Date, never>;
}
