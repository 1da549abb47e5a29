// The shapes of the self-service declaration API as this desk reads them (src/declarations/schemas.ts).

export type Standing = 'submitted' | 'submitted_late' | 'overdue' | 'in_time';
export type ReviewStatus = 'pending' | 'accepted' | 'returned';

export interface MyCampaign {
  year: number;
  dueOn: string;
  openedOn: string | null;
  mine: {
    standing: Standing;
    daysLeft: number | null;
    daysOverdue: number | null;
    daysLate: number | null;
    submittedOn: string | null;
    amendedOn: string | null;
    version: number | null;
    review: ReviewStatus | null;
    reviewComment: string | null;
    draft: { state: 'open' | 'submitted'; version: number } | null;
    reminders: { sentOn: string; standing: string; daysLeft: number; note: string | null }[];
  };
}

export interface ItemBasis {
  known: boolean;
  sources: string[];
  records: number[];
}

export interface RelativeItem {
  type: 'relative';
  /** A person ref, or `new:<label>` for someone not yet recorded. */
  person: string;
  relation: string;
  name?: string;
  idNumber?: string | null;
  basis?: ItemBasis;
}

export interface TieItem {
  type: 'affiliation';
  person: string;
  org: string;
  role: string;
  from?: string | null;
  to?: string | null;
  share?: number | null;
  paid?: boolean;
  orgName?: string;
  orgKind?: string;
  orgRegion?: string;
  basis?: ItemBasis;
}

export type Item = RelativeItem | TieItem;

export interface Draft {
  staffNo: string;
  year: number;
  state: 'open' | 'submitted';
  /** The submitted version this draft amends; null for a first declaration. */
  basedOnVersion: number | null;
  submittedVersion: number | null;
  items: Item[];
  nothingToReport: boolean | null;
  amendmentReason: string | null;
  version: number;
  updatedAt: string;
}

export interface Prefill {
  staffNo: string;
  year: number;
  self: { person: string; name: string };
  relatives: { person: string; name: string; relation: string }[];
  ties: { person: string; personName: string; org: string; orgName: string; orgKind: string }[];
  items: Item[];
}

export interface ReviewDecision {
  version: number;
  decision: 'accepted' | 'returned';
  comment: string | null;
  reviewedOn: string;
}

export interface Declaration {
  staffNo: string;
  year: number;
  version: number;
  submittedOn: string;
  amendedOn: string | null;
  amendmentReason: string | null;
  nothingToReport: boolean;
  items: Item[];
  dueOn: string | null;
  onTime: boolean | null;
}

export interface DeclarationVersions {
  staffNo: string;
  year: number;
  items: {
    version: number;
    submittedOn: string;
    amendedOn: string | null;
    amendmentReason: string | null;
    nothingToReport: boolean;
    items: Item[];
    replacedAt: string | null;
    review: ReviewDecision | null;
  }[];
}

export const isNewPerson = (person: string) => person.startsWith('new:');

/** GET …/names: who and what a declaration's items name (every version and the draft). */
export interface DeclaredNames {
  people: { ref: string; name: string }[];
  organizations: { creditCode: string; name: string }[];
}
