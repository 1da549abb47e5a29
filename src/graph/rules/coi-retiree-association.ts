import { isActiveOn } from '../../lib/days.ts';
import { isFormerOn } from '../../qualifications/qualified.ts';
import { isPost } from '../model.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * COI-RETIREE-ASSOCIATION: a former staff member who retired holds a paid post, active on asOf, in an
 * industry association.
 */
export const coiRetireeAssociation: Rule = {
  id: 'COI-RETIREE-ASSOCIATION',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '离退休人员在消防行业协会兼职（任职）的，必须符合国家有关规定且不得领取报酬',
  },
  subject: 'staff',
  policyKeys: [],
  evaluate(ctx) {
    const { graph, asOf } = ctx;
    const found = new Findings(coiRetireeAssociation, ctx);
    for (const staff of staffInScope(ctx)) {
      if (staff.departureKind !== 'retired' || !isFormerOn(staff, asOf)) continue;
      const person = ctx.world.personNodeOf(staff);
      if (!graph.hasNode(person)) continue;
      graph.forEachOutEdge(person, (edge, a, _s, target, _sa, org) => {
        if (a.kind !== 'affiliation' || !a.record.paid || !isPost(a.record.role)) return;
        if (!isActiveOn(a.from, a.to, asOf) || org.kind !== 'org' || org.orgKind !== 'industry_association') {
          return;
        }
        found.add(
          { staffNo: staff.staffNo, org: org.key },
          { start: person, steps: [{ edge, node: target }] },
          { departedOn: staff.departedOn, departureKind: staff.departureKind },
        );
      });
    }
    return found.list();
  },
};
