export interface FlagSummary {
  total: number;
  byRule: { rule: string; count: number }[];
  bySeverity: { severity: string; count: number }[];
  byStatus: { status: string; count: number }[];
  byUnit: { unit: string | null; count: number }[];
}

export interface Campaign {
  year: number;
  dueOn: string;
}

export interface ProgressCounts {
  population: number;
  submitted: number;
  submittedLate: number;
  overdue: number;
  inTime: number;
  late: number;
}

export interface CampaignProgress {
  campaign: Campaign;
  asOf: string;
  totals: ProgressCounts;
  byUnit: ({ unit: string } & ProgressCounts)[];
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
}

export interface Expiring {
  asOf: string;
  withinDays: number;
  items: { certNo: string; staffNo: string; kind: string; unit: string; daysLeft: number }[];
}
