import { isServingOn } from '../../qualifications/qualified.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * DECL-LATE: a campaign for year Y is due before asOf; the staff member was serving on Y-12-31; and no
 * declaration of theirs for Y was submitted on or before the due date.
 */
export const declLate: Rule = {
  id: 'DECL-LATE',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '对无正当理由不按时报告、不如实报告或者隐瞒不报的，视情节轻重，依法依规给予组织处理或处分',
  },
  subject: 'staff',
  policyKeys: [],
  evaluate(ctx) {
    const { world, graph, asOf } = ctx;
    const found = new Findings(declLate, ctx);
    for (const campaign of world.campaigns.values()) {
      if (!(campaign.dueOn < asOf)) continue;
      const yearEnd = `${String(campaign.year).padStart(4, '0')}-12-31`;
      for (const staff of staffInScope(ctx)) {
        if (!isServingOn(staff, yearEnd)) continue;
        const declaration = world.declarationOf(staff.staffNo, campaign.year);
        const submittedOn = declaration?.submittedOn ?? null;
        if (submittedOn !== null && submittedOn <= campaign.dueOn) continue;
        const person = ctx.world.personNodeOf(staff);
        found.add(
          { staffNo: staff.staffNo, year: campaign.year },
          graph.hasNode(person) ? { start: person, steps: [] } : null,
          {
            campaign: { year: campaign.year, dueOn: campaign.dueOn },
            // A declaration submitted after asOf is not yet known on asOf.
            submittedOn: submittedOn !== null && submittedOn <= asOf ? submittedOn : null,
          },
        );
      }
    }
    return found.list();
  },
};
