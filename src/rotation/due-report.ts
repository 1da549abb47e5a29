import type { Kysely } from 'kysely';
import type { Database, PostKind } from '../db/schema.ts';
import { worldCacheFor } from '../graph/world-store.ts';
import type { Day } from '../lib/days.ts';
import type { Table } from '../lib/tabular-export.ts';
import { rotationsDue } from './due.ts';
import type { DueRow, DueSummary, PlanMoveView } from './plan-schemas.ts';

/** The due list of `rotationsDue` with names, post names, units and kinds, optionally for one unit or kind. */
export async function dueRows(
  db: Kysely<Database>,
  query: { asOf: Day; withinDays: number; unit?: string | undefined; postKind?: PostKind | undefined },
): Promise<DueRow[]> {
  const { world, policy } = await worldCacheFor(db).fresh(db);
  const rows: DueRow[] = [];
  for (const d of rotationsDue(world, policy.values, query.asOf, query.withinDays)) {
    const post = world.posts.get(d.post);
    if (!post) continue;
    if (query.unit && post.unit !== query.unit) continue;
    if (query.postKind && post.kind !== query.postKind) continue;
    const staff = world.staff.get(d.staffNo);
    rows.push({
      ...d,
      name: (staff && world.personName(staff.person)) ?? d.staffNo,
      postName: post.name,
      unit: post.unit,
      postKind: post.kind,
    });
  }
  return rows;
}

function tally<K extends string>(rows: DueRow[], keyOf: (r: DueRow) => K) {
  const counts = new Map<K, { overdue: number; due: number; total: number }>();
  for (const r of rows) {
    const c = counts.get(keyOf(r)) ?? { overdue: 0, due: 0, total: 0 };
    c[r.status] += 1;
    c.total += 1;
    counts.set(keyOf(r), c);
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How many rotations are overdue and due, in all, per unit and per post kind. */
export function summarise(asOf: Day, withinDays: number, rows: DueRow[]): DueSummary {
  const overdue = rows.filter((r) => r.status === 'overdue').length;
  return {
    asOf,
    withinDays,
    overdue,
    due: rows.length - overdue,
    total: rows.length,
    byUnit: tally(rows, (r) => r.unit).map(([unit, c]) => ({ unit, ...c })),
    byPostKind: tally(rows, (r) => r.postKind).map(([postKind, c]) => ({ postKind, ...c })),
  };
}

const STATUS_LABEL = { overdue: '已超期', due: '即将到期' } as const;
const KIND_LABEL: Record<PostKind, string> = {
  enforcement: '执法岗位',
  leadership: '领导岗位',
  administrative: '行政岗位',
  rescue: '救援岗位',
};

export function dueTable(rows: DueRow[]): Table {
  return {
    sheet: '轮岗到期名单',
    columns: [
      { key: 'staffNo', header: '工号' },
      { key: 'name', header: '姓名' },
      { key: 'unit', header: '单位' },
      { key: 'post', header: '岗位代码' },
      { key: 'postName', header: '岗位名称' },
      { key: 'postKind', header: '岗位类别' },
      { key: 'since', header: '任职起始' },
      { key: 'dueOn', header: '应轮岗日期' },
      { key: 'status', header: '状态' },
    ],
    rows: rows.map((r) => ({ ...r, postKind: KIND_LABEL[r.postKind], status: STATUS_LABEL[r.status] })),
  };
}

const MOVE_STATUS_LABEL: Record<PlanMoveView['status'], string> = {
  proposed: '拟调整',
  edited: '已修改',
  dropped: '已撤销',
  infeasible: '无可行岗位',
  applied: '已执行',
};

export function planTable(moves: PlanMoveView[]): Table {
  return {
    sheet: '轮岗方案',
    columns: [
      { key: 'staffNo', header: '工号' },
      { key: 'name', header: '姓名' },
      { key: 'fromUnit', header: '原单位' },
      { key: 'fromPost', header: '原岗位' },
      { key: 'since', header: '任职起始' },
      { key: 'dueOn', header: '应轮岗日期' },
      { key: 'toUnit', header: '拟任单位' },
      { key: 'toPost', header: '拟任岗位' },
      { key: 'status', header: '状态' },
      { key: 'reason', header: '理由或受阻约束' },
    ],
    rows: moves.map((m) => ({
      staffNo: m.staffNo,
      name: m.name,
      fromUnit: m.fromUnit,
      fromPost: m.fromPost,
      since: m.since,
      dueOn: m.dueOn,
      toUnit: m.toUnit,
      toPost: m.toPost,
      status: MOVE_STATUS_LABEL[m.status],
      reason: m.explanation.blockedBy
        ? `${m.explanation.blockedBy.constraint}: ${m.explanation.blockedBy.detail}`
        : m.explanation.why.join('; '),
    })),
  };
}
