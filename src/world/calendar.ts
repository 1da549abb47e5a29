import { addDays, addYears, differenceInCalendarDays, parseISO } from 'date-fns';
import { formatDay, type Day } from '../lib/days.ts';

// The generator's day arithmetic, by date-fns as src/lib/days.ts does it, with the string ↔ date
// conversions (most of the cost of a world) memoised by day. A pure cache: at most one entry per
// calendar day the worlds use.

const EPOCH = parseISO('1800-01-01');
const indexOfDay = new Map<Day, number>();
const dayAtIndex = new Map<number, Day>();
const dateAtIndex = new Map<number, Date>();

function index(day: Day): number {
  let n = indexOfDay.get(day);
  if (n === undefined) {
    n = differenceInCalendarDays(parseISO(day), EPOCH);
    indexOfDay.set(day, n);
  }
  return n;
}

function dayAt(n: number): Day {
  let day = dayAtIndex.get(n);
  if (day === undefined) {
    day = formatDay(addDays(EPOCH, n));
    dayAtIndex.set(n, day);
  }
  return day;
}

function dateOf(day: Day): Date {
  const n = index(day);
  let date = dateAtIndex.get(n);
  if (date === undefined) {
    date = addDays(EPOCH, n);
    dateAtIndex.set(n, date);
  }
  return date;
}

export function plusDays(day: Day, days: number): Day {
  return dayAt(index(day) + days);
}

const yearsLater = new Map<string, Day>();

/** Calendar years, clamped to month end (2024-02-29 + 1 year = 2025-02-28), as date-fns `addYears`. */
export function plusYears(day: Day, years: number): Day {
  const key = `${day}${years}`;
  let result = yearsLater.get(key);
  if (result === undefined) {
    result = formatDay(addYears(dateOf(day), years));
    yearsLater.set(key, result);
  }
  return result;
}

export function daysFrom(from: Day, to: Day): number {
  return index(to) - index(from);
}
