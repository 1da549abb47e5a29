import { formatISO, isValid, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { isDay } from '../src/lib/days.ts';

// The date-fns definition isDay had before it became arithmetic: the two must agree on every input.
const viaDateFns = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  value >= '0001-01-01' &&
  isValid(parseISO(value)) &&
  formatISO(parseISO(value), { representation: 'date' }) === value;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isDay', () => {
  it('agrees with the date-fns round trip on every month 00–13 and day 00–32 of many years', () => {
    const years = [
      ...Array.from({ length: 110 }, (_, i) => i), // 0000–0109
      ...Array.from({ length: 700 }, (_, i) => 1580 + i), // 1580–2279 (1600, 1700, 1900, 2000, 2100, 2200)
      2400,
      ...Array.from({ length: 10 }, (_, i) => 9990 + i),
    ];
    let disagreements = 0;
    let days = 0;
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          if (isDay(text) !== viaDateFns(text)) disagreements += 1;
          if (isDay(text)) days += 1;
        }
      }
    }
    expect(disagreements).toBe(0);
    expect(days).toBeGreaterThan(800 * 365);
  });

  it('refuses what is not YYYY-MM-DD', () => {
    for (const text of [
      '2024-2-01',
      '2024-02-1',
      '02024-01-01',
      '2024-01-01T00:00',
      ' 2024-01-01',
      '2024/01/01',
      '２０２４-01-01',
      '2024-01-01\n',
      '',
    ]) {
      expect([text, isDay(text)]).toEqual([text, false]);
      expect(viaDateFns(text)).toBe(false);
    }
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('1900-02-29')).toBe(false);
    expect(isDay('2000-02-29')).toBe(true);
    expect(isDay('0000-01-01')).toBe(false);
    expect(isDay('0001-01-01')).toBe(true);
  });
});
