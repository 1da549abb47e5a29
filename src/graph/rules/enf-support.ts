import { qualificationGaps } from '../../qualifications/qualified.ts';
import type { Day } from '../../lib/days.ts';
import { actionNode } from '../model.ts';
import type { Walk } from '../walk.ts';
import { edgeKeyOf, type World } from '../world.ts';

/** The distinct officers of an action, in the order recorded. */
export const officersOf = (officers: readonly string[]) => [...new Set(officers)];

/** Staff member → action, along their participation. */
export function participationWalk(world: World, actionRef: string, staffNo: string): Walk | null {
  const person = world.staffNode(staffNo);
  if (!person || !world.graph.hasEdge(edgeKeyOf.participation(actionRef, staffNo))) return null;
  return {
    start: person,
    steps: [{ edge: edgeKeyOf.participation(actionRef, staffNo), node: actionNode(actionRef) }],
  };
}

/** What keeps one officer from being qualified on the day (none: qualified); cheaper than the facts. */
export function officerGaps(world: World, staffNo: string, day: Day, as: 'officer' | 'participant') {
  const staff = world.staff.get(staffNo);
  if (!staff) return ['no staff record with this number'];
  return qualificationGaps(
    staff,
    world.qualificationsOf(staffNo).values(),
    world.suspensionsOf(staffNo).values(),
    day,
    as,
  );
}

/** What the rules show about one officer on the action's day: the gaps, and the certificates held. */
export function officerFacts(world: World, staffNo: string, day: Day, as: 'officer' | 'participant') {
  const staff = world.staff.get(staffNo);
  const qualifications = [...world.qualificationsOf(staffNo).values()];
  const suspensions = [...world.suspensionsOf(staffNo).values()];
  const gaps = staff
    ? qualificationGaps(staff, qualifications, suspensions, day, as)
    : ['no staff record with this number'];
  return {
    staffNo,
    category: staff?.category ?? null,
    gaps,
    qualifications: qualifications
      .map((q) => ({ certNo: q.certNo, kind: q.kind, passedOn: q.passedOn, expiresOn: q.expiresOn }))
      .sort((a, b) => (a.certNo < b.certNo ? -1 : 1)),
    suspensions: suspensions
      .map((s) => ({ from: s.from, to: s.to }))
      .sort((a, b) => (a.from < b.from ? -1 : 1)),
  };
}
