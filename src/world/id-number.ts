import { idNumberCheckChar } from '../lib/gb11643.ts';
import type { Day } from '../lib/days.ts';

// Issues GB 11643-1999 identity numbers: region(6) + birth date(8) + sequence(3, odd for men) + check
// character (src/lib/gb11643.ts, the same the import validates with).

const SEQUENCES_PER_SEX = 499;

/**
 * Uniqueness comes from a counter per (region, birth day, sex), started at a hashed offset so the
 * sequences look issued rather than counted; a full day (499 people of one sex) moves the birth day on.
 */
export class IdNumberIssuer {
  private readonly used = new Map<string, number>();

  constructor(private readonly salt: number) {}

  issue(region: string, born: Day, sex: 'male' | 'female', nextDay: (day: Day) => Day): string {
    let day = born;
    for (;;) {
      const key = `${region}${day.replaceAll('-', '')}${sex === 'male' ? 1 : 0}`;
      const count = this.used.get(key) ?? 0;
      if (count < SEQUENCES_PER_SEX) {
        this.used.set(key, count + 1);
        const index = (hash(key, this.salt) + count) % SEQUENCES_PER_SEX;
        const sequence = String(2 * index + (sex === 'male' ? 1 : 2)).padStart(3, '0');
        const first17 = `${key.slice(0, 14)}${sequence}`;
        return first17 + idNumberCheckChar(first17);
      }
      day = nextDay(day);
    }
  }
}

function hash(text: string, salt: number): number {
  let h = (2166136261 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}
