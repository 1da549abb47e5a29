import { describe, expect, it } from 'vitest';
import { BUNDLE_KINDS } from '../src/bundle/schema.ts';
import { parseBundle, parseRecordsInSlices } from '../src/personnel/import/records.ts';
import { generateWorld } from '../src/world/generate.ts';

// The streamed import parses a batch record by record, pausing between slices; it must give exactly what
// the whole-bundle parse gives, problems and their order included.

const world = generateWorld({ staff: 40, seed: 'slices', asOf: '2026-06-30' }).bundle as unknown as Record<
  string,
  unknown[]
>;

function corrupted(): Record<string, unknown[]> {
  const copy = JSON.parse(JSON.stringify(world)) as Record<string, any[]>;
  let n = 0;
  for (const kind of BUNDLE_KINDS) {
    const list = copy[kind];
    if (!list) continue;
    list.forEach((record, i) => {
      if ((i + n) % 7 !== 0) return;
      n += 1;
      switch (n % 6) {
        case 0:
          record.extra = 1; // unknown field
          break;
        case 1:
          for (const k of Object.keys(record)) if (typeof record[k] === 'string') record[k] = 42;
          break;
        case 2:
          list[i] = 'not an object';
          break;
        case 3:
          for (const k of Object.keys(record)) if (/On$|^from$|^to$|^on$/.test(k)) record[k] = '2023-02-30';
          record.kind = 'no such kind';
          break;
        case 4:
          delete record[Object.keys(record)[0]!];
          break;
        default:
          record.name = '   ';
      }
    });
  }
  return copy;
}

describe('parseRecordsInSlices', () => {
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('gives what parseBundle gives on a valid bundle', async () => {
    const input = { ...world };
    delete input.format;
    const sliced = await parseRecordsInSlices(input, pause, 50);
    const whole = parseBundle(world);
    expect(sliced.problems).toEqual([]);
    expect(sliced.bundle).toEqual(whole.bundle);
    expect(sliced.records).toEqual(whole.records);
  });

  it('gives the same problems in the same order, the same records and loose keys on a bad one', async () => {
    const bad = corrupted();
    const { format, ...input } = bad;
    const whole = parseBundle(bad);
    const sliced = await parseRecordsInSlices(input, pause, 37);
    expect(format).toBe('coi-bundle/1');
    expect(whole.problems.length).toBeGreaterThan(50);
    expect(sliced.problems).toEqual(whole.problems);
    expect(sliced.bundle).toBeUndefined();
    expect(sliced.records).toEqual(whole.records);
    expect(sliced.loose).toEqual(whole.loose);
  });
});
