import type { AffiliationRole, OrgKind, Relation } from '../db/schema.ts';
import type { EdgeAttributes, NodeAttributes } from './model.ts';

// Human-readable labels for evidence and tracing, in the language of the people who read them.

export const RELATION_LABEL: Record<Relation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  child_spouse: '子女的配偶',
  spouse_parent: '配偶的父母',
  spouse_sibling: '配偶的兄弟姐妹',
  sibling_spouse: '兄弟姐妹的配偶',
  other: '其他亲属',
};

export const ROLE_LABEL: Record<AffiliationRole, string> = {
  owner: '出资人',
  shareholder: '股东',
  partner: '合伙人',
  legal_representative: '法定代表人',
  director: '董事',
  executive: '高级管理人员',
  employee: '员工',
  consultant: '顾问',
  member: '会员',
};

export const ORG_KIND_LABEL: Record<OrgKind, string> = {
  fire_engineering: '消防工程施工企业',
  technical_service_maintenance: '维护保养检测机构',
  technical_service_assessment: '消防安全评估机构',
  fire_product: '消防产品生产销售',
  industry_association: '消防行业协会',
  intermediary: '中介机构',
  public_venue: '公众聚集场所',
  other: '其他',
};

const ACTION_KIND_LABEL = { inspection: '检查', penalty: '处罚', approval: '审批', investigation: '调查' };

export function nodeLabel(a: NodeAttributes): string {
  switch (a.kind) {
    case 'person':
      return a.staffNos.length > 0 ? `${a.label}（${a.staffNos.join('、')}）` : a.label;
    case 'org':
      return a.orgKind ? `${a.label}（${ORG_KIND_LABEL[a.orgKind]}）` : a.label;
    case 'action':
      return a.actionKind ? `${ACTION_KIND_LABEL[a.actionKind]} ${a.label}` : a.label;
  }
}

const since = (from: string | null, to: string | null) =>
  from && to ? `${from} 至 ${to}` : from ? `${from} 起` : to ? `至 ${to}` : '';

/** A label for an edge, read from its source to its target. */
export function edgeLabel(a: EdgeAttributes, names: (node: string) => string): string {
  switch (a.kind) {
    case 'kinship': {
      const r = a.record;
      return `${names(`person:${r.relative}`)} 是 ${names(`person:${r.person}`)} 的${RELATION_LABEL[r.relation]}`;
    }
    case 'affiliation': {
      const r = a.record;
      const parts = [ROLE_LABEL[r.role]];
      if (r.share !== null) parts.push(`${r.share}%`);
      if (r.paid) parts.push('领取报酬');
      const when = since(r.from, r.to);
      if (when) parts.push(when);
      return parts.join('，');
    }
    case 'ownership': {
      const r = a.record;
      const when = since(r.from, r.to);
      return `持股${r.share !== null ? ` ${r.share}%` : ''}${when ? `，${when}` : ''}`;
    }
    case 'engagement':
      return `委托承接 ${a.record.on}`;
    case 'participation':
      return `参与执法 ${a.from ?? ''}`.trim();
    case 'target':
      return `执法对象 ${a.record.on}`;
    case 'designation':
      return `指定 ${a.record.on}（${a.record.source}）`;
  }
}
