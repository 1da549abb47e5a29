// npm run bench -- --staff 1000,20000[,200000] [--seed S] [--http-seconds 5] [--http-warmup 2] [--keep]
// Generates each world as NDJSON parts, imports them (records/s against a raw batched insert of the same rows,
// same run), screens cold, warm and after one changed tie, loads GET /graph/paths and GET /flags with
// autocannon on 127.0.0.1, checks the flags found equal the planted ones, prints a table and writes
// bench/results.json. On embedded PGlite by default; on the PostgreSQL server at DATABASE_URL when set
// (a fresh database per size, dropped afterwards).
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { createReadStream, readFileSync } from 'node:fs';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import type { Actor } from '../src/audit/actor.ts';
import { signToken } from '../src/auth/tokens.ts';
import { fixedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { evaluateRules } from '../src/graph/rules/index.ts';
import { worldCacheFor } from '../src/graph/world-store.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { importNdjson } from '../src/personnel/import/stream-import.ts';
import { runScreening } from '../src/screening/run-screening.ts';
import { writeWorldParts } from '../src/world/ndjson-parts.ts';
import type { ExpectedFlag, WorldExpected } from '../src/world/types.ts';
import { loadTest, type LoadResult } from './http-load.ts';
import { rawBatchedInsert } from './raw-insert.ts';

const usage = `usage: npm run bench -- --staff 1000,20000[,200000] [--seed S] [--as-of DAY] [--http-seconds N] [--http-warmup N] [--keep]`;
const { values } = parseArgs({
  options: {
    staff: { type: 'string', default: '1000,20000' },
    seed: { type: 'string', default: 'bench' },
    'as-of': { type: 'string', default: '2026-06-30' },
    'http-seconds': { type: 'string', default: '5' },
    'http-warmup': { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results.json' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const sizes = values.staff.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 40)) {
  process.stderr.write(`bench: --staff takes sizes of at least 40, comma-separated\n${usage}\n`);
  process.exit(2);
}
const httpSeconds = Number(values['http-seconds']);
const httpWarmup = Number(values['http-warmup']);
if (!(httpSeconds > 0) || !(httpWarmup >= 0)) {
  process.stderr.write(
    `bench: --http-seconds takes a positive number, --http-warmup zero or more\n${usage}\n`,
  );
  process.exit(2);
}
const asOf = values['as-of'];
const serverUrl = process.env.DATABASE_URL;
const engine = serverUrl ? 'postgresql' : 'pglite';
const SECRET = randomBytes(32).toString('hex');
const clock = fixedClock(`${asOf}T04:00:00Z`);
const actor: Actor = { sub: 'bench', roles: ['admin'], requestId: null };

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** The peak resident set size while `fn` runs (sampled every 20 ms). */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function openDatabase(staff: number, dir: string): Promise<DatabaseHandle> {
  if (!serverUrl) return openPGlite({ dataDir: join(dir, 'pg') });
  const name = `qinglian_bench_${staff}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres({ connectionString: url.toString(), max: 10, statementTimeoutMs: 600_000 });
  return {
    ...handle,
    async close() {
      await handle.close();
      if (values.keep) {
        log(`kept database ${name}`);
        return;
      }
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const flagKey = (f: Pick<ExpectedFlag, 'rule' | 'staffNo' | 'org' | 'action' | 'post' | 'year'>) =>
  JSON.stringify([f.rule, f.staffNo, f.org, f.action, f.post, f.year]);

async function compareFlags(db: Kysely<Database>, expected: WorldExpected) {
  const rows = await db
    .selectFrom('flag')
    .select(['rule', 'staffNo', 'org', 'action', 'post', 'year'])
    .where('status', '=', 'open')
    .execute();
  const found = new Set(rows.map((r) => flagKey(r as ExpectedFlag)));
  const planted = new Set(expected.flags.map(flagKey));
  const missing = [...planted].filter((k) => !found.has(k));
  const extra = [...found].filter((k) => !planted.has(k));
  return {
    planted: planted.size,
    found: found.size,
    missing: missing.length,
    extra: extra.length,
    exact: missing.length === 0 && extra.length === 0,
    examples: [
      ...missing.slice(0, 3).map((k) => `missing ${k}`),
      ...extra.slice(0, 3).map((k) => `extra ${k}`),
    ],
  };
}

/** One changed tie: a kinship between the first and the last person stored (an upsert through the import). */
async function changeOneTie(db: Kysely<Database>, relation: 'other' | 'sibling') {
  const first = await db.selectFrom('person').select('ref').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('person')
    .select('ref')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  await importBundle(db, clock, actor, {
    format: 'coi-bundle/1',
    kinship: [{ person: first.ref, relative: last.ref, relation }],
  });
}

async function httpLoad(db: Kysely<Database>, expected: WorldExpected) {
  const config = loadConfig({
    JWT_SECRET: SECRET,
    AUTO_SCREEN: 'off',
    LOG_LEVEL: 'silent',
    DATA_DIR: tmpdir(),
  });
  const { app } = createApp({ db, config, clock, jwtSecret: SECRET });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => server.once('listening', ok));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const token = await signToken(SECRET, { sub: 'bench', roles: ['discipline'] });
  const pairs = expected.flags
    .filter((f) => f.rule === 'COI-RELATIVE-BUSINESS' && f.staffNo && f.org)
    .slice(0, 20);
  const paths = pairs.map(
    (f) =>
      `/api/v1/graph/paths?from=staff:${encodeURIComponent(f.staffNo!)}&to=org:${f.org}&asOf=${expected.asOf}`,
  );
  const probe = await fetch(`${base}${paths[0]}`, { headers: { authorization: `Bearer ${token}` } });
  if (probe.status !== 200)
    throw new Error(`GET ${paths[0]} answered ${probe.status}: ${await probe.text()}`);
  const someStaff = expected.flags.find((f) => f.staffNo)!.staffNo!;
  const flagPaths = [
    '/api/v1/flags?limit=50',
    '/api/v1/flags?status=open&rule=ENF-RECUSAL&limit=50',
    `/api/v1/flags?staffNo=${encodeURIComponent(someStaff)}`,
  ];
  try {
    const load = { seconds: httpSeconds, warmupSeconds: httpWarmup };
    const under = `${httpSeconds} s after ${httpWarmup} s of warm-up, 10 connections`;
    log(`  GET /graph/paths under load (${under})`);
    const pathsLoad = await loadTest(base, paths, token, load);
    log(`  GET /flags under load (${under})`);
    const flagsLoad = await loadTest(base, flagPaths, token, load);
    return { paths: pathsLoad, flags: flagsLoad };
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}

interface SizeResult {
  staff: number;
  records: number;
  generateSeconds: number;
  import: {
    seconds: number;
    recordsPerSecond: number;
    rawRows: number;
    rawRowsPerSecond: number;
    ratio: number;
    peakRssMb: number;
  };
  screening: {
    coldSeconds: number;
    warmSeconds: number;
    rulesOnlySeconds: number;
    incrementalMs: number;
    graphRefreshMs: number;
    peakRssMb: number;
  };
  flags: Awaited<ReturnType<typeof compareFlags>>;
  http: { paths: LoadResult; flags: LoadResult };
}

async function benchSize(staff: number): Promise<SizeResult> {
  const dir = await mkdtemp(join(tmpdir(), `qinglian-bench-${staff}-`));
  try {
    log(`${staff} staff: generating NDJSON parts in ${dir}`);
    const gen = await timed(() =>
      writeWorldParts({ staff, seed: values.seed, asOf }, join(dir, 'world'), 250_000),
    );
    const { records, expected } = gen.value;
    const files = (await readdir(join(dir, 'world'))).filter((f) => f.endsWith('.ndjson')).sort();
    const handle = await openDatabase(staff, dir);
    try {
      await migrateToLatest(handle.db);
      log(`  importing ${records.toLocaleString('en-US')} records from ${files.length} parts`);
      const imported = await peakRss(() =>
        timed(() =>
          importNdjson(
            handle.db,
            clock,
            actor,
            files.map((f) => ({
              name: f,
              chunks: createReadStream(join(dir, 'world', f), { highWaterMark: 1 << 20 }),
            })),
          ),
        ),
      );
      log(`  raw batched insert of the same rows`);
      const raw = await rawBatchedInsert(handle.db);
      const recordsPerSecond = records / imported.value.seconds;
      const rawRowsPerSecond = raw.rows / raw.seconds;

      log('  screening: cold, warm, rules only, one changed tie');
      const screened = await peakRss(async () => {
        const cold = await timed(() => runScreening(handle.db, clock, actor, { asOf }));
        const flags = await compareFlags(handle.db, expected);
        const warm = await timed(() => runScreening(handle.db, clock, actor, { asOf }));
        const snapshot = await worldCacheFor(handle.db).fresh(handle.db);
        const rules = await timed(async () => evaluateRules(snapshot.world, asOf, snapshot.policy));
        await changeOneTie(handle.db, 'other');
        const incremental = await timed(() => runScreening(handle.db, clock, actor, { asOf }));
        await changeOneTie(handle.db, 'sibling');
        const refresh = await timed(() => worldCacheFor(handle.db).fresh(handle.db));
        return { cold, warm, rules, incremental, refresh, flags };
      });
      const s = screened.value;
      const http = await httpLoad(handle.db, expected);
      return {
        staff,
        records,
        generateSeconds: round(gen.seconds, 1),
        import: {
          seconds: round(imported.value.seconds, 1),
          recordsPerSecond: Math.round(recordsPerSecond),
          rawRows: raw.rows,
          rawRowsPerSecond: Math.round(rawRowsPerSecond),
          ratio: round(recordsPerSecond / rawRowsPerSecond, 2),
          peakRssMb: imported.peakMb,
        },
        screening: {
          coldSeconds: round(s.cold.seconds, 2),
          warmSeconds: round(s.warm.seconds, 2),
          rulesOnlySeconds: round(s.rules.seconds, 2),
          incrementalMs: Math.round(s.incremental.seconds * 1000),
          graphRefreshMs: Math.round(s.refresh.seconds * 1000),
          peakRssMb: screened.peakMb,
        },
        flags: s.flags,
        http,
      };
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Target {
  what: string;
  staff: number | 'all';
  limit: string;
  value: (r: SizeResult) => number;
  ok: (v: number) => boolean;
  unit: string;
}

const TARGETS: Target[] = [
  {
    what: 'import records/s',
    staff: 'all',
    limit: '≥ 30,000',
    value: (r) => r.import.recordsPerSecond,
    ok: (v) => v >= 30_000,
    unit: '/s',
  },
  {
    what: 'import ÷ raw insert',
    staff: 'all',
    limit: '≥ 0.2',
    value: (r) => r.import.ratio,
    ok: (v) => v >= 0.2,
    unit: '',
  },
  {
    what: 'cold screening',
    staff: 20_000,
    limit: '≤ 10 s',
    value: (r) => r.screening.coldSeconds,
    ok: (v) => v <= 10,
    unit: ' s',
  },
  {
    what: 'warm screening',
    staff: 20_000,
    limit: '≤ 1 s',
    value: (r) => r.screening.warmSeconds,
    ok: (v) => v <= 1,
    unit: ' s',
  },
  {
    what: 'incremental re-screen',
    staff: 20_000,
    limit: '≤ 50 ms',
    value: (r) => r.screening.incrementalMs,
    ok: (v) => v <= 50,
    unit: ' ms',
  },
  {
    what: 'GET /graph/paths p99',
    staff: 20_000,
    limit: '≤ 10 ms',
    value: (r) => r.http.paths.p99,
    ok: (v) => v <= 10,
    unit: ' ms',
  },
  {
    what: 'GET /flags p99',
    staff: 20_000,
    limit: '≤ 20 ms',
    value: (r) => r.http.flags.p99,
    ok: (v) => v <= 20,
    unit: ' ms',
  },
  {
    what: 'cold screening',
    staff: 200_000,
    limit: '≤ 60 s',
    value: (r) => r.screening.coldSeconds,
    ok: (v) => v <= 60,
    unit: ' s',
  },
  {
    what: 'warm screening',
    staff: 200_000,
    limit: '≤ 5 s',
    value: (r) => r.screening.warmSeconds,
    ok: (v) => v <= 5,
    unit: ' s',
  },
  {
    what: 'peak RSS',
    staff: 200_000,
    limit: '≤ 6 GB',
    value: (r) => Math.max(r.import.peakRssMb, r.screening.peakRssMb),
    ok: (v) => v <= 6144,
    unit: ' MB',
  },
  {
    what: 'flags = planted',
    staff: 'all',
    limit: 'exact',
    value: (r) => (r.flags.exact ? 1 : 0),
    ok: (v) => v === 1,
    unit: '',
  },
];

function table(results: SizeResult[]): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const rows: Array<[string, ...string[]]> = [
    ['staff', ...results.map((r) => n(r.staff))],
    ['records', ...results.map((r) => n(r.records))],
    ['import (s)', ...results.map((r) => String(r.import.seconds))],
    ['import records/s', ...results.map((r) => n(r.import.recordsPerSecond))],
    ['raw batched insert rows/s', ...results.map((r) => n(r.import.rawRowsPerSecond))],
    ['import ÷ raw', ...results.map((r) => String(r.import.ratio))],
    ['cold screening (s)', ...results.map((r) => String(r.screening.coldSeconds))],
    ['warm screening (s)', ...results.map((r) => String(r.screening.warmSeconds))],
    ['  of which rules only (s)', ...results.map((r) => String(r.screening.rulesOnlySeconds))],
    ['incremental re-screen (ms)', ...results.map((r) => n(r.screening.incrementalMs))],
    ['  graph refresh alone (ms)', ...results.map((r) => n(r.screening.graphRefreshMs))],
    ['peak RSS import (MB)', ...results.map((r) => n(r.import.peakRssMb))],
    ['peak RSS screening (MB)', ...results.map((r) => n(r.screening.peakRssMb))],
    ['GET /graph/paths p50 / p99 (ms)', ...results.map((r) => `${r.http.paths.p50} / ${r.http.paths.p99}`)],
    ['GET /graph/paths req/s', ...results.map((r) => n(r.http.paths.perSecond))],
    ['GET /flags p50 / p99 (ms)', ...results.map((r) => `${r.http.flags.p50} / ${r.http.flags.p99}`)],
    ['GET /flags req/s', ...results.map((r) => n(r.http.flags.perSecond))],
    [
      'p99 during the warm-up, paths / flags (ms)',
      ...results.map((r) => `${r.http.paths.warmup.p99} / ${r.http.flags.warmup.p99}`),
    ],
    [
      'flags found = planted',
      ...results.map((r) =>
        r.flags.exact ? `yes (${r.flags.found})` : `NO: ${r.flags.missing} missing, ${r.flags.extra} extra`,
      ),
    ],
  ];
  const lines = [
    `| measure | ${results.map((r) => `${n(r.staff)} staff`).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
  ];
  for (const [label, ...cells] of rows.slice(1)) lines.push(`| ${label} | ${cells.join(' | ')} |`);
  return lines.join('\n');
}

function verdicts(results: SizeResult[]) {
  return TARGETS.flatMap((t) =>
    results
      .filter((r) => t.staff === 'all' || r.staff === t.staff)
      .map((r) => {
        const value = t.value(r);
        return { target: t.what, staff: r.staff, limit: t.limit, value, unit: t.unit, met: t.ok(value) };
      }),
  );
}

/**
 * The processor's family, model and stepping (Linux, x86): cloud machines name only their vendor line
 * ("AMD EPYC"), and two of them by that name ran this bench 1.6–2 times apart. Null where not readable.
 */
function cpuSignature(): string | null {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*: (.*)$`, 'm').exec(info)?.[1]?.trim();
    const [family, model, stepping] = [field('cpu family'), field('model'), field('stepping')];
    return family && model ? `family ${family} model ${model} stepping ${stepping ?? '?'}` : null;
  } catch {
    return null;
  }
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  cpuSignature: cpuSignature(),
  memoryGb: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  engine,
  loadAverageAtStart: loadavg().map((v) => round(v, 2)),
};
log(
  `on ${engine}; ${machine.cpus} × ${machine.cpuModel} (${machine.cpuSignature ?? 'signature unknown'}), ${machine.memoryGb} GB, load ${machine.loadAverageAtStart.join(' ')}`,
);
const results: SizeResult[] = [];
for (const staff of sizes) {
  results.push(await benchSize(staff));
  log(`${staff} staff done`);
}
const checked = verdicts(results);
const text = table(results);
process.stdout.write(`\n${text}\n\nTargets (${engine}):\n`);
for (const v of checked) {
  process.stdout.write(
    `  ${v.met ? 'met   ' : 'MISSED'}  ${v.target} at ${v.staff.toLocaleString('en-US')} staff: ${v.value.toLocaleString('en-US')}${v.unit} (target ${v.limit})\n`,
  );
}
await writeFile(
  values.out,
  `${JSON.stringify({ ranAt: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd: loadavg().map((v) => round(v, 2)) }, seed: values.seed, asOf, results, targets: checked, table: text }, null, 2)}\n`,
);
log(`wrote ${values.out}`);
