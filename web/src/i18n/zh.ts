// Chinese names for the API's vocabulary. The API speaks codes; people read these.

export const ROLE_NAMES: Record<string, string> = {
  admin: '系统管理员',
  hr: '人事干部',
  discipline: '纪检干部',
  investigator: '调查人员',
  staff: '干部职工',
};

export const RULE_NAMES: Record<string, string> = {
  'COI-DESIGNATE': '指定承包单位',
  'COI-DESIGNATE-COVERT': '变相指定承包单位',
  'COI-RELATIVE-BUSINESS': '本人或近亲属经营消防企业',
  'COI-OUTSIDE-POST': '在行业协会、中介机构兼职',
  'COI-RETIREE-ASSOCIATION': '离职人员从业限制期内任职',
  'COI-REVOLVING-DOOR': '离职人员从业限制期内从业',
  'DECL-LATE': '未按时申报',
  'DECL-UNDECLARED': '应报未报',
  'ENF-TWO-PERSON': '执法不足两人',
  'ENF-UNQUALIFIED': '执法人员无执法资格',
  'ENF-RECUSAL': '执法应回避未回避',
  'ROT-OVERDUE': '任职期满未轮岗',
};

export const ruleName = (rule: string) => RULE_NAMES[rule] ?? rule;

export const SEVERITY_NAMES: Record<string, string> = { violation: '违规', risk: '风险' };

export const FLAG_STATUS_NAMES: Record<string, string> = {
  open: '待处理',
  confirmed: '已认定',
  dismissed: '已排除',
  resolved: '已消除',
};

export const STAFF_CATEGORY_NAMES: Record<string, string> = {
  leader_cadre: '领导干部',
  enforcement_cadre: '执法干部',
  cadre: '干部',
  firefighter: '消防员',
  civilian: '文职人员',
};

export const RELATION_NAMES: Record<string, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '祖父母、外祖父母',
  grandchild: '孙子女、外孙子女',
  child_spouse: '子女的配偶',
  spouse_parent: '配偶的父母',
  spouse_sibling: '配偶的兄弟姐妹',
  sibling_spouse: '兄弟姐妹的配偶',
  other: '其他',
};

export const ORG_KIND_NAMES: Record<string, string> = {
  fire_engineering: '消防工程企业',
  technical_service_maintenance: '消防技术服务机构（维保检测）',
  technical_service_assessment: '消防技术服务机构（评估）',
  fire_product: '消防产品企业',
  industry_association: '行业协会',
  intermediary: '中介机构',
  public_venue: '公众聚集场所',
  other: '其他单位',
};

export const ROLE_IN_ORG_NAMES: Record<string, string> = {
  owner: '投资人',
  shareholder: '股东',
  partner: '合伙人',
  legal_representative: '法定代表人',
  director: '董事',
  executive: '高级管理人员',
  employee: '员工',
  consultant: '顾问',
  member: '会员',
};

export const NODE_KIND_NAMES: Record<string, string> = { person: '人员', org: '单位', action: '执法行为' };

export const EDGE_KIND_NAMES: Record<string, string> = {
  kinship: '亲属关系',
  affiliation: '任职、持股',
  ownership: '股权',
  engagement: '委托服务',
  participation: '参与执法',
  target: '执法对象',
  designation: '指定承包',
};

export const ACTION_KIND_NAMES: Record<string, string> = {
  inspection: '监督检查',
  penalty: '行政处罚',
  approval: '行政许可',
  investigation: '火灾调查',
};

export const POST_KIND_NAMES: Record<string, string> = {
  enforcement: '执法岗位',
  leadership: '领导岗位',
  administrative: '行政岗位',
  rescue: '救援岗位',
};

export const nameOf = (table: Record<string, string>, code: string | null | undefined) =>
  code == null ? '—' : (table[code] ?? code);
