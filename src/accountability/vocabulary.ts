// The words of RULES.md "Accountability records (十三)": finding types, responsibilities and outcomes.

import { RULE_IDS } from '../graph/rule-ids.ts';

export const ACCOUNTABILITY_ARTICLE = '（十三）';

export const FINDING_TYPES = [
  'inaction',
  'misconduct',
  'delay',
  'unlawful_approval',
  'unlawful_penalty',
  'improper_gain',
  'corruption',
  'dereliction',
  'reporting',
  'conflict',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const FINDING_TYPE_LABELS: Record<FindingType, string> = {
  inaction: '不作为',
  misconduct: '乱作为',
  delay: '慢作为',
  unlawful_approval: '违法违规实施审批',
  unlawful_penalty: '违法违规实施处罚',
  improper_gain: '利用职权谋取不正当利益',
  corruption: '贪污贿赂',
  dereliction: '失职渎职',
  reporting: '不按时/不如实报告或隐瞒不报',
  conflict: '违规从业、兼职、指定',
};

export const FINDING_STATUSES = ['open', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const RESPONSIBILITIES = ['direct', 'leadership'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

export const RESPONSIBILITY_LABELS: Record<Responsibility, string> = {
  direct: '直接责任',
  leadership: '领导责任',
};

/** Organisational handling 组织处理. */
export const HANDLING_MEASURES = [
  'criticism',
  'admonishment',
  'suspension_for_inspection',
  'reassignment',
  'ordered_resignation',
  'dismissal_from_post',
  'demotion',
] as const;
export type HandlingMeasure = (typeof HANDLING_MEASURES)[number];

/** Sanctions 政务处分 (公职人员政务处分法). */
export const SANCTION_MEASURES = [
  'warning',
  'demerit',
  'major_demerit',
  'downgrade',
  'removal',
  'expulsion',
] as const;
export type SanctionMeasure = (typeof SANCTION_MEASURES)[number];

export const OUTCOME_LABELS: Record<HandlingMeasure | SanctionMeasure, string> = {
  criticism: '批评教育',
  admonishment: '诫勉',
  suspension_for_inspection: '停职检查',
  reassignment: '调整职务',
  ordered_resignation: '责令辞职',
  dismissal_from_post: '免职',
  demotion: '降职',
  warning: '警告',
  demerit: '记过',
  major_demerit: '记大过',
  downgrade: '降级',
  removal: '撤职',
  expulsion: '开除',
};

/** The rules a finding may name as what it concerns (the screening rules of RULES.md). */
export const SCREENING_RULES = RULE_IDS;

/** Types that may not be closed without a referral to the supervisory commission (移交监察机关). */
export function requiresReferral(type: FindingType, suspectedCriminal: boolean): boolean {
  return type === 'corruption' || type === 'dereliction' || (type === 'improper_gain' && suspectedCriminal);
}
