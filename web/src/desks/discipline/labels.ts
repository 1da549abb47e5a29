// Chinese words the discipline desk needs beyond web/src/i18n/zh.ts: accountability (十三), review marks,
// tie sources and the names of the facts a rule compared.
import {
  FINDING_TYPE_LABELS,
  HANDLING_MEASURES,
  OUTCOME_LABELS,
  RESPONSIBILITY_LABELS,
  SANCTION_MEASURES,
} from '../../../../src/accountability/vocabulary.ts';

// The accountability vocabulary is the server's own (one list, one wording for both).
export const FINDING_TYPE_NAMES: Record<string, string> = FINDING_TYPE_LABELS;

export const FINDING_STATUS_NAMES: Record<string, string> = { open: '办理中', closed: '已办结' };

export const RESPONSIBILITY_NAMES: Record<string, string> = RESPONSIBILITY_LABELS;

const outcomes = (measures: ReadonlyArray<keyof typeof OUTCOME_LABELS>): Record<string, string> =>
  Object.fromEntries(measures.map((m) => [m, OUTCOME_LABELS[m]]));

export const HANDLING_NAMES = outcomes(HANDLING_MEASURES);

export const SANCTION_NAMES = outcomes(SANCTION_MEASURES);

export const REVIEW_STATUS_NAMES: Record<string, string> = {
  pending: '待审核',
  accepted: '已通过',
  returned: '已退回',
};

export const REVIEW_TONES: Record<string, string> = { pending: 'due', accepted: 'ok', returned: 'overdue' };

export const MARK_TONES: Record<string, string> = {
  matches: 'ok',
  differs: 'risk',
  missing: 'violation',
  new: 'due',
};

export const TIE_SOURCE_NAMES: Record<string, string> = {
  registry: '工商登记',
  declaration: '本人申报',
  investigation: '调查核实',
  hr: '人事档案',
};

/** The facts a rule compared, by the key the evidence gives them. */
export const FACT_NAMES: Record<string, string> = {
  actionOn: '执法日期',
  engagedOn: '委托日期',
  windowEnd: '限制期截止',
  departedOn: '离职日期',
  departureKind: '离职方式',
  window: '从业限制期',
  'window.from': '限制期起',
  'window.to': '限制期止',
  'window.years': '限制年限',
  years: '年限',
  category: '人员类别',
  campaign: '申报',
  'campaign.year': '申报年度',
  'campaign.dueOn': '申报截止日',
  submittedOn: '提交日期',
  declaration: '年度申报',
  'declaration.year': '申报年度',
  'declaration.submittedOn': '申报提交日期',
  org: '单位',
  officers: '执法人员',
  qualifiedOfficers: '具备资格人数',
  staffNo: '人员编号',
  gaps: '缺少',
  suspensions: '停职',
  qualifications: '执法资格',
  post: '岗位',
  'post.code': '岗位编码',
  'post.name': '岗位名称',
  'post.unit': '岗位所在单位',
  'post.kind': '岗位类别',
  dueOn: '应轮岗日期',
  since: '任职起始',
  rotationYears: '轮岗年限',
  rotationYearsFrom: '年限依据',
  kind: '类别',
  certNo: '证书编号',
  passedOn: '取得日期',
  expiresOn: '有效期至',
  from: '起',
  to: '止',
};
