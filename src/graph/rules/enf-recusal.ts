import { orgNode } from '../model.ts';
import { forEachReachedOrg, forEachSelfOrCloseRelative, selfOrCloseRelativeIn } from '../traverse.ts';
import { extend, joinWalks, reverseWalk } from '../walk.ts';
import { edgeKeyOf } from '../world.ts';
import { officersOf, participationWalk } from './enf-support.ts';
import { actionsInScope, Findings, type Rule } from './types.ts';

/**
 * ENF-RECUSAL (回避): on the action's date, a participant or a close relative holds a post in, or operates,
 * the organisation acted upon.
 */
export const enfRecusal: Rule = {
  id: 'ENF-RECUSAL',
  severity: 'violation',
  // The plan has no separate recusal clause; it follows from (十一)'s demand for clean, impartial enforcement.
  citation: { article: '（十一）回避', text: '打造严格执法、清正廉洁、作风优良，服务为民的消防执法队伍' },
  subject: 'action',
  policyKeys: ['closeRelatives', 'maxOwnershipHops'],
  evaluate(ctx) {
    const { world, graph, asOf, policy } = ctx;
    const found = new Findings(enfRecusal, ctx);
    for (const action of actionsInScope(ctx)) {
      if (action.on > asOf) continue;
      const target = orgNode(action.org);
      const tied = ctx.near.peopleTiedTo(target);
      if (tied.size === 0) continue;
      for (const staffNo of officersOf(action.officers)) {
        const person = world.staffNode(staffNo);
        if (!person || !selfOrCloseRelativeIn(ctx.near, person, tied)) continue;
        const toAction = participationWalk(world, action.ref, staffNo);
        if (!toAction) continue;
        const toTarget = extend(toAction, edgeKeyOf.target(action.ref), target);
        forEachSelfOrCloseRelative(ctx.near, toAction.start, (_subject, viaKin) => {
          forEachReachedOrg(
            graph,
            viaKin,
            { day: action.on, maxOwnershipHops: policy.values.maxOwnershipHops, via: 'post' },
            (org, tie) => {
              if (org !== target) return;
              found.add({ staffNo, action: action.ref }, joinWalks(toTarget, reverseWalk(tie)), {
                actionOn: action.on,
                org: action.org,
              });
            },
          );
        });
      }
    }
    return found.list();
  },
};
