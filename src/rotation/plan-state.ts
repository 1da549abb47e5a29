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

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** A unit's live counts while moves are planned. */
export interface UnitState {
  name: string;
  /** Has an enforcement post: it keeps at least two qualified officers. */
  enforcement: boolean;
  /** Serving staff holding a current assignment in the unit when planning began. */
  headcount: number;
  maxMovesOut: number;
  /** Qualified officers holding an enforcement post of the unit, now. */
  officers: Set<string>;
  officersBefore: number;
  movesOut: number;
  movesIn: number;
}

/**
 * Posts of one kind in one unit with one jurisdiction: every constraint judges them alike, so the planner
 * judges the slot once and, when feasible, offers its post with the fewest holders.
 */
export interface Slot {
  unit: UnitState;
  kind: string;
  jurisdiction: string | null;
  posts: PlanPost[];
  /** The post with the fewest current holders (then the lowest code); null when stale. */
  best: PlanPost | null;
  /** How many hold `best`. */
  bestHolders: number;
}

/**
 * The state of the detachment while moves are planned: who holds what, each unit's qualified officers and
 * moves so far. Judging a destination is a few field reads; applying a move updates the counts.
 */
export class PlanState {
  readonly posts = new Map<string, PlanPost>();
  readonly postsByKind = new Map<string, PlanPost[]>();
  readonly slotsByKind = new Map<string, Slot[]>();
  readonly units = new Map<string, UnitState>();
  readonly holders = new Map<string, Set<string>>();
  readonly heldBy = new Map<string, Set<string>>();
  readonly holdingById = new Map<number, PlanHolding>();
  readonly #slotOf = new Map<string, Slot>();
  readonly #tieJurisdictions = new Map<string, Set<string>>();

  constructor(readonly input: PlannerInput) {
    for (const p of input.posts) {
      this.posts.set(p.code, p);
      const list = this.postsByKind.get(p.kind) ?? [];
      list.push(p);
      this.postsByKind.set(p.kind, list);
      const unit = this.unit(p.unit);
      if (p.kind === 'enforcement') unit.enforcement = true;
    }
    const slots = new Map<string, Slot>();
    for (const list of this.postsByKind.values()) {
      list.sort((a, b) => (a.code < b.code ? -1 : 1));
      for (const p of list) {
        const key = `${p.kind}\u0000${p.unit}\u0000${p.jurisdiction ?? ''}`;
        let slot = slots.get(key);
        if (!slot) {
          slot = {
            unit: this.unit(p.unit),
            kind: p.kind,
            jurisdiction: p.jurisdiction,
            posts: [],
            best: null,
            bestHolders: 0,
          };
          slots.set(key, slot);
          const kindSlots = this.slotsByKind.get(p.kind) ?? [];
          kindSlots.push(slot);
          this.slotsByKind.set(p.kind, kindSlots);
        }
        slot.posts.push(p);
        this.#slotOf.set(p.code, slot);
      }
    }
    const unitStaff = new Map<string, Set<string>>();
    for (const h of input.holdings) {
      const post = this.posts.get(h.post);
      if (!post) continue;
      this.holdingById.set(h.assignmentId, h);
      addTo(this.holders, h.post, h.staffNo);
      addTo(this.heldBy, h.staffNo, h.post);
      addTo(unitStaff, post.unit, h.staffNo);
      if (post.kind === 'enforcement' && this.person(h.staffNo)?.qualifiedOfficer) {
        this.unit(post.unit).officers.add(h.staffNo);
      }
    }
    for (const unit of this.units.values()) {
      unit.headcount = unitStaff.get(unit.name)?.size ?? 0;
      unit.maxMovesOut = Math.max(1, Math.floor(input.maxUnitShare * unit.headcount + 1e-9));
      unit.officersBefore = unit.officers.size;
    }
  }

  unit(name: string): UnitState {
    let unit = this.units.get(name);
    if (!unit) {
      unit = {
        name,
        enforcement: false,
        headcount: 0,
        maxMovesOut: 1,
        officers: new Set(),
        officersBefore: 0,
        movesOut: 0,
        movesIn: 0,
      };
      this.units.set(name, unit);
    }
    return unit;
  }

  person(staffNo: string): PlanPerson | undefined {
    return this.input.people.get(staffNo);
  }

  officerCount(unit: string): number {
    return this.units.get(unit)?.officers.size ?? 0;
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
    if (post.kind !== 'enforcement' || !this.units.get(post.unit)?.officers.has(staffNo)) return false;
    for (const code of this.heldBy.get(staffNo) ?? []) {
      const other = this.posts.get(code);
      if (code !== post.code && other?.kind === 'enforcement' && other.unit === post.unit) return false;
    }
    return true;
  }

  /** The constraints on leaving a post, whatever the destination: the unit's officer floor and share of moves. */
  sourceChecks(staffNo: string, from: PlanPost): Check[] {
    const unit = this.unit(from.unit);
    const checks: Check[] = [];
    if (unit.enforcement) {
      const before = unit.officers.size;
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
    const out = unit.movesOut + 1;
    checks.push({
      constraint: 'unit-share',
      passed: out <= unit.maxMovesOut,
      detail:
        `${from.unit} would lose ${out} of ${unit.headcount} staff in this plan; at most ${unit.maxMovesOut} ` +
        `(share ${this.input.maxUnitShare}, at least one)`,
    });
    return checks;
  }

  /** The constraints on one destination, in order; stops at the first that fails unless `all`. */
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
    ) {
      return checks;
    }
    if (
      !push({
        constraint: 'same-kind',
        passed: to.kind === from.kind,
        detail: `${to.kind} (leaving ${from.kind})`,
      })
    ) {
      return checks;
    }
    const jurisdiction = to.jurisdiction;
    const recorded = {
      constraint: 'jurisdiction-recorded' as const,
      passed: jurisdiction !== null,
      detail: jurisdiction ?? `post ${to.code} has no jurisdiction recorded`,
    };
    if (!push(recorded)) return checks;
    const tied = jurisdiction !== null && this.tieJurisdictions(staffNo).has(jurisdiction);
    const tie = {
      constraint: 'no-tie-in-jurisdiction' as const,
      passed: !tied,
      detail: tied ? this.describeTies(staffNo, jurisdiction!) : `no tie in ${jurisdiction ?? '(unknown)'}`,
    };
    if (!push(tie)) return checks;
    const restrictions = this.input.restrictions.get(staffNo) ?? [];
    push({
      constraint: 'no-sanction-into-leadership',
      passed: !(to.kind === 'leadership' && restrictions.length > 0),
      detail:
        to.kind !== 'leadership'
          ? `${to.code} is not a leadership post`
          : restrictions.length
            ? restrictions.map((r) => r.detail).join('; ')
            : 'no sanction or suspension in effect',
    });
    return checks;
  }

  /**
   * A fast judge of destination slots for one person leaving `from`: the first constraint the slot's posts
   * break, or null. The same order and conditions as `candidateChecks`, without building any text.
   */
  judge(staffNo: string, from: PlanPost): (slot: Slot) => ConstraintId | null {
    const ties = this.tieJurisdictions(staffNo);
    const tied = ties.size > 0;
    const restricted = (this.input.restrictions.get(staffNo)?.length ?? 0) > 0;
    const fromUnit = this.unit(from.unit);
    return (slot) => {
      if (slot.unit === fromUnit) return 'other-unit';
      if (slot.kind !== from.kind) return 'same-kind';
      if (slot.jurisdiction === null) return 'jurisdiction-recorded';
      if (tied && ties.has(slot.jurisdiction)) return 'no-tie-in-jurisdiction';
      if (restricted && slot.kind === 'leadership') return 'no-sanction-into-leadership';
      return null;
    };
  }

  /** The ties that put `jurisdiction` off limits for `staffNo`, for a reader. */
  describeTies(staffNo: string, jurisdiction: string, max = 3): string {
    const ties = (this.input.ties.get(staffNo) ?? []).filter((t) =>
      coveringJurisdictions(t.region).includes(jurisdiction),
    );
    const shown = ties.slice(0, max).map((t) => t.describe());
    const more = ties.length > max ? `; and ${ties.length - max} more` : '';
    return `tie${ties.length === 1 ? '' : 's'} in ${jurisdiction}: ${shown.join('; ')}${more}`;
  }

  /** Applies a move to the counts. */
  apply(holding: PlanHolding, to: PlanPost): void {
    const from = this.posts.get(holding.post)!;
    const staffNo = holding.staffNo;
    const fromUnit = this.unit(from.unit);
    const toUnit = this.unit(to.unit);
    if (this.#leavesOfficer(staffNo, from)) fromUnit.officers.delete(staffNo);
    this.holders.get(from.code)?.delete(staffNo);
    this.heldBy.get(staffNo)?.delete(from.code);
    addTo(this.holders, to.code, staffNo);
    addTo(this.heldBy, staffNo, to.code);
    if (to.kind === 'enforcement' && this.person(staffNo)?.qualifiedOfficer) toUnit.officers.add(staffNo);
    fromUnit.movesOut += 1;
    toUnit.movesIn += 1;
    const fromSlot = this.#slotOf.get(from.code);
    const toSlot = this.#slotOf.get(to.code);
    if (fromSlot) fromSlot.best = null;
    if (toSlot) toSlot.best = null;
  }

  /** Whether a qualified officer moving into `unit` lifts an enforcement unit that is below the floor. */
  helpsFloor(staffNo: string, kind: string, unit: UnitState): boolean {
    return (
      kind === 'enforcement' &&
      unit.enforcement &&
      unit.officers.size < OFFICER_FLOOR &&
      this.person(staffNo)?.qualifiedOfficer === true &&
      !unit.officers.has(staffNo)
    );
  }

  holderCount(post: string): number {
    return this.holders.get(post)?.size ?? 0;
  }

  /** The slot's post with the fewest holders (then the lowest code), leaving out posts in `skip`. */
  bestOf(slot: Slot, skip?: ReadonlySet<string>): PlanPost | null {
    if (!skip && slot.best) return slot.best;
    let best: PlanPost | null = null;
    let fewest = Infinity;
    for (const p of slot.posts) {
      if (skip?.has(p.code)) continue;
      const n = this.holderCount(p.code);
      if (n < fewest) {
        fewest = n;
        best = p;
      }
    }
    if (!skip) {
      slot.best = best;
      slot.bestHolders = fewest;
    }
    return best;
  }
}
