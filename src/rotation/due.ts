import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDaysToDay, addYearsToDay, isActiveOn, type Day } from '../lib/days.ts';
import type { AssignmentRecord, PostRecord } from '../graph/model.ts';
import type { World } from '../graph/world.ts';
import { worldCacheFor } from '../graph/world-store.ts';
import { isServingOn } from '../qualifications/qualified.ts';
import type { PolicyValues } from '../policy/values.ts';

/**
 * When an assignment is due for rotation: `from + N years` (calendar years, clamped to month end), N the
 * post's rotation years or, for a post that states none, the policy's years for its kind. Null when the post
 * has no rotation requirement.
 */
export function rotationDueOn(
  assignment: Pick<AssignmentRecord, 'from'>,
  post: Pick<PostRecord, 'kind' | 'rotationYears'>,
  policy: Pick<PolicyValues, 'rotationYearsByPostKind'>,
): { years: number; from: 'post' | 'policy'; dueOn: Day } | null {
  if (post.rotationYears !== null) {
    return {
      years: post.rotationYears,
      from: 'post',
      dueOn: addYearsToDay(assignment.from, post.rotationYears),
    };
  }
  const fallback = policy.rotationYearsByPostKind[post.kind];
  if (fallback === undefined || fallback === null) return null;
  return { years: fallback, from: 'policy', dueOn: addYearsToDay(assignment.from, fallback) };
}

export interface RotationDue {
  staffNo: string;
  post: string;
  since: Day;
  dueOn: Day;
  status: 'overdue' | 'due';
}

/**
 * Assignments of staff serving on asOf, active on asOf, whose rotation falls due on or before
 * `asOf + withinDays`: `overdue` once the due day has come, `due` before. Overdue first, then by due day.
 */
export function rotationsDue(
  world: World,
  policy: Pick<PolicyValues, 'rotationYearsByPostKind'>,
  asOf: Day,
  withinDays: number,
): RotationDue[] {
  const horizon = addDaysToDay(asOf, withinDays);
  const items: RotationDue[] = [];
  for (const staff of world.staff.values()) {
    if (!isServingOn(staff, asOf)) continue;
    for (const a of world.assignmentsOf(staff.staffNo).values()) {
      if (!isActiveOn(a.from, a.to, asOf)) continue;
      const post = world.posts.get(a.post);
      const due = post ? rotationDueOn(a, post, policy) : null;
      if (!due || due.dueOn > horizon) continue;
      items.push({
        staffNo: staff.staffNo,
        post: a.post,
        since: a.from,
        dueOn: due.dueOn,
        status: due.dueOn <= asOf ? 'overdue' : 'due',
      });
    }
  }
  const rank = (s: RotationDue['status']) => (s === 'overdue' ? 0 : 1);
  return items.sort(
    (x, y) =>
      rank(x.status) - rank(y.status) ||
      (x.dueOn < y.dueOn ? -1 : x.dueOn > y.dueOn ? 1 : 0) ||
      (x.staffNo < y.staffNo ? -1 : x.staffNo > y.staffNo ? 1 : 0) ||
      (x.post < y.post ? -1 : x.post > y.post ? 1 : 0),
  );
}

/** Rotations due on the current world (cached, refreshed if anything was written since). */
export async function listRotationsDue(
  db: Kysely<Database>,
  query: { asOf: Day; withinDays: number },
): Promise<{ asOf: Day; withinDays: number; items: RotationDue[] }> {
  const { world, policy } = await worldCacheFor(db).fresh(db);
  return { ...query, items: rotationsDue(world, policy.values, query.asOf, query.withinDays) };
}
