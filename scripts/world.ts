// Writes a synthetic world: the bundle to --out and what screening it on asOf must find beside it.
//   npm run world -- --staff 1000 --seed 7 --out worlds/w1k.json [--as-of 2026-06-30]
//   npm run world -- --staff 200000 --seed 7 --parts worlds/w200k/   (streamed NDJSON parts, for npm run import)
//   npm run world -- --staff 1000 --seed 7 --out worlds/noise.json --noise-only   (no planted flags)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_KINDS } from '../src/bundle/schema.ts';
import { systemClock, todayIn } from '../src/clock.ts';
import { isDay } from '../src/lib/days.ts';
import { expectedPathFor, writeBundleFile } from '../src/world/bundle-file.ts';
import { generateWorld } from '../src/world/generate.ts';
import { writeWorldParts } from '../src/world/ndjson-parts.ts';
import { MIN_STAFF } from '../src/world/population.ts';

const usage = `usage: npm run world -- --staff N --seed S --out FILE [--as-of YYYY-MM-DD] [--noise-only]
  --staff   staff records in the world (at least ${MIN_STAFF}; default 300)
  --seed    any integer or word; the same seed and options give the same world (default 1)
  --out     where to write the bundle; the expected flags go to FILE with .expected.json
  --as-of   the day the planted flags hold on (default: today in Asia/Shanghai)
  --parts   instead of --out: stream NDJSON parts of 500,000 records into this folder (part-0001.ndjson, …,
            expected.json) without holding the world in memory; import them with npm run import -- DIR
  --noise-only  the noise background alone: no planted violations or boundary cases, so a screening on
            --as-of must raise no flag (the expected file lists none)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      staff: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      parts: { type: 'string' },
      'noise-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const staff = Number(values.staff);
if (!Number.isInteger(staff) || staff < MIN_STAFF)
  fail(`--staff must be an integer of at least ${MIN_STAFF}`);
if (!values.out && !values.parts) fail('--out (or --parts) is required');
const asOf = values['as-of'] ?? todayIn(systemClock);
if (!isDay(asOf)) fail(`--as-of must be a calendar day YYYY-MM-DD: ${asOf}`);
const options = { staff, seed: values.seed, asOf, plants: !values['noise-only'] };
if (values.parts) {
  const begun = performance.now();
  const parts = await writeWorldParts(options, resolve(values.parts));
  process.stdout.write(
    `world of ${staff} staff (seed ${values.seed}, asOf ${asOf}): ${parts.records} records, ` +
      `${parts.expected.flags.length} planted flags, in ${((performance.now() - begun) / 1000).toFixed(1)} s\n` +
      `wrote ${parts.files.length} parts and ${parts.expectedFile}\n`,
  );
  process.exit(0);
}

const started = performance.now();
const { bundle, expected } = generateWorld(options);
const generatedMs = performance.now() - started;
const out = resolve(values.out!);
const expectedOut = expectedPathFor(out);
await mkdir(dirname(out), { recursive: true });
await writeBundleFile(out, bundle);
await writeFile(expectedOut, `${JSON.stringify(expected, null, 1)}\n`);

const counts = BUNDLE_KINDS.map((kind) => `${kind} ${bundle[kind]?.length ?? 0}`).join(', ');
const perRule = new Map<string, number>();
for (const f of expected.flags) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
process.stdout.write(
  `world of ${staff} staff (seed ${values.seed}, asOf ${asOf}) generated in ${(generatedMs / 1000).toFixed(1)} s\n` +
    `  ${counts}\n` +
    `  planted flags ${expected.flags.length}: ${[...perRule].map(([r, n]) => `${r} ${n}`).join(', ')}\n` +
    `  rotations due ${expected.rotationsDue.length}\n` +
    `wrote ${out}\n      ${expectedOut}\n`,
);
