import type { ProblemItem } from '../errors.ts';
import type { Day } from '../lib/days.ts';

/** A half-open `[from, to)` must not be empty. */
export function intervalProblems(from: Day | null, to: Day | null): ProblemItem[] {
  return from !== null && to !== null && to <= from ? [{ path: '/to', message: 'must be after from' }] : [];
}
