import type { Relation } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Day } from '../../lib/days.ts';
import type { Policy, PolicyValues } from '../../policy/values.ts';
import { renderWalk, type Hop, type Walk } from '../walk.ts';
import { naturalKey, type World, type WorldGraph } from '../world.ts';

export { RULE_IDS, type RuleId } from '../rule-ids.ts';
import type { RuleId } from '../rule-ids.ts';
export type Severity = 'violation' | 'risk';

export interface Citation {
  article: string;
  text: string;
}

/** The parts of a flag's identity (RULES.md "flag key"); null where the rule's key has no such part. */
export interface FlagKeyParts {
  staffNo: string | null;
  org: string | null;
  action: string | null;
  post: string | null;
  year: number | null;
}

export interface Evidence {
  asOf: Day;
  /** The graph paths that raised the flag, each hop with its node and the record on the edge into it. */
  paths: Hop[][];
  /** Facts the paths do not show (dates compared, certificates held, windows computed). */
  facts: Record<string, unknown>[];
  /** The policy version and the values this rule used. */
  policy: Record<string, unknown>;
}

export interface FlagCandidate extends FlagKeyParts {
  rule: RuleId;
  severity: Severity;
  flagKey: string;
  citation: Citation;
  evidence: Evidence;
}

export interface RuleContext {
  world: World;
  graph: WorldGraph;
  asOf: Day;
  policy: Policy;
  closeRelatives: ReadonlySet<Relation>;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  citation: Citation;
  /** The policy values the rule reads; shown in each of its flags. */
  policyKeys: readonly (keyof PolicyValues)[];
  evaluate(ctx: RuleContext): FlagCandidate[];
}

export const flagKeyOf = (rule: RuleId, k: FlagKeyParts) =>
  naturalKey(rule, k.staffNo, k.org, k.action, k.post, k.year);

const NO_KEY: FlagKeyParts = { staffNo: null, org: null, action: null, post: null, year: null };

const sortedUnique = <T>(items: T[]): T[] => {
  const byText = new Map<string, T>();
  for (const item of items) byText.set(canonicalJson(item), item);
  return [...byText.keys()].sort().map((k) => byText.get(k)!);
};

/**
 * Gathers what a rule finds, one flag per key however many paths lead to it, and renders the flags with
 * their evidence in a canonical order (so the result never depends on the order records were loaded in).
 */
export class Findings {
  readonly #found = new Map<string, { key: FlagKeyParts; walks: Walk[]; facts: Record<string, unknown>[] }>();

  constructor(
    readonly rule: Rule,
    readonly ctx: RuleContext,
  ) {}

  add(key: Partial<FlagKeyParts>, walk: Walk | null, facts?: Record<string, unknown>): void {
    const parts = { ...NO_KEY, ...key };
    const id = flagKeyOf(this.rule.id, parts);
    let entry = this.#found.get(id);
    if (!entry) this.#found.set(id, (entry = { key: parts, walks: [], facts: [] }));
    if (walk) entry.walks.push(walk);
    if (facts) entry.facts.push(facts);
  }

  list(): FlagCandidate[] {
    const { rule, ctx } = this;
    const policy: Record<string, unknown> = { version: ctx.policy.version };
    for (const k of rule.policyKeys) policy[k] = ctx.policy.values[k];
    return [...this.#found.entries()].map(([flagKey, { key, walks, facts }]) => ({
      rule: rule.id,
      severity: rule.severity,
      flagKey,
      ...key,
      citation: rule.citation,
      evidence: {
        asOf: ctx.asOf,
        paths: sortedUnique(walks.map((w) => renderWalk(ctx.graph, w))),
        facts: sortedUnique(facts),
        policy,
      },
    }));
  }
}
