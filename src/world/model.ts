import type {
  ORG_KINDS,
  POST_KINDS,
  QUALIFICATION_KINDS,
  STAFF_CATEGORIES,
  DEPARTURE_KINDS,
} from '../bundle/schema.ts';
import type { Day } from '../lib/days.ts';
import type { CreditCodeIssuer } from './credit-code.ts';
import type { County, Prefecture } from './divisions.ts';
import type { IdNumberIssuer } from './id-number.ts';
import type { Rng } from './rng.ts';
import type { ExpectedFlag, RecordOf, WorldRecord } from './types.ts';

export type Category = (typeof STAFF_CATEGORIES)[number];
export type DepartureKind = (typeof DEPARTURE_KINDS)[number];
export type OrgKind = (typeof ORG_KINDS)[number];
export type PostKind = (typeof POST_KINDS)[number];
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];
export type Sex = 'male' | 'female';

/** A detachment (支队) headquarters or one of its brigades (大队). */
export interface Unit {
  name: string;
  jurisdiction: string;
  county: County | null;
  pref: PrefectureWorld;
}

export interface OrgRef {
  code: string;
  name: string;
  kind: OrgKind;
  region: string;
  /** Contractors this client engages (noise venues only), for the covert-designation guard. */
  contractors?: string[];
}

/** One prefecture of the world: its units, staff pools and registry pools. */
export interface PrefectureWorld {
  index: number;
  prefecture: Prefecture;
  hq: Unit;
  brigades: Unit[];
  staffCount: number;
  association: OrgRef | null;
  provinceAssociation: OrgRef | null;
  intermediaries: OrgRef[];
  fireFirms: OrgRef[];
  venues: OrgRef[];
  venuesByCounty: Map<string, OrgRef[]>;
  trading: OrgRef[];
  /** Holding companies that own venues (a relative holding shares in one operates its venues). */
  venueHoldings: OrgRef[];
  /** Registry people (not staff, not relatives) who own and run the firms. */
  independents: string[];
  /** Staff who ever hold an enforcement certificate and are not civilians. */
  officers: StaffCore[];
  /** Civilians who ever hold a certificate (auxiliary enforcement). */
  auxiliaries: StaffCore[];
  /** Post slots by code prefix, for earlier assignments. */
  slots: Map<string, PostSlot[]>;
}

export interface PostSlot {
  code: string;
  name: string;
  unit: string;
  kind: PostKind;
  rotationYears: number | null;
}

export interface Qualification {
  kind: QualificationKind;
  certNo: string;
  passedOn: Day;
  expiresOn: Day | null;
}

export interface Suspension {
  from: Day;
  to: Day | null;
  reason: string;
}

export interface StaffCore {
  index: number;
  staffNo: string;
  personRef: string;
  category: Category;
  unit: Unit;
  sex: Sex;
  born: Day;
  surname: string;
  name: string;
  hiredOn: Day;
  departedOn: Day | null;
  departureKind: DepartureKind | null;
  slot: PostSlot;
  quals: Qualification[];
  suspensions: Suspension[];
  /** The staff member married to this one (both staff: one natural person each, one kinship). */
  spouse: StaffCore | null;
  /** Organisations the staff member or any relative is tied to, with what they own; null when none. */
  ties: Set<string> | null;
  /** Reserved by a planted case or a boundary case: never picked by another. */
  reserved: boolean;
  /** Changes a planted case makes to this person's household (relatives, ties, declaration, assignment). */
  hooks: HouseholdHook[];
}

export interface Relative {
  ref: string;
  surname: string;
  name: string;
  sex: Sex;
  born: Day;
  /** The relation from the staff member's side: "this person is the staff member's <relation>". */
  relation: RecordOf<'kinship'>['relation'];
  /** A staff member who is this relative (a married couple both on the roll). */
  staff: StaffCore | null;
  /** Where the identity number says the person was born. */
  region: string;
}

export interface DeclarationPlan {
  mode: 'on-time' | 'on-due-date' | 'late' | 'after-as-of' | 'none';
  /** Items left out: relative refs, and `person|org` affiliation keys. */
  omitRelatives: Set<string>;
  omitAffiliations: Set<string>;
}

export interface AssignmentPlan {
  /** A fixed start for the current assignment (rotation cases). */
  currentFrom: Day | null;
  /** A former staff member's last assignment left open (not closed at departure). */
  leaveOpen: boolean;
}

/** Everything a household yields, assembled before it is written. */
export interface Household {
  staff: StaffCore;
  relatives: Relative[];
  affiliations: RecordOf<'affiliations'>[];
  declaration: DeclarationPlan;
  assignment: AssignmentPlan;
  /** Makes a new relative of this household's staff member (not yet in `relatives`). */
  newRelative(relation: Relative['relation'], sex: Sex, born: Day, surname?: string): Relative;
}

export type HouseholdHook = (ctx: WorldContext, household: Household) => void;

/** Work that runs after every household exists (actions, engagements, designations). */
export type LateTask = (ctx: WorldContext) => Generator<WorldRecord, void, undefined>;

export interface WorldContext {
  rng: Rng;
  asOf: Day;
  /** The declaration campaign year and its due date (the latest campaign due before asOf). */
  year: number;
  dueOn: Day;
  prefectures: PrefectureWorld[];
  staff: StaffCore[];
  ids: IdNumberIssuer;
  codes: CreditCodeIssuer;
  orgNames: Set<string>;
  /** org → orgs it owns (every ownership record), for the tie closure. */
  owns: Map<string, string[]>;
  flags: ExpectedFlag[];
  late: LateTask[];
  nextActionNo: number;
  actionDigits: number;
  independentNo: number;
}
