import { isActiveOn } from '../../lib/days.ts';
import { isServingOn } from '../../qualifications/qualified.ts';
import { rotationDueOn } from '../../rotation/due.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * ROT-OVERDUE: a staff member serving on asOf holds an assignment active on asOf on a post with rotation
 * years N, and asOf >= from + N years.
 */
export const rotOverdue: Rule = {
  id: 'ROT-OVERDUE',
  severity: 'risk',
  citation: { article: '（十一）', text: '严格落实执法人员岗位交流制度，达到规定年限及时轮岗' },
  subject: 'staff',
  policyKeys: ['rotationYearsByPostKind'],
  evaluate(ctx) {
    const { world, graph, asOf, policy } = ctx;
    const found = new Findings(rotOverdue, ctx);
    for (const staff of staffInScope(ctx)) {
      if (!isServingOn(staff, asOf)) continue;
      for (const assignment of world.assignmentsOf(staff.staffNo).values()) {
        if (!isActiveOn(assignment.from, assignment.to, asOf)) continue;
        const post = world.posts.get(assignment.post);
        if (!post) continue;
        const due = rotationDueOn(assignment, post, policy.values);
        if (due === null || asOf < due.dueOn) continue;
        const person = ctx.world.personNodeOf(staff);
        found.add(
          { staffNo: staff.staffNo, post: post.code },
          graph.hasNode(person) ? { start: person, steps: [] } : null,
          {
            post: { code: post.code, name: post.name, unit: post.unit, kind: post.kind },
            since: assignment.from,
            rotationYears: due.years,
            rotationYearsFrom: due.from,
            dueOn: due.dueOn,
          },
        );
      }
    }
    return found.list();
  },
};
