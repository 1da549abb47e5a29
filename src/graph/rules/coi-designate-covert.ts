import { addYearsToDay } from '../../lib/days.ts';
import { actionNode, orgNode } from '../model.ts';
import { forEachReachedOrg, forEachSelfOrCloseRelative, selfOrCloseRelativeIn } from '../traverse.ts';
import { joinWalks, reverseWalk, type Walk } from '../walk.ts';
import { edgeKeyOf } from '../world.ts';
import { actionsInScope, Findings, type Rule } from './types.ts';

/**
 * COI-DESIGNATE-COVERT: a staff member took part in an action on U on day d; U engaged contractor C on day e
 * with d <= e < d + window and e <= asOf; and on e the staff member or a close relative operates C.
 */
export const coiDesignateCovert: Rule = {
  id: 'COI-DESIGNATE-COVERT',
  severity: 'risk',
  citation: {
    article: '（十二）',
    text: '消防人员不得指定或变相指定消防工程施工企业、消防技术服务机构、消防产品',
  },
  subject: 'action',
  policyKeys: ['covertWindowYears', 'closeRelatives', 'maxOwnershipHops'],
  evaluate(ctx) {
    const { world, graph, asOf, policy } = ctx;
    const found = new Findings(coiDesignateCovert, ctx);
    for (const action of actionsInScope(ctx)) {
      if (action.on > asOf) continue;
      const client = orgNode(action.org);
      if (!graph.hasNode(client)) continue;
      const windowEnd = addYearsToDay(action.on, policy.values.covertWindowYears);
      graph.forEachOutEdge(client, (engagementEdge, e, _source, contractor) => {
        if (e.kind !== 'engagement') return;
        const on = e.record.on;
        if (on < action.on || on >= windowEnd || on > asOf) return;
        const tied = ctx.near.peopleTiedTo(contractor);
        if (tied.size === 0) return;
        for (const staffNo of new Set(action.officers)) {
          const staffPerson = world.staffNode(staffNo);
          if (!staffPerson) continue;
          if (!selfOrCloseRelativeIn(ctx.near, staffPerson, tied)) continue;
          // staff → action → U → C, then back from C to the staff member along what they operate.
          const toContractor: Walk = {
            start: staffPerson,
            steps: [
              { edge: edgeKeyOf.participation(action.ref, staffNo), node: actionNode(action.ref) },
              { edge: edgeKeyOf.target(action.ref), node: client },
              { edge: engagementEdge, node: contractor },
            ],
          };
          forEachSelfOrCloseRelative(ctx.near, staffPerson, (_subject, viaKin) => {
            forEachReachedOrg(
              graph,
              viaKin,
              { day: on, maxOwnershipHops: policy.values.maxOwnershipHops, via: 'operate' },
              (org, operated) => {
                if (org !== contractor) return;
                found.add(
                  { staffNo, org: e.record.contractor, action: action.ref },
                  joinWalks(toContractor, reverseWalk(operated)),
                  { actionOn: action.on, engagedOn: on, windowEnd },
                );
              },
            );
          });
        }
      });
    }
    return found.list();
  },
};
