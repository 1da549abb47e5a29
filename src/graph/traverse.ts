import type { Relation } from '../db/schema.ts';
import { isActiveOn, type Day } from '../lib/days.ts';
import { isPost, OPERATING, OWNING, type NodeAttributes } from './model.ts';
import { extend, lastNode, type Walk } from './walk.ts';
import type { WorldGraph } from './world.ts';

// The traversals the rules share: tight loops over graphology adjacency, allocating only the walks they
// report (a walk is a handful of steps), never anything the size of the graph.

/**
 * Calls `visit` for each close relative of `person`: a kinship recorded from either side whose relation is
 * in `closeRelatives` (the set is closed under inversion, so the direction of the record does not matter).
 */
export function forEachCloseRelative(
  graph: WorldGraph,
  person: string,
  closeRelatives: ReadonlySet<Relation>,
  visit: (relative: string, edge: string) => void,
): void {
  graph.forEachOutEdge(person, (edge, a, _source, target) => {
    if (a.kind === 'kinship' && closeRelatives.has(a.record.relation)) visit(target, edge);
  });
  graph.forEachInEdge(person, (edge, a, source) => {
    if (a.kind === 'kinship' && closeRelatives.has(a.record.relation)) visit(source, edge);
  });
}

/** A close relative and the kinship edge to them. */
export interface Kin {
  relative: string;
  edge: string;
}

/**
 * The close relatives of each person and the people tied to each organisation, worked out once per
 * evaluation: several rules ask for the same ones, and an officer's node carries an edge per action taken
 * part in, too many to scan again for every rule and action.
 */
export class Neighbourhoods {
  readonly #kin = new Map<string, Kin[]>();
  readonly #tied = new Map<string, Set<string>>();

  constructor(
    readonly graph: WorldGraph,
    readonly closeRelatives: ReadonlySet<Relation>,
    readonly maxOwnershipHops: number,
  ) {}

  closeKin(person: string): readonly Kin[] {
    let list = this.#kin.get(person);
    if (!list) {
      const found: Kin[] = [];
      forEachCloseRelative(this.graph, person, this.closeRelatives, (relative, edge) =>
        found.push({ relative, edge }),
      );
      this.#kin.set(person, (list = found));
    }
    return list;
  }

  /** `peopleTiedTo` with the policy's ownership hops. */
  peopleTiedTo(org: string): ReadonlySet<string> {
    let people = this.#tied.get(org);
    if (!people) this.#tied.set(org, (people = peopleTiedTo(this.graph, org, this.maxOwnershipHops)));
    return people;
  }
}

/** The person themself (an empty walk), then each close relative (a one-step walk from the person). */
export function forEachSelfOrCloseRelative(
  near: Neighbourhoods,
  person: string,
  visit: (subject: string, walk: Walk) => void,
): void {
  const self: Walk = { start: person, steps: [] };
  visit(person, self);
  for (const { relative, edge } of near.closeKin(person)) visit(relative, extend(self, edge, relative));
}

const onWalk = (w: Walk, node: string) => w.start === node || w.steps.some((s) => s.node === node);

export interface ReachOptions {
  day: Day;
  maxOwnershipHops: number;
  /** `operate`: operating roles only; `post`: any post (every role but `member`) or an operating role. */
  via: 'operate' | 'post';
}

/**
 * Calls `visit` for every organisation the last person of `from` operates on `day` (an operating role, or
 * an ownership chain from an owning role of at most `maxOwnershipHops` ownership records), or, with
 * `via: 'post'`, also holds a post in. Every simple walk is reported, so an organisation reached two ways is
 * visited twice.
 */
export function forEachReachedOrg(
  graph: WorldGraph,
  from: Walk,
  options: ReachOptions,
  visit: (org: string, walk: Walk, org_: NodeAttributes) => void,
): void {
  const { day, maxOwnershipHops, via } = options;
  const chain = (org: string, w: Walk, hops: number) => {
    graph.forEachOutEdge(org, (edge, a, _source, next, _sa, nextAttrs) => {
      if (a.kind !== 'ownership' || !isActiveOn(a.from, a.to, day) || onWalk(w, next)) return;
      const walked = extend(w, edge, next);
      visit(next, walked, nextAttrs);
      if (hops < maxOwnershipHops) chain(next, walked, hops + 1);
    });
  };
  graph.forEachOutEdge(lastNode(from), (edge, a, _source, org, _sa, orgAttrs) => {
    if (a.kind !== 'affiliation' || !isActiveOn(a.from, a.to, day)) return;
    const role = a.record.role;
    const walked = extend(from, edge, org);
    if (OPERATING.has(role) || (via === 'post' && isPost(role))) visit(org, walked, orgAttrs);
    if (OWNING.has(role) && maxOwnershipHops > 0) chain(org, walked, 1);
  });
}

/**
 * Everyone with a recorded tie that could reach `org`: an affiliation to it, or to an organisation owning it
 * through at most `hops` ownership records, whatever the dates and roles. A superset of the people
 * `forEachReachedOrg` reaches it from, computed without walks, to skip the walks for everyone else.
 */
export function peopleTiedTo(graph: WorldGraph, org: string, hops: number): Set<string> {
  const people = new Set<string>();
  const seen = new Set([org]);
  let frontier = [org];
  for (let depth = 0; frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachInEdge(node, (_edge, a, source) => {
        if (a.kind === 'affiliation') people.add(source);
        else if (a.kind === 'ownership' && depth < hops && !seen.has(source)) {
          seen.add(source);
          next.push(source);
        }
      });
    }
    frontier = next;
  }
  return people;
}

/** Whether `person` or one of their close relatives is in `people`. */
export function selfOrCloseRelativeIn(
  near: Neighbourhoods,
  person: string,
  people: ReadonlySet<string>,
): boolean {
  return people.has(person) || near.closeKin(person).some((k) => people.has(k.relative));
}
