import { officerFacts, officerGaps, officersOf, participationWalk } from './enf-support.ts';
import { actionsInScope, Findings, type Rule } from './types.ts';

/** ENF-TWO-PERSON: an enforcement action on or before asOf has fewer than two qualified officers. */
export const enfTwoPerson: Rule = {
  id: 'ENF-TWO-PERSON',
  severity: 'violation',
  citation: { article: '（十一）', text: '严格落实执法人员双人执法和持证上岗制度' },
  subject: 'action',
  policyKeys: [],
  evaluate(ctx) {
    const { world, asOf } = ctx;
    const found = new Findings(enfTwoPerson, ctx);
    for (const action of actionsInScope(ctx)) {
      if (action.on > asOf) continue;
      const distinct = officersOf(action.officers);
      let qualified = 0;
      for (const staffNo of distinct) {
        if (officerGaps(world, staffNo, action.on, 'officer').length === 0) qualified += 1;
      }
      if (qualified >= 2) continue;
      const officers = distinct.map((staffNo) => officerFacts(world, staffNo, action.on, 'officer'));
      const key = { action: action.ref };
      for (const o of officers) {
        const walk = participationWalk(world, action.ref, o.staffNo);
        if (walk) found.add(key, walk);
      }
      found.add(key, null, { actionOn: action.on, qualifiedOfficers: qualified, officers });
    }
    return found.list();
  },
};
