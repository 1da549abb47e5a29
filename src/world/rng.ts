import { base, Faker, zh_CN } from '@faker-js/faker';
import { type Day } from '../lib/days.ts';
import { daysFrom, plusDays } from './calendar.ts';

/** A seeded faker (zh_CN) with the few draws the generator needs; never the global faker. */
export class Rng {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [zh_CN, base] });
    this.faker.seed(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  chance(probability: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let x = this.faker.number.float({ min: 0, max: total });
    for (const [value, w] of choices) {
      if ((x -= w) < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    return this.faker.helpers.shuffle(items, { inplace: true });
  }

  /** A day in [from, to], both inclusive; `from` when the range is empty. */
  day(from: Day, to: Day): Day {
    const span = daysFrom(from, to);
    return span <= 0 ? from : plusDays(from, this.int(0, span));
  }
}

/** Numbers pass through; text seeds are hashed (FNV-1a) so `--seed demo` works too. */
export function seedNumber(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new Error(`seed must be a non-negative integer: ${seed}`);
    return seed;
  }
  if (/^\d+$/.test(seed)) return seedNumber(Number(seed));
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  return h;
}
