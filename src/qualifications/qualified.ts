import type { QualificationKind, StaffCategory } from '../db/schema.ts';
import { isActiveOn, type Day } from '../lib/days.ts';

// RULES.md "Qualified officer" and "qualified participant" as pure predicates over plain records, so any
// module (screening, rosters, action planning) can ask the same question the same way.

export interface StaffFacts {
  category: StaffCategory;
  hiredOn: Day;
  departedOn: Day | null;
}

export interface QualificationFacts {
  kind: QualificationKind;
  passedOn: Day;
  expiresOn: Day | null;
}

export interface SuspensionFacts {
  from: Day;
  to: Day | null;
}

/** Serving on d: hired on or before d, and not departed by d. */
export const isServingOn = (s: StaffFacts, day: Day) =>
  s.hiredOn <= day && (s.departedOn === null || day < s.departedOn);

/** Former on d: departed on or before d. */
export const isFormerOn = (s: StaffFacts, day: Day) => s.departedOn !== null && s.departedOn <= day;

/** Valid on d: `passedOn <= d < expiresOn` (no expiry: valid from passing on). */
export const isQualificationValidOn = (q: QualificationFacts, day: Day) =>
  isActiveOn(q.passedOn, q.expiresOn, day);

export const isSuspendedOn = (suspensions: Iterable<SuspensionFacts>, day: Day) => {
  for (const s of suspensions) if (isActiveOn(s.from, s.to, day)) return true;
  return false;
};

const holdsValid = (qs: Iterable<QualificationFacts>, kinds: readonly QualificationKind[], day: Day) => {
  for (const q of qs) if (kinds.includes(q.kind) && isQualificationValidOn(q, day)) return true;
  return false;
};

/**
 * Why a staff member is not a qualified officer (`as: 'officer'`) or qualified participant
 * (`as: 'participant'`) on `day`; empty when they are. A civilian with an auxiliary or enforcement
 * certificate may take part (辅助执法) but is never an officer.
 */
export function qualificationGaps(
  staff: StaffFacts,
  qualifications: Iterable<QualificationFacts>,
  suspensions: Iterable<SuspensionFacts>,
  day: Day,
  as: 'officer' | 'participant',
): string[] {
  const gaps: string[] = [];
  if (!isServingOn(staff, day)) gaps.push('not serving on the day');
  if (isSuspendedOn(suspensions, day)) gaps.push('suspended on the day');
  const civilian = staff.category === 'civilian';
  if (as === 'officer' || !civilian) {
    if (civilian) gaps.push('a civilian never counts as an enforcement officer');
    if (!holdsValid(qualifications, ['enforcement'], day)) {
      gaps.push('no enforcement qualification valid on the day');
    }
  } else if (!holdsValid(qualifications, ['auxiliary', 'enforcement'], day)) {
    gaps.push('no auxiliary or enforcement qualification valid on the day');
  }
  return gaps;
}

export const isQualifiedOfficer = (
  staff: StaffFacts,
  qualifications: Iterable<QualificationFacts>,
  suspensions: Iterable<SuspensionFacts>,
  day: Day,
) => qualificationGaps(staff, qualifications, suspensions, day, 'officer').length === 0;

export const isQualifiedParticipant = (
  staff: StaffFacts,
  qualifications: Iterable<QualificationFacts>,
  suspensions: Iterable<SuspensionFacts>,
  day: Day,
) => qualificationGaps(staff, qualifications, suspensions, day, 'participant').length === 0;
