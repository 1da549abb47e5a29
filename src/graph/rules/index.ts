import type { Day } from '../../lib/days.ts';
import type { Policy } from '../../policy/values.ts';
import { Neighbourhoods } from '../traverse.ts';
import type { World } from '../world.ts';
import { coiDesignateCovert } from './coi-designate-covert.ts';
import { coiDesignate } from './coi-designate.ts';
import { coiOutsidePost } from './coi-outside-post.ts';
import { coiRelativeBusiness } from './coi-relative-business.ts';
import { coiRetireeAssociation } from './coi-retiree-association.ts';
import { coiRevolvingDoor } from './coi-revolving-door.ts';
import { declLate } from './decl-late.ts';
import { declUndeclared } from './decl-undeclared.ts';
import { enfRecusal } from './enf-recusal.ts';
import { enfTwoPerson } from './enf-two-person.ts';
import { enfUnqualified } from './enf-unqualified.ts';
import { rotOverdue } from './rot-overdue.ts';
import type { FlagCandidate, Rule, RuleContext, RuleId } from './types.ts';

export const RULES: readonly Rule[] = [
  coiDesignate,
  coiDesignateCovert,
  coiRelativeBusiness,
  coiOutsidePost,
  coiRetireeAssociation,
  coiRevolvingDoor,
  declLate,
  declUndeclared,
  enfTwoPerson,
  enfUnqualified,
  enfRecusal,
  rotOverdue,
];

export const ruleById = (id: string): Rule | undefined => RULES.find((r) => r.id === id);

export function ruleContext(world: World, asOf: Day, policy: Policy): RuleContext {
  const closeRelatives = new Set(policy.values.closeRelatives);
  const near = new Neighbourhoods(world.graph, closeRelatives, policy.values.maxOwnershipHops);
  return { world, graph: world.graph, asOf, policy, closeRelatives, near };
}

/** Every rule as of `asOf`, in flag-key order. Pure: the same world, day and policy give the same flags. */
export function evaluateRules(
  world: World,
  asOf: Day,
  policy: Policy,
  rules: readonly Rule[] = RULES,
): FlagCandidate[] {
  const ctx = ruleContext(world, asOf, policy);
  return sortByFlagKey(rules.flatMap((rule) => rule.evaluate(ctx)));
}

export const sortByFlagKey = (flags: FlagCandidate[]): FlagCandidate[] =>
  flags.sort((a, b) => (a.flagKey < b.flagKey ? -1 : a.flagKey > b.flagKey ? 1 : 0));

/** Flags found per rule, every rule named (zero included). */
export function countByRule(flags: readonly FlagCandidate[]): Record<RuleId, number> {
  const counts = Object.fromEntries(RULES.map((r) => [r.id, 0])) as Record<RuleId, number>;
  for (const f of flags) counts[f.rule] += 1;
  return counts;
}
