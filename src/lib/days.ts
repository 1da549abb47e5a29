import { addDays, addYears, differenceInCalendarDays, formatISO, isValid, parseISO } from 'date-fns';

/** A calendar day, `YYYY-MM-DD`. Days compare correctly as strings. */
export type Day = string;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day from year 1 (PostgreSQL has no year 0). */
export function isDay(value: string): boolean {
  return (
    DAY_RE.test(value) &&
    value >= '0001-01-01' &&
    isValid(parseISO(value)) &&
    formatDay(parseISO(value)) === value
  );
}

export function formatDay(date: Date): Day {
  return formatISO(date, { representation: 'date' });
}

/** Calendar years, clamped to month end: 2024-02-29 + 1 year = 2025-02-28. */
export function addYearsToDay(day: Day, years: number): Day {
  return formatDay(addYears(parseISO(day), years));
}

export function addDaysToDay(day: Day, days: number): Day {
  return formatDay(addDays(parseISO(day), days));
}

export function daysBetween(from: Day, to: Day): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** Half-open `[from, to)`; a null end is unbounded. */
export function isActiveOn(from: Day | null, to: Day | null, day: Day): boolean {
  return (from === null || from <= day) && (to === null || day < to);
}

/** Whether `[aFrom, aTo)` and `[bFrom, bTo)` share a day; null ends are unbounded. */
export function intervalsOverlap(
  aFrom: Day | null,
  aTo: Day | null,
  bFrom: Day | null,
  bTo: Day | null,
): boolean {
  return (aFrom === null || bTo === null || aFrom < bTo) && (bFrom === null || aTo === null || bFrom < aTo);
}
