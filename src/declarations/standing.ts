import { daysBetween, type Day } from '../lib/days.ts';

/**
 * Where one member of a campaign stands on `asOf`: submitted on or before the due date, submitted after it,
 * owing and past due, or owing and still in time. A submission dated after `asOf` does not exist yet.
 */
export type Standing = 'submitted' | 'submitted_late' | 'overdue' | 'in_time';

export const STANDINGS = ['submitted', 'submitted_late', 'overdue', 'in_time'] as const;

export interface StandingFacts {
  standing: Standing;
  /** Days to the due date (0 on the due day) while owing in time. */
  daysLeft: number | null;
  /** Days past the due date while still owing. */
  daysOverdue: number | null;
  /** Days after the due date that a late submission came in. */
  daysLate: number | null;
}

export function standingOf(dueOn: Day, asOf: Day, submittedOn: Day | null): StandingFacts {
  if (submittedOn !== null && submittedOn <= asOf) {
    return submittedOn <= dueOn
      ? { standing: 'submitted', daysLeft: null, daysOverdue: null, daysLate: null }
      : {
          standing: 'submitted_late',
          daysLeft: null,
          daysOverdue: null,
          daysLate: daysBetween(dueOn, submittedOn),
        };
  }
  return asOf <= dueOn
    ? { standing: 'in_time', daysLeft: daysBetween(asOf, dueOn), daysOverdue: null, daysLate: null }
    : { standing: 'overdue', daysLeft: null, daysOverdue: daysBetween(dueOn, asOf), daysLate: null };
}

export const owes = (s: Standing) => s === 'overdue' || s === 'in_time';
