import { isDay } from './days.ts';

// GB 11643-1999 citizen identification number: 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit
// order code, 1 check character computed with ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11, 10 written X).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

// No comparison with today (import never does); a fixed range only rules out dates no living person has.
const EARLIEST_BIRTH_YEAR = 1850; // the standard's own example is born in 1880
const LATEST_BIRTH_YEAR = 2099;

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('an ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The birth date an ID number carries, `YYYY-MM-DD` (not checked). */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Why `value` is not a valid ID number, or null when it is. */
export function idNumberProblem(value: string): string | null {
  if (!SHAPE.test(value)) return 'an ID number is 17 digits and a check character 0-9 or X (uppercase)';
  const birth = birthDateOf(value);
  const year = Number(birth.slice(0, 4));
  if (!isDay(birth) || year < EARLIEST_BIRTH_YEAR || year > LATEST_BIRTH_YEAR) {
    return `the birth date ${value.slice(6, 14)} in the ID number is not a plausible calendar day`;
  }
  const expected = idNumberCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return `the check character is ${value[17]}, but GB 11643 (ISO 7064 MOD 11-2) gives ${expected}`;
  }
  return null;
}

export function isValidIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}
