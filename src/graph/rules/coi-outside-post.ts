import { isActiveOn } from '../../lib/days.ts';
import { isServingOn } from '../../qualifications/qualified.ts';
import { isPost } from '../model.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * COI-OUTSIDE-POST: a staff member of any category serving on asOf holds a post, active on asOf, in an
 * industry association or an intermediary.
 */
export const coiOutsidePost: Rule = {
  id: 'COI-OUTSIDE-POST',
  severity: 'violation',
  citation: { article: '（十二）', text: '现职消防人员一律不得在消防行业协会、中介机构兼职（任职）' },
  subject: 'staff',
  policyKeys: [],
  evaluate(ctx) {
    const { graph, asOf } = ctx;
    const found = new Findings(coiOutsidePost, ctx);
    for (const staff of staffInScope(ctx)) {
      if (!isServingOn(staff, asOf)) continue;
      const person = ctx.world.personNodeOf(staff);
      if (!graph.hasNode(person)) continue;
      graph.forEachOutEdge(person, (edge, a, _s, target, _sa, org) => {
        if (a.kind !== 'affiliation' || !isPost(a.record.role) || !isActiveOn(a.from, a.to, asOf)) return;
        if (
          org.kind !== 'org' ||
          (org.orgKind !== 'industry_association' && org.orgKind !== 'intermediary')
        ) {
          return;
        }
        found.add(
          { staffNo: staff.staffNo, org: org.key },
          { start: person, steps: [{ edge, node: target }] },
        );
      });
    }
    return found.list();
  },
};
