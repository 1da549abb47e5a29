import { orgNode } from '../model.ts';
import { edgeKeyOf } from '../world.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/** COI-DESIGNATE: a staff member designated or recommended an organisation to a third party (any category). */
export const coiDesignate: Rule = {
  id: 'COI-DESIGNATE',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '消防人员不得指定或变相指定消防工程施工企业、消防技术服务机构、消防产品',
  },
  subject: 'staff',
  policyKeys: [],
  evaluate(ctx) {
    const found = new Findings(coiDesignate, ctx);
    for (const staff of staffInScope(ctx)) {
      const person = ctx.world.staffNode(staff.staffNo);
      if (!person) continue;
      for (const d of ctx.world.designationsOf(staff.staffNo).values()) {
        if (d.on > ctx.asOf) continue; // not yet recorded on asOf
        found.add(
          { staffNo: d.staffNo, org: d.org },
          { start: person, steps: [{ edge: edgeKeyOf.designation(d), node: orgNode(d.org) }] },
        );
      }
    }
    return found.list();
  },
};
