import type { DueStatus, MoveStatus } from './types.ts';

export const DUE_STATUS_NAMES: Record<DueStatus, string> = { overdue: '已超期', due: '即将到期' };

export const MOVE_STATUS: Record<MoveStatus, { name: string; tone: string }> = {
  proposed: { name: '拟调整', tone: 'due' },
  edited: { name: '已修改', tone: 'confirmed' },
  dropped: { name: '已撤销', tone: 'dismissed' },
  infeasible: { name: '无可行岗位', tone: 'overdue' },
  applied: { name: '已执行', tone: 'ok' },
};

export const PLAN_STATUS_NAMES = { proposed: '待接受', accepted: '已接受' } as const;

export const CERT_KIND_NAMES: Record<string, string> = { enforcement: '执法资格', auxiliary: '辅助执法资格' };

/** The planner's constraints (src/rotation/plan-model.ts CONSTRAINTS), as HR reads them. */
export const CONSTRAINT_NAMES: Record<string, string> = {
  'still-held': '原任职仍在任',
  'other-unit': '调往其他单位',
  'same-kind': '岗位类别相同',
  'jurisdiction-recorded': '新岗位已登记辖区',
  'no-tie-in-jurisdiction': '本人及近亲属在新辖区无利益关联',
  'no-sanction-into-leadership': '受处分或停职人员不得调入领导岗位',
  'two-officer-floor': '执法单位至少保留两名持证执法人员',
  'unit-share': '单位一次调出人数不超过比例',
};

export const constraintName = (id: string) => CONSTRAINT_NAMES[id] ?? id;
