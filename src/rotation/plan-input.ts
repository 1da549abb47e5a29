import type { Kysely } from 'kysely';
import { activeSanctions, type ActiveSanction } from '../accountability/sanctions.ts';
import type { Database, Relation } from '../db/schema.ts';
import { forEachReachedOrg, forEachSelfOrCloseRelative, Neighbourhoods } from '../graph/traverse.ts';
import { renderWalk, type Walk } from '../graph/walk.ts';
import type { WorldSnapshot } from '../graph/world-store.ts';
import { isActiveOn, type Day } from '../lib/days.ts';
import { isQualifiedOfficer, isServingOn } from '../qualifications/qualified.ts';
import { rotationsDue } from './due.ts';
import type { PlanHolding, PlannerInput, PlanPerson, PlanTie, Restriction } from './plan-model.ts';

export interface PlanParams {
  asOf: Day;
  horizonDays: number;
  maxUnitShare: number;
}

/**
 * Everything the planner judges by, precomputed once: the due list (`rotationsDue`), posts with their
 * jurisdictions, current assignments, who is a qualified officer, each due person's ties and those of their
 * close relatives (from the world graph, as the screening rules find them), and sanctions and suspensions
 * in effect. A fixed number of queries whatever the size of the roster.
 */
export async function loadPlannerInput(
  db: Kysely<Database>,
  snapshot: WorldSnapshot,
  params: PlanParams,
): Promise<PlannerInput> {
  const { world, policy } = snapshot;
  const { asOf } = params;
  const due = rotationsDue(world, policy.values, asOf, params.horizonDays);

  const posts = await db
    .selectFrom('post')
    .select(['id', 'code', 'name', 'unit', 'kind', 'jurisdiction'])
    .execute();
  const unitOf = new Map(posts.map((p) => [p.code, p.unit]));
  const holdings: PlanHolding[] = (
    await db
      .selectFrom('assignment as a')
      .innerJoin('staff as s', 's.id', 'a.staffId')
      .innerJoin('post as p', 'p.id', 'a.postId')
      .select(['a.id', 's.id as staffId', 's.staffNo', 's.hiredOn', 's.departedOn', 'p.code', 'a.validFrom'])
      .where('a.validFrom', '<=', asOf)
      .where(({ eb, or }) => or([eb('a.validTo', 'is', null), eb('a.validTo', '>', asOf)]))
      .orderBy('a.id')
      .execute()
  )
    .filter((h) => isActiveOn(h.hiredOn, h.departedOn, asOf))
    .map((h) => ({
      assignmentId: h.id,
      staffId: h.staffId,
      staffNo: h.staffNo,
      post: h.code,
      since: h.validFrom,
    }));

  const people = new Map<string, PlanPerson>();
  for (const h of holdings) {
    if (people.has(h.staffNo)) continue;
    const staff = world.staff.get(h.staffNo);
    if (!staff || !isServingOn(staff, asOf)) continue;
    people.set(h.staffNo, {
      staffNo: h.staffNo,
      name: world.personName(staff.person) ?? h.staffNo,
      category: staff.category,
      qualifiedOfficer: isQualifiedOfficer(
        staff,
        world.qualificationsOf(h.staffNo).values(),
        world.suspensionsOf(h.staffNo).values(),
        asOf,
      ),
    });
  }

  const dueStaff = [...new Set(due.map((d) => d.staffNo))];
  const servedUnits = new Map<string, Set<string>>();
  const ties = new Map<string, PlanTie[]>();
  const restrictions = new Map<string, Restriction[]>();
  const closeRelatives = new Set<Relation>(policy.values.closeRelatives);
  const near = new Neighbourhoods(world.graph, closeRelatives, policy.values.maxOwnershipHops);
  const describe = (walk: Walk) => () => {
    const hops = renderWalk(world.graph, walk);
    return hops.map((h) => (h.edge ? `—${h.edge.label}→ ${h.label}` : h.label)).join(' ');
  };
  for (const staffNo of dueStaff) {
    const staff = world.staff.get(staffNo);
    if (!staff) continue;
    servedUnits.set(
      staffNo,
      new Set(
        [...world.assignmentsOf(staffNo).values()]
          .filter((a) => a.from <= asOf)
          .flatMap((a) => unitOf.get(a.post) ?? []),
      ),
    );
    const list: PlanTie[] = [];
    const node = world.personNodeOf(staff);
    if (world.graph.hasNode(node)) {
      forEachSelfOrCloseRelative(near, node, (_subject, viaKin) => {
        forEachReachedOrg(
          world.graph,
          viaKin,
          { day: asOf, maxOwnershipHops: policy.values.maxOwnershipHops, via: 'post' },
          (_org, walk, org) => {
            if (org.kind === 'org' && org.region)
              list.push({ org: org.key, region: org.region, describe: describe(walk) });
          },
        );
      });
    }
    ties.set(staffNo, list);
    const suspended = [...world.suspensionsOf(staffNo).values()].filter((s) =>
      isActiveOn(s.from, s.to, asOf),
    );
    if (suspended.length) {
      restrictions.set(
        staffNo,
        suspended.map((s) => ({
          kind: 'suspension',
          detail: `suspended from ${s.from}${s.to ? ` to ${s.to}` : ''} (${s.reason})`,
          until: s.to,
        })),
      );
    }
  }
  const sanctioned = new Map<string, ActiveSanction[]>();
  for (let i = 0; i < dueStaff.length; i += 5000) {
    for (const [k, v] of await activeSanctions(db, dueStaff.slice(i, i + 5000), asOf)) sanctioned.set(k, v);
  }
  for (const [staffNo, sanctions] of sanctioned) {
    const list = restrictions.get(staffNo) ?? [];
    for (const s of sanctions) {
      list.push({
        kind: 'sanction',
        detail: `sanction ${s.measure} from ${s.from}${s.until ? ` until ${s.until}` : ''} (finding ${s.findingId})`,
        until: s.until,
      });
    }
    restrictions.set(staffNo, list);
  }

  return {
    ...params,
    due,
    posts,
    holdings,
    people,
    servedUnits,
    ties,
    restrictions,
    policy: {
      version: policy.version,
      closeRelatives: [...policy.values.closeRelatives],
      maxOwnershipHops: policy.values.maxOwnershipHops,
    },
  };
}
