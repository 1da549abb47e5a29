import { intervalsOverlap } from '../../lib/days.ts';
import { FIRE_INDUSTRY, isPost } from '../model.ts';
import { forEachSelfOrCloseRelative } from '../traverse.ts';
import { extend } from '../walk.ts';
import { staffInScope, Findings, type Rule } from './types.ts';

/**
 * DECL-UNDECLARED: the staff member submitted a declaration for year Y (on or before asOf); they or a close
 * relative held a post, active on some day of Y, in a fire-industry organisation, an industry association
 * or an intermediary, recorded from a source other than `declaration`; and the declaration lists no item
 * for that (person, organisation).
 */
export const declUndeclared: Rule = {
  id: 'DECL-UNDECLARED',
  severity: 'violation',
  citation: {
    article: '（十二）',
    text: '对无正当理由不按时报告、不如实报告或者隐瞒不报的，视情节轻重，依法依规给予组织处理或处分',
  },
  subject: 'staff',
  policyKeys: ['closeRelatives'],
  evaluate(ctx) {
    const { world, graph, asOf } = ctx;
    const found = new Findings(declUndeclared, ctx);
    for (const staff of staffInScope(ctx))
      for (const declaration of world.declarationsOf(staff.staffNo).values()) {
        if (declaration.submittedOn === null || declaration.submittedOn > asOf) continue;
        const person = ctx.world.personNodeOf(staff);
        if (!graph.hasNode(person)) continue;
        const year = declaration.year;
        const yearFrom = `${String(year).padStart(4, '0')}-01-01`;
        const yearTo = `${String(year + 1).padStart(4, '0')}-01-01`;
        const declared = new Set<string>();
        for (const item of declaration.items) {
          if (item.type === 'affiliation') declared.add(`${item.person}\u0000${item.org}`);
        }
        forEachSelfOrCloseRelative(ctx.near, person, (subject, viaKin) => {
          graph.forEachOutEdge(subject, (edge, a, _s, target, _sa, org) => {
            if (a.kind !== 'affiliation' || !isPost(a.record.role) || a.record.source === 'declaration')
              return;
            if (a.from !== null && a.from > asOf) return; // not yet started on asOf
            if (!intervalsOverlap(a.from, a.to, yearFrom, yearTo) || org.kind !== 'org' || !org.orgKind)
              return;
            const kind = org.orgKind;
            if (!FIRE_INDUSTRY.has(kind) && kind !== 'industry_association' && kind !== 'intermediary')
              return;
            if (declared.has(`${a.record.person}\u0000${a.record.org}`)) return;
            found.add({ staffNo: staff.staffNo, org: org.key, year }, extend(viaKin, edge, target), {
              declaration: { year, submittedOn: declaration.submittedOn },
            });
          });
        });
      }
    return found.list();
  },
};
