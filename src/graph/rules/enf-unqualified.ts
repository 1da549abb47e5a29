import { officerFacts, officerGaps, officersOf, participationWalk } from './enf-support.ts';
import { actionsInScope, Findings, type Rule } from './types.ts';

/**
 * ENF-UNQUALIFIED: a participant of an enforcement action on or before asOf was not a qualified participant
 * on its date (a civilian with an auxiliary certificate may take part).
 */
export const enfUnqualified: Rule = {
  id: 'ENF-UNQUALIFIED',
  severity: 'violation',
  citation: {
    article: '（十一）',
    text: '消防干部、消防员必须经执法资格考试合格，方可从事执法活动。消防文员须取得执法资格，方可从事辅助执法活动',
  },
  subject: 'action',
  policyKeys: [],
  evaluate(ctx) {
    const { world, asOf } = ctx;
    const found = new Findings(enfUnqualified, ctx);
    for (const action of actionsInScope(ctx)) {
      if (action.on > asOf) continue;
      for (const staffNo of officersOf(action.officers)) {
        if (officerGaps(world, staffNo, action.on, 'participant').length === 0) continue;
        const facts = officerFacts(world, staffNo, action.on, 'participant');
        found.add({ staffNo, action: action.ref }, participationWalk(world, action.ref, staffNo), {
          actionOn: action.on,
          ...facts,
        });
      }
    }
    return found.list();
  },
};
