import { CADRES, FIRE_INDUSTRY } from '../model.ts';
import { forEachReachedOrg, forEachSelfOrCloseRelative } from '../traverse.ts';
import { isServingOn } from '../../qualifications/qualified.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * COI-RELATIVE-BUSINESS: a cadre serving on asOf, or a close relative of theirs, operates on asOf an
 * organisation of a fire-industry kind. One flag per (staff, organisation), listing every path.
 */
export const coiRelativeBusiness: Rule = {
  id: 'COI-RELATIVE-BUSINESS',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '消防干部及其近亲属不准承揽消防工程、经营消防技术服务机构、生产销售消防产品',
  },
  subject: 'staff',
  policyKeys: ['closeRelatives', 'maxOwnershipHops'],
  evaluate(ctx) {
    const { graph, asOf, policy } = ctx;
    const found = new Findings(coiRelativeBusiness, ctx);
    for (const staff of staffInScope(ctx)) {
      if (!CADRES.has(staff.category) || !isServingOn(staff, asOf)) continue;
      const person = ctx.world.personNodeOf(staff);
      if (!graph.hasNode(person)) continue;
      forEachSelfOrCloseRelative(ctx.near, person, (_subject, viaKin) => {
        forEachReachedOrg(
          graph,
          viaKin,
          { day: asOf, maxOwnershipHops: policy.values.maxOwnershipHops, via: 'operate' },
          (_org, walk, org) => {
            if (org.kind !== 'org' || !org.orgKind || !FIRE_INDUSTRY.has(org.orgKind)) return;
            found.add({ staffNo: staff.staffNo, org: org.key }, walk);
          },
        );
      });
    }
    return found.list();
  },
};
