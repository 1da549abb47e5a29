import { describe, expect, it } from 'vitest';
import { addYearsToDay, intervalsOverlap, isActiveOn, isDay } from './days.ts';

describe('days', () => {
  it('accepts real calendar days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-13-01')).toBe(false);
    expect(isDay('0000-01-01')).toBe(false);
    expect(isDay('2025-1-01')).toBe(false);
  });

  it('adds calendar years clamping a leap day to month end', () => {
    expect(addYearsToDay('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYearsToDay('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYearsToDay('2021-03-01', 5)).toBe('2026-03-01');
  });

  it('treats intervals as half-open', () => {
    expect(isActiveOn('2026-01-01', '2026-06-30', '2026-06-29')).toBe(true);
    expect(isActiveOn('2026-01-01', '2026-06-30', '2026-06-30')).toBe(false);
    expect(isActiveOn(null, null, '1900-01-01')).toBe(true);
    expect(intervalsOverlap('2020-01-01', '2021-01-01', '2021-01-01', null)).toBe(false);
    expect(intervalsOverlap('2020-01-01', '2021-01-02', '2021-01-01', null)).toBe(true);
  });
});
