import { addDays, addYears, differenceInCalendarDays, formatISO, parseISO } from 'date-fns';

/** A calendar day, `YYYY-MM-DD`. Days compare correctly as strings. */
export type Day = string;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day from year 1 (PostgreSQL has no year 0), proleptic Gregorian as PostgreSQL's dates. */
export function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  // Arithmetic, not date-fns: a bulk import checks millions of days (parseISO was ~15% of its CPU).
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!);
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
