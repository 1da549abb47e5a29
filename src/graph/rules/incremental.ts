import type { Day } from '../../lib/days.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Policy } from '../../policy/values.ts';
import { isPost, type EdgeAttributes, type NodeAttributes } from '../model.ts';
import type { World, WorldChanges } from '../world.ts';
import { RULES, ruleContext, sortByFlagKey } from './index.ts';
import type { FlagCandidate, Rule, RuleId, Scope } from './types.ts';

// Screening again after a small change re-evaluates each rule only for the staff members and actions the
// change can reach, and keeps every other subject's flags from the last screening. Every flag belongs to one
// subject (a staff-rule flag to its staff member, an action-rule flag to its action) and is a function of
// the walks that raise it and of that subject's own records, so a subject whose walks touch no changed node
// and whose records did not change gets the same flags as before.
//
// Which subjects can a changed node reach? Every walk a rule reports has the shape
//   staff rules:   S ~kin~ R —affiliation→ O1 —ownership→ … → Ok     (or S —designation→ O)
//   action rules:  A ← S ~kin~ R —affiliation→ O1 —ownership→ … → T ← A  (T acted upon, or the contractor
//                  C ← U ← A its client engaged)
// (every part optional but the subject). Take the first changed node on an old or new walk, counted from the
// subject along the person side: the walk up to it survives the change, so the searches below, which
// follow that shape backwards from every changed node ignoring dates and roles (but never a `member`
// affiliation, which no rule follows), reach the subject. A node counts as changed when its attributes or
// any of its edges were put or dropped.

interface State {
  asOf: Day;
  policy: string;
  results: Map<RuleId, Map<string, FlagCandidate[]>>;
}

const states = new WeakMap<World, State>();

const subjectOf = (rule: Rule, f: FlagCandidate) => (rule.subject === 'staff' ? f.staffNo : f.action)!;

function grouped(rule: Rule, flags: FlagCandidate[], into = new Map<string, FlagCandidate[]>()) {
  for (const f of flags) {
    const subject = subjectOf(rule, f);
    const list = into.get(subject);
    if (list) list.push(f);
    else into.set(subject, [f]);
  }
  return into;
}

/** The staff members and actions whose flags a set of changes can alter. */
export function reachedBy(world: World, changes: WorldChanges, maxOwnershipHops: number): Scope {
  const graph = world.graph;
  const staff = new Set<string>(changes.staffNos);
  const actions = new Set<string>(changes.actions);
  for (const staffNo of changes.staffNos) for (const ref of world.actionsOf(staffNo).keys()) actions.add(ref);
  if (changes.posts.size > 0) {
    for (const a of world.assignments.values()) if (changes.posts.has(a.post)) staff.add(a.staffNo);
  }

  // Organisations: the changed ones and those within the hop limit along ownership, either way.
  const orgs = new Set<string>();
  const people = new Set<string>();
  let frontier: string[] = [];
  for (const node of changes.nodes) {
    if (!graph.hasNode(node)) continue;
    const kind = graph.getNodeAttribute(node, 'kind');
    if (kind === 'org') {
      orgs.add(node);
      frontier.push(node);
    } else if (kind === 'person') people.add(node);
    else if (kind === 'action') actions.add(graph.getNodeAttribute(node, 'key'));
  }
  for (let hop = 0; hop < maxOwnershipHops && frontier.length > 0; hop += 1) {
    const next: string[] = [];
    const follow = (_e: string, a: EdgeAttributes, source: string, target: string) => {
      if (a.kind !== 'ownership') return;
      for (const org of [source, target]) {
        if (!orgs.has(org)) {
          orgs.add(org);
          next.push(org);
        }
      }
    };
    for (const org of frontier) graph.forEachEdge(org, follow);
    frontier = next;
  }
  // People tied to those organisations by a post, an operating role or a designation.
  for (const org of orgs) {
    graph.forEachInEdge(org, (_e, a, source, _t, sourceAttrs: NodeAttributes) => {
      if (sourceAttrs.kind !== 'person') return;
      if ((a.kind === 'affiliation' && isPost(a.record.role)) || a.kind === 'designation') people.add(source);
    });
  }
  // Actions on those organisations. (A contractor's client is on the walk after the contractor, so the
  // person side reaches the action first.)
  for (const org of orgs) {
    graph.forEachInEdge(org, (_e, a, _source, _t, sourceAttrs: NodeAttributes) => {
      if (a.kind === 'target') actions.add(sourceAttrs.key);
    });
  }
  // Their relatives (either side of a kinship), then the staff numbers and actions of all of them.
  const withKin = new Set(people);
  for (const person of people) {
    graph.forEachEdge(person, (_e, a, source, target) => {
      if (a.kind === 'kinship') withKin.add(source === person ? target : source);
    });
  }
  for (const person of withKin) {
    const attrs = graph.getNodeAttributes(person);
    if (attrs.kind === 'person') for (const staffNo of attrs.staffNos) staff.add(staffNo);
    graph.forEachOutEdge(person, (_e, a, _s, _t, _sa, targetAttrs: NodeAttributes) => {
      if (a.kind === 'participation') actions.add(targetAttrs.key);
    });
  }
  return { staff, actions };
}

/**
 * Every rule as of `asOf`, the same flags as `evaluateRules`, re-evaluating after the first call only the
 * subjects the world's changes since the last call can reach (a new day or policy evaluates everything).
 */
export function screenIncrementally(world: World, asOf: Day, policy: Policy): FlagCandidate[] {
  const changes = world.takeChanges();
  const policyKey = canonicalJson(policy);
  let state = states.get(world);
  const ctx = ruleContext(world, asOf, policy);
  if (!state || !changes || changes.everything || state.asOf !== asOf || state.policy !== policyKey) {
    state = { asOf, policy: policyKey, results: new Map() };
    for (const rule of RULES) state.results.set(rule.id, grouped(rule, rule.evaluate(ctx)));
    states.set(world, state);
  } else {
    const scope = reachedBy(world, changes, policy.values.maxOwnershipHops);
    const scoped = { ...ctx, scope };
    for (const rule of RULES) {
      const subjects = rule.subject === 'staff' ? scope.staff! : scope.actions!;
      if (subjects.size === 0) continue;
      const bySubject = state.results.get(rule.id)!;
      for (const subject of subjects) bySubject.delete(subject);
      grouped(rule, rule.evaluate(scoped), bySubject);
    }
  }
  const all: FlagCandidate[] = [];
  for (const bySubject of state.results.values()) for (const list of bySubject.values()) all.push(...list);
  return sortByFlagKey(all);
}
