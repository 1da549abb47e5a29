// Chinese words the discipline desk needs beyond web/src/i18n/zh.ts: accountability (十三), review marks,
// tie sources and the names of the facts a rule compared.

export const FINDING_TYPE_NAMES: Record<string, string> = {
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

export const FINDING_STATUS_NAMES: Record<string, string> = { open: '办理中', closed: '已办结' };

export const RESPONSIBILITY_NAMES: Record<string, string> = { direct: '直接责任', leadership: '领导责任' };

export const HANDLING_NAMES: Record<string, string> = {
  criticism: '批评教育',
  admonishment: '诫勉',
  suspension_for_inspection: '停职检查',
  reassignment: '调整职务',
  ordered_resignation: '责令辞职',
  dismissal_from_post: '免职',
  demotion: '降职',
};

export const SANCTION_NAMES: Record<string, string> = {
  warning: '警告',
  demerit: '记过',
  major_demerit: '记大过',
  downgrade: '降级',
  removal: '撤职',
  expulsion: '开除',
};

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
