import type { RotationDue } from './due.ts';
import {
  CONSTRAINTS,
  type Check,
  type ConstraintId,
  type MoveExplanation,
  type PlanHolding,
  type PlannerInput,
  type PlanPost,
  type PlanResult,
  type ProposedMove,
  type UnitSummary,
} from './plan-model.ts';
import { PlanState } from './plan-state.ts';

// The order candidate constraints are applied in; the first that leaves no candidate is the one named.
const CANDIDATE_ORDER: ConstraintId[] = [
  'other-unit',
  'same-kind',
  'jurisdiction-recorded',
  'no-tie-in-jurisdiction',
  'no-sanction-into-leadership',
];

// Passes over the people still blocked by a unit's floor or share: a later move into their unit may free them.
const MAX_PASSES = 4;

interface Ranked {
  post: PlanPost;
  helpsFloor: boolean;
  servedBefore: boolean;
  holders: number;
  movesIn: number;
}

/** Whether a destination with these keys ranks before `b`. */
function better5(
  helpsFloor: boolean,
  servedBefore: boolean,
  holders: number,
  movesIn: number,
  code: string,
  b: Ranked,
): boolean {
  if (helpsFloor !== b.helpsFloor) return helpsFloor;
  if (servedBefore !== b.servedBefore) return !servedBefore;
  if (holders !== b.holders) return holders < b.holders;
  if (movesIn !== b.movesIn) return movesIn < b.movesIn;
  return code < b.post.code;
}

function whyChosen(state: PlanState, best: Ranked, feasible: number): string[] {
  const why: string[] = [];
  if (best.helpsFloor) {
    why.push(
      `${best.post.unit} has ${state.officerCount(best.post.unit)} qualified enforcement officer(s), below two; this move adds one`,
    );
  }
  why.push(
    best.servedBefore
      ? `has served in ${best.post.unit} before, but no feasible post is in a unit new to them`
      : `has not served in ${best.post.unit} before`,
  );
  why.push(`${best.post.code} has ${best.holders} current holder(s), the fewest among the feasible posts`);
  why.push(
    `${feasible} post(s) satisfied every constraint; ties broken by fewest moves into the unit, then post code`,
  );
  return why;
}

interface Scan {
  best: Ranked | null;
  feasible: number;
  excludedBy: Partial<Record<ConstraintId, number>>;
  /** A post excluded by the constraint furthest down the order: the one that left no candidate. */
  deepest: PlanPost | null;
  candidates: number;
}

/** Judges every post of the kind left, allocation-free per post; ranks the feasible ones when asked. */
function scan(state: PlanState, staffNo: string, from: PlanPost, rank: boolean): Scan {
  const excludedBy: Partial<Record<ConstraintId, number>> = {};
  const otherKinds = state.input.posts.length - (state.postsByKind.get(from.kind)?.length ?? 0);
  if (otherKinds > 0) excludedBy['same-kind'] = otherKinds;
  const held = state.heldBy.get(staffNo);
  const heldUnits = held?.size ? new Set([...held].map((code) => state.posts.get(code)?.unit)) : null;
  const judge = state.judge(staffNo, from);
  const served = state.input.servedUnits.get(staffNo);
  const officer = state.person(staffNo)?.qualifiedOfficer === true;
  let best: Ranked | null = null;
  let feasible = 0;
  let deepest: PlanPost | null = null;
  let depth = -1;
  let candidates = 0;
  for (const slot of state.slotsByKind.get(from.kind) ?? []) {
    const mine = heldUnits?.has(slot.unit.name) ? held : undefined;
    const size = mine ? slot.posts.filter((p) => !mine.has(p.code)).length : slot.posts.length;
    if (size === 0) continue;
    candidates += size;
    const failed = judge(slot);
    if (failed !== null) {
      excludedBy[failed] = (excludedBy[failed] ?? 0) + size;
      const d = CANDIDATE_ORDER.indexOf(failed);
      if (d >= depth) {
        depth = d;
        deepest = slot.posts.find((p) => !mine?.has(p.code)) ?? null;
      }
      continue;
    }
    feasible += size;
    if (!rank) continue;
    // Compared field by field, allocating only for a new best: this runs once per person and slot.
    const helpsFloor = officer && state.helpsFloor(staffNo, slot.kind, slot.unit);
    const servedBefore = served !== undefined && served.has(slot.unit.name);
    const post = state.bestOf(slot, mine)!;
    const holders = mine ? state.holderCount(post.code) : slot.bestHolders;
    if (best && !better5(helpsFloor, servedBefore, holders, slot.unit.movesIn, post.code, best)) {
      continue;
    }
    best = { post, helpsFloor, servedBefore, holders, movesIn: slot.unit.movesIn };
  }
  return { best, feasible, excludedBy, deepest, candidates };
}

interface Attempt {
  move: ProposedMove;
  to: PlanPost | null;
  /** Blocked only by the source unit's floor or share, which later moves may change. */
  retry: boolean;
}

function attempt(state: PlanState, due: RotationDue, holding: PlanHolding): Attempt {
  const from = state.posts.get(holding.post)!;
  const person = state.person(holding.staffNo);
  const base = {
    staffId: holding.staffId,
    staffNo: due.staffNo,
    name: person?.name ?? due.staffNo,
    fromAssignmentId: holding.assignmentId,
    fromPost: from.code,
    fromUnit: from.unit,
    since: due.since,
    dueOn: due.dueOn,
    dueStatus: due.status,
  };
  const infeasible = (explanation: MoveExplanation, retry: boolean): Attempt => ({
    move: { ...base, toPost: null, toUnit: null, toJurisdiction: null, status: 'infeasible', explanation },
    to: null,
    retry,
  });

  const source = state.sourceChecks(holding.staffNo, from);
  const sourceFailure = source.find((c) => !c.passed);
  const considered = state.input.posts.length - (state.heldBy.get(holding.staffNo)?.size ?? 0);
  if (sourceFailure) {
    return infeasible(
      {
        checks: source,
        why: [],
        // Counted once, after the last pass (see `countCandidates`): retries must stay cheap.
        candidates: { considered, feasible: 0, excludedBy: {} },
        blockedBy: { constraint: sourceFailure.constraint, detail: sourceFailure.detail },
      },
      true,
    );
  }
  const { best, feasible, excludedBy, deepest, candidates } = scan(state, holding.staffNo, from, true);
  const lastFailure = deepest
    ? state.candidateChecks(holding.staffNo, from, deepest).find((c) => !c.passed)!
    : null;
  if (!best) {
    const blocked: Check = lastFailure ?? {
      constraint: 'same-kind',
      passed: false,
      detail: `no other ${from.kind} post is recorded`,
    };
    const detail =
      candidates === 0
        ? blocked.detail
        : blocked.constraint === 'other-unit'
          ? `every other ${from.kind} post is in ${from.unit}`
          : blocked.constraint === 'jurisdiction-recorded'
            ? `no ${from.kind} post outside ${from.unit} has its jurisdiction recorded`
            : blocked.constraint === 'no-tie-in-jurisdiction'
              ? `every ${from.kind} post outside ${from.unit} is in a jurisdiction where they or a close relative have a tie (last: ${blocked.detail})`
              : `every candidate left is a leadership post, closed to them: ${blocked.detail}`;
    return infeasible(
      {
        checks: [...source, { ...blocked, detail }],
        why: [],
        candidates: { considered, feasible: 0, excludedBy },
        blockedBy: { constraint: blocked.constraint, detail },
      },
      false,
    );
  }
  const checks = [...state.candidateChecks(holding.staffNo, from, best.post, true), ...source];
  return {
    move: {
      ...base,
      toPost: best.post.code,
      toUnit: best.post.unit,
      toJurisdiction: best.post.jurisdiction,
      status: 'proposed',
      explanation: {
        checks,
        why: whyChosen(state, best, feasible),
        candidates: { considered, feasible, excludedBy },
        blockedBy: null,
      },
    },
    to: best.post,
    retry: false,
  };
}

/** For people still blocked by their unit's floor or share: how their candidate posts would have fared. */
function countCandidates(
  state: PlanState,
  input: PlannerInput,
  holdings: Map<string, PlanHolding>,
  pending: number[],
  results: Map<number, ProposedMove>,
) {
  for (const i of pending) {
    const due = input.due[i]!;
    const holding = holdings.get(`${due.staffNo}\u0000${due.post}`)!;
    const move = results.get(i)!;
    const { feasible, excludedBy } = scan(state, holding.staffNo, state.posts.get(holding.post)!, false);
    move.explanation.candidates = { ...move.explanation.candidates, feasible, excludedBy };
  }
}

function holdingsByKey(input: PlannerInput) {
  return new Map(input.holdings.map((h) => [`${h.staffNo}\u0000${h.post}`, h]));
}

function unitSummaries(state: PlanState): UnitSummary[] {
  return [...state.units.values()]
    .filter((u) => u.headcount > 0 || u.enforcement)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((u) => ({
      unit: u.name,
      headcount: u.headcount,
      maxMovesOut: u.maxMovesOut,
      movesOut: u.movesOut,
      movesIn: u.movesIn,
      enforcementUnit: u.enforcement,
      officersBefore: u.officersBefore,
      officersAfter: u.officers.size,
    }));
}

/**
 * Proposes a new post for everyone overdue or due, satisfying every constraint of `CONSTRAINTS`, overdue
 * first then by due day; explains each choice, and for each person it cannot place, the constraint that
 * blocked them. Pure: the same input gives the same plan.
 */
export function planRotations(input: PlannerInput): PlanResult {
  const state = new PlanState(input);
  const holdings = holdingsByKey(input);
  const results = new Map<number, ProposedMove>();
  let pending = input.due.map((_, i) => i);
  for (let pass = 0; pass < MAX_PASSES && pending.length > 0; pass += 1) {
    const still: number[] = [];
    let moved = 0;
    for (const i of pending) {
      const due = input.due[i]!;
      const holding = holdings.get(`${due.staffNo}\u0000${due.post}`);
      if (!holding || !state.posts.has(holding.post)) continue;
      const a = attempt(state, due, holding);
      results.set(i, a.move);
      if (a.to) {
        state.apply(holding, a.to);
        moved += 1;
      } else if (a.retry) {
        still.push(i);
      }
    }
    pending = still;
    if (moved === 0) break;
  }
  countCandidates(state, input, holdings, pending, results);
  const moves = [...results.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
  const blockedBy: Partial<Record<ConstraintId, number>> = {};
  for (const m of moves) {
    const c = m.explanation.blockedBy?.constraint;
    if (c) blockedBy[c] = (blockedBy[c] ?? 0) + 1;
  }
  return {
    moves,
    units: unitSummaries(state),
    counts: {
      due: input.due.length,
      overdue: input.due.filter((d) => d.status === 'overdue').length,
      proposed: moves.filter((m) => m.status === 'proposed').length,
      infeasible: moves.filter((m) => m.status === 'infeasible').length,
    },
    blockedBy,
  };
}

export interface MoveToValidate {
  key: number;
  fromAssignmentId: number;
  toPost: string;
}

/**
 * Re-checks chosen moves, in order, against the current state: for a plan edited by HR, or before accepting
 * it. Returns the failing checks of each move that breaks a constraint (empty: all hold).
 */
export function validateMoves(
  input: PlannerInput,
  moves: readonly MoveToValidate[],
): Map<number, { checks: Check[]; failed: Check[] }> {
  const state = new PlanState(input);
  const out = new Map<number, { checks: Check[]; failed: Check[] }>();
  for (const m of moves) {
    const holding = state.holdingById.get(m.fromAssignmentId);
    const to = state.posts.get(m.toPost);
    if (!holding || !to) {
      const failed: Check = holding
        ? { constraint: 'other-unit', passed: false, detail: `post ${m.toPost} is not recorded` }
        : {
            constraint: 'still-held',
            passed: false,
            detail: `assignment ${m.fromAssignmentId} is no longer current on ${input.asOf}`,
          };
      out.set(m.key, { checks: [failed], failed: [failed] });
      continue;
    }
    const from = state.posts.get(holding.post)!;
    const checks = [
      {
        constraint: 'still-held' as const,
        passed: true,
        detail: `${holding.staffNo} holds ${from.code} since ${holding.since}`,
      },
      ...state.candidateChecks(holding.staffNo, from, to, true),
      ...state.sourceChecks(holding.staffNo, from),
    ];
    if (state.heldBy.get(holding.staffNo)?.has(to.code)) {
      checks.push({
        constraint: 'other-unit',
        passed: false,
        detail: `${holding.staffNo} already holds ${to.code}`,
      });
    }
    out.set(m.key, { checks, failed: checks.filter((c) => !c.passed) });
    state.apply(holding, to);
  }
  return out;
}

export const describeConstraint = (id: ConstraintId) => CONSTRAINTS[id];
