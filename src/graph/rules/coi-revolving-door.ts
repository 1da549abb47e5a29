import { addYearsToDay, intervalsOverlap } from '../../lib/days.ts';
import { isFormerOn } from '../../qualifications/qualified.ts';
import { jurisdictionMatches } from '../jurisdiction.ts';
import { FIRE_INDUSTRY, isPost } from '../model.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * COI-REVOLVING-DOOR: a former staff member holds, within `[departedOn, departedOn + N years)`, a post that
 * started on or before asOf in a fire-industry organisation anywhere, or in an intermediary of their
 * jurisdiction. N by category (5 for leader and enforcement cadres, 3 otherwise by default).
 */
export const coiRevolvingDoor: Rule = {
  id: 'COI-REVOLVING-DOOR',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '辞去公职或离退休的消防领导干部和执法干部在离职5年内，其他干部在离职3年内，不得接受原任职地区消防企业和中介机构聘任',
  },
  subject: 'staff',
  policyKeys: ['revolvingDoorYears'],
  evaluate(ctx) {
    const { graph, asOf, policy } = ctx;
    const found = new Findings(coiRevolvingDoor, ctx);
    for (const staff of staffInScope(ctx)) {
      if (!isFormerOn(staff, asOf) || staff.departedOn === null) continue;
      const person = ctx.world.personNodeOf(staff);
      if (!graph.hasNode(person)) continue;
      const years = policy.values.revolvingDoorYears[staff.category];
      const windowStart = staff.departedOn;
      const windowEnd = addYearsToDay(windowStart, years);
      graph.forEachOutEdge(person, (edge, a, _s, target, _sa, org) => {
        if (a.kind !== 'affiliation' || !isPost(a.record.role) || org.kind !== 'org') return;
        if (a.from !== null && a.from > asOf) return; // a post that starts after asOf does not exist yet
        if (!intervalsOverlap(a.from, a.to, windowStart, windowEnd)) return;
        const fireIndustry = org.orgKind !== null && FIRE_INDUSTRY.has(org.orgKind);
        const localIntermediary =
          org.orgKind === 'intermediary' &&
          org.region !== null &&
          jurisdictionMatches(staff.jurisdiction, org.region);
        if (!fireIndustry && !localIntermediary) return;
        found.add(
          { staffNo: staff.staffNo, org: org.key },
          { start: person, steps: [{ edge, node: target }] },
          {
            category: staff.category,
            departedOn: staff.departedOn,
            window: { from: windowStart, to: windowEnd, years },
            ...(localIntermediary ? { jurisdiction: staff.jurisdiction, region: org.region } : {}),
          },
        );
      });
    }
    return found.list();
  },
};
