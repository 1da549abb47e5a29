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

/** The person themself (an empty walk), then each close relative (a one-step walk from the person). */
export function forEachSelfOrCloseRelative(
  graph: WorldGraph,
  person: string,
  closeRelatives: ReadonlySet<Relation>,
  visit: (subject: string, walk: Walk) => void,
): void {
  const self: Walk = { start: person, steps: [] };
  visit(person, self);
  forEachCloseRelative(graph, person, closeRelatives, (relative, edge) =>
    visit(relative, extend(self, edge, relative)),
  );
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
