import { isActiveOn, type Day } from '../lib/days.ts';
import type { StaffCore, WorldContext } from './model.ts';

// The generator's own reading of RULES.md's officer definitions, used to keep the noise clean and
// to make planted enforcement cases fail exactly one condition.

export function isServingOn(s: StaffCore, day: Day): boolean {
  return s.hiredOn <= day && (s.departedOn === null || day < s.departedOn);
}

export function isSuspendedOn(s: StaffCore, day: Day): boolean {
  return s.suspensions.some((x) => isActiveOn(x.from, x.to, day));
}

function holdsCertificate(s: StaffCore, day: Day, kinds: readonly string[]): boolean {
  return s.quals.some((q) => kinds.includes(q.kind) && isActiveOn(q.passedOn, q.expiresOn, day));
}

/** Counts towards the two of 双人执法. */
export function isQualifiedOfficer(s: StaffCore, day: Day): boolean {
  return (
    isServingOn(s, day) &&
    !isSuspendedOn(s, day) &&
    s.category !== 'civilian' &&
    holdsCertificate(s, day, ['enforcement'])
  );
}

/** May take part: a qualified officer, or a civilian on auxiliary enforcement. */
export function isQualifiedParticipant(s: StaffCore, day: Day): boolean {
  if (isQualifiedOfficer(s, day)) return true;
  return (
    s.category === 'civilian' &&
    isServingOn(s, day) &&
    !isSuspendedOn(s, day) &&
    holdsCertificate(s, day, ['auxiliary', 'enforcement'])
  );
}

/** Whether the staff member (or any relative) is tied to any of these organisations. */
export function isTiedTo(s: StaffCore, orgs: Iterable<string>): boolean {
  if (!s.ties) return false;
  for (const org of orgs) if (s.ties.has(org)) return true;
  return false;
}

const CLOSURE_HOPS = 4; // one more than the rules' hop limit, so the guard is conservative

/** Records a tie of the staff member's household to `org` and to everything `org` owns. */
export function addTie(ctx: WorldContext, s: StaffCore, org: string): void {
  const ties = (s.ties ??= new Set());
  let frontier = [org];
  for (let hop = 0; hop <= CLOSURE_HOPS && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const code of frontier) {
      if (ties.has(code)) continue;
      ties.add(code);
      for (const owned of ctx.owns.get(code) ?? []) next.push(owned);
    }
    frontier = next;
  }
}
