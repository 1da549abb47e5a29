import {
  OFFICER_FLOOR,
  type Check,
  type ConstraintId,
  type PlanHolding,
  type PlannerInput,
  type PlanPerson,
  type PlanPost,
} from './plan-model.ts';

/** Every jurisdiction code that covers `region` (RULES.md jurisdiction match): 230502 → 230502, 230500, 230000, 000000. */
export function coveringJurisdictions(region: string): string[] {
  return [region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`, '000000'];
}

const inc = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/**
 * The state of the detachment while moves are planned: who holds what, each unit's qualified officers and
 * moves so far. Judging one candidate post is constant work; applying a move updates the counts.
 */
export class PlanState {
  readonly posts = new Map<string, PlanPost>();
  readonly postsByKind = new Map<string, PlanPost[]>();
  readonly holders = new Map<string, Set<string>>();
  readonly heldBy = new Map<string, Set<string>>();
  readonly holdingById = new Map<number, PlanHolding>();
  readonly enforcementUnits = new Set<string>();
  readonly headcount = new Map<string, number>();
  readonly officers = new Map<string, Set<string>>();
  readonly officersBefore = new Map<string, number>();
  readonly movesOut = new Map<string, number>();
  readonly movesIn = new Map<string, number>();
  readonly #tieJurisdictions = new Map<string, Set<string>>();

  constructor(readonly input: PlannerInput) {
    for (const p of input.posts) {
      this.posts.set(p.code, p);
      const list = this.postsByKind.get(p.kind) ?? [];
      list.push(p);
      this.postsByKind.set(p.kind, list);
      if (p.kind === 'enforcement') this.enforcementUnits.add(p.unit);
    }
    for (const list of this.postsByKind.values()) list.sort((a, b) => (a.code < b.code ? -1 : 1));
    const unitStaff = new Map<string, Set<string>>();
    for (const h of input.holdings) {
      const post = this.posts.get(h.post);
      if (!post) continue;
      this.holdingById.set(h.assignmentId, h);
      addTo(this.holders, h.post, h.staffNo);
      addTo(this.heldBy, h.staffNo, h.post);
      addTo(unitStaff, post.unit, h.staffNo);
      if (post.kind === 'enforcement' && this.person(h.staffNo)?.qualifiedOfficer) {
        addTo(this.officers, post.unit, h.staffNo);
      }
    }
    for (const [unit, staff] of unitStaff) this.headcount.set(unit, staff.size);
    for (const unit of this.enforcementUnits) this.officersBefore.set(unit, this.officerCount(unit));
  }

  person(staffNo: string): PlanPerson | undefined {
    return this.input.people.get(staffNo);
  }

  officerCount(unit: string): number {
    return this.officers.get(unit)?.size ?? 0;
  }

  /** At least one move per unit, or the share of its staff rounded down. */
  maxMovesOut(unit: string): number {
    return Math.max(1, Math.floor(this.input.maxUnitShare * (this.headcount.get(unit) ?? 0) + 1e-9));
  }

  tieJurisdictions(staffNo: string): Set<string> {
    let set = this.#tieJurisdictions.get(staffNo);
    if (!set) {
      set = new Set((this.input.ties.get(staffNo) ?? []).flatMap((t) => coveringJurisdictions(t.region)));
      this.#tieJurisdictions.set(staffNo, set);
    }
    return set;
  }

  /** Whether leaving `post` takes a qualified officer away from its enforcement unit. */
  #leavesOfficer(staffNo: string, post: PlanPost): boolean {
    if (post.kind !== 'enforcement' || !this.officers.get(post.unit)?.has(staffNo)) return false;
    for (const code of this.heldBy.get(staffNo) ?? []) {
      const other = this.posts.get(code);
      if (code !== post.code && other?.kind === 'enforcement' && other.unit === post.unit) return false;
    }
    return true;
  }

  /** The constraints on leaving a post, whatever the destination: the unit's officer floor and share of moves. */
  sourceChecks(staffNo: string, from: PlanPost): Check[] {
    const checks: Check[] = [];
    if (this.enforcementUnits.has(from.unit)) {
      const before = this.officerCount(from.unit);
      const after = this.#leavesOfficer(staffNo, from) ? before - 1 : before;
      checks.push({
        constraint: 'two-officer-floor',
        passed: after === before || after >= OFFICER_FLOOR,
        detail:
          after === before
            ? `${staffNo} is not counted among ${from.unit}'s qualified enforcement officers; it keeps ${before}`
            : `${from.unit} keeps ${after} qualified enforcement officer${after === 1 ? '' : 's'} (at least ${OFFICER_FLOOR})`,
      });
    } else {
      checks.push({
        constraint: 'two-officer-floor',
        passed: true,
        detail: `${from.unit} has no enforcement post`,
      });
    }
    const out = (this.movesOut.get(from.unit) ?? 0) + 1;
    const max = this.maxMovesOut(from.unit);
    checks.push({
      constraint: 'unit-share',
      passed: out <= max,
      detail:
        `${from.unit} would lose ${out} of ${this.headcount.get(from.unit) ?? 0} staff in this plan; at most ${max} ` +
        `(share ${this.input.maxUnitShare}, at least one)`,
    });
    return checks;
  }

  /**
   * The constraints on one destination, in order; stops at the first that fails unless `all`. Pure lookups.
   */
  candidateChecks(staffNo: string, from: PlanPost, to: PlanPost, all = false): Check[] {
    const checks: Check[] = [];
    const push = (c: Check) => {
      checks.push(c);
      return c.passed || all;
    };
    if (
      !push({
        constraint: 'other-unit',
        passed: to.unit !== from.unit,
        detail: `${to.unit} (leaving ${from.unit})`,
      })
    )
      return checks;
    if (
      !push({
        constraint: 'same-kind',
        passed: to.kind === from.kind,
        detail: `${to.kind} (leaving ${from.kind})`,
      })
    )
      return checks;
    const jurisdiction = to.jurisdiction;
    if (
      !push({
        constraint: 'jurisdiction-recorded',
        passed: jurisdiction !== null,
        detail: jurisdiction ?? `post ${to.code} has no jurisdiction recorded`,
      })
    )
      return checks;
    const tied = jurisdiction !== null && this.tieJurisdictions(staffNo).has(jurisdiction);
    if (
      !push({
        constraint: 'no-tie-in-jurisdiction',
        passed: !tied,
        detail: tied ? this.describeTies(staffNo, jurisdiction!) : `no tie in ${jurisdiction ?? '(unknown)'}`,
      })
    )
      return checks;
    const restrictions = this.input.restrictions.get(staffNo) ?? [];
    const leadershipBlocked = to.kind === 'leadership' && restrictions.length > 0;
    push({
      constraint: 'no-sanction-into-leadership',
      passed: !leadershipBlocked,
      detail:
        to.kind !== 'leadership'
          ? `${to.code} is not a leadership post`
          : restrictions.length
            ? restrictions.map((r) => r.detail).join('; ')
            : 'no sanction or suspension in effect',
    });
    return checks;
  }

  /** The ties that put `jurisdiction` off limits for `staffNo`, for a reader. */
  describeTies(staffNo: string, jurisdiction: string, max = 3): string {
    const ties = (this.input.ties.get(staffNo) ?? []).filter((t) =>
      coveringJurisdictions(t.region).includes(jurisdiction),
    );
    const shown = ties.slice(0, max).map((t) => t.describe());
    return `tie${ties.length === 1 ? '' : 's'} in ${jurisdiction}: ${shown.join('; ')}${ties.length > max ? `; and ${ties.length - max} more` : ''}`;
  }

  /** Applies a move to the counts. */
  apply(holding: PlanHolding, to: PlanPost): void {
    const from = this.posts.get(holding.post)!;
    const staffNo = holding.staffNo;
    const leaves = this.#leavesOfficer(staffNo, from);
    this.holders.get(from.code)?.delete(staffNo);
    this.heldBy.get(staffNo)?.delete(from.code);
    if (leaves) this.officers.get(from.unit)?.delete(staffNo);
    addTo(this.holders, to.code, staffNo);
    addTo(this.heldBy, staffNo, to.code);
    if (to.kind === 'enforcement' && this.person(staffNo)?.qualifiedOfficer)
      addTo(this.officers, to.unit, staffNo);
    inc(this.movesOut, from.unit);
    inc(this.movesIn, to.unit);
  }

  /** Whether moving `staffNo` into `to` lifts an enforcement unit that is below the floor. */
  helpsFloor(staffNo: string, to: PlanPost): boolean {
    return (
      to.kind === 'enforcement' &&
      this.person(staffNo)?.qualifiedOfficer === true &&
      this.officerCount(to.unit) < OFFICER_FLOOR &&
      !this.officers.get(to.unit)?.has(staffNo)
    );
  }

  holderCount(post: string): number {
    return this.holders.get(post)?.size ?? 0;
  }
}

export type { ConstraintId };
