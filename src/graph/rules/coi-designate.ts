import { orgNode } from '../model.ts';
import { edgeKeyOf } from '../world.ts';
import { Findings, type Rule } from './types.ts';

/** COI-DESIGNATE: a staff member designated or recommended an organisation to a third party (any category). */
export const coiDesignate: Rule = {
  id: 'COI-DESIGNATE',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '消防人员不得指定或变相指定消防工程施工企业、消防技术服务机构、消防产品',
  },
  policyKeys: [],
  evaluate(ctx) {
    const found = new Findings(coiDesignate, ctx);
    for (const d of ctx.world.designations.values()) {
      if (d.on > ctx.asOf) continue; // not yet recorded on asOf
      const person = ctx.world.staffNode(d.staffNo);
      if (!person) continue;
      found.add(
        { staffNo: d.staffNo, org: d.org },
        { start: person, steps: [{ edge: edgeKeyOf.designation(d), node: orgNode(d.org) }] },
      );
    }
    return found.list();
  },
};
