// npm run bench:screen -- DATABASE [--runs N] [--per-rule] [--as-of DAY]
// Re-measures a cold screening's two halves on a database kept by `npm run bench -- --keep`: loading the world
// (wall, this process's CPU, heap after) and evaluating every rule on it, `--runs` times each. Nothing is
// written. For profiles: `node --cpu-prof --import tsx bench/screen.ts ...`. This machine type's timings vary
// by several seconds run to run at 200,000 staff, so compare runs back to back, not against other days.
import { parseArgs } from 'node:util';
import { openPostgres } from '../src/db/connection.ts';
import { evaluateRules, RULES, ruleContext } from '../src/graph/rules/index.ts';
import { loadWorld } from '../src/graph/world-store.ts';
import { getCurrentPolicy } from '../src/policy/policy-store.ts';

const usage = 'usage: npm run bench:screen -- DATABASE [--runs N] [--per-rule] [--as-of DAY]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '1' },
    'per-rule': { type: 'boolean', default: false },
    'as-of': { type: 'string', default: '2026-06-30' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [database] = positionals;
const runs = Number(values.runs);
if (values.help || !database || !Number.isInteger(runs) || runs < 1) {
  process.stdout.write(`${usage}\nDATABASE: a name on the server at DATABASE_URL (or 127.0.0.1), or a URL\n`);
  process.exit(values.help ? 0 : 2);
}
// A bare name is a database on DATABASE_URL's server, with its options (sslmode and the like) kept.
const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/');
if (!database.includes('://')) server.pathname = `/${database}`;
const url = database.includes('://') ? database : server.toString();

async function measured<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
  const heap = (process.memoryUsage().heapUsed / 2 ** 30).toFixed(2);
  process.stdout.write(
    `${label.padEnd(26)} wall ${seconds(performance.now() - started)} s   cpu ${seconds((user + system) / 1000)} s   heap ${heap} GB\n`,
  );
  return value;
}

const handle = openPostgres({ connectionString: url, max: 2, statementTimeoutMs: 600_000 });
try {
  const policy = await getCurrentPolicy(handle.db);
  const asOf = values['as-of'];
  for (let run = 1; run <= runs; run += 1) {
    const world = await measured(`load (run ${run})`, () => loadWorld(handle.db));
    if (values['per-rule']) {
      // One context, as a screening shares it: a rule after another may find neighbourhoods already worked out.
      const ctx = ruleContext(world, asOf, policy);
      for (const rule of RULES) await measured(`  ${rule.id}`, () => rule.evaluate(ctx));
    } else {
      const flags = await measured(`rules (run ${run})`, () => evaluateRules(world, asOf, policy));
      process.stdout.write(`flags: ${flags.length}\n`);
    }
  }
} finally {
  await handle.close();
}
