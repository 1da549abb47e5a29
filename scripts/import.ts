// Imports a coi-bundle/1 streamed as NDJSON parts (or one .json bundle) into the configured database
// (DATABASE_URL, else PGlite in DATA_DIR/pg), or posts it to a running server with --url.
//   npm run import -- worlds/w200k/                  (every *.ndjson in the folder, in name order)
//   npm run import -- part-0001.ndjson part-0002.ndjson
//   npm run import -- world.json                      (one document, read whole)
//   npm run import -- worlds/w200k/ --url http://127.0.0.1:3000 --token "$TOKEN"
// Exit 0: imported; 1: refused (every problem printed) or failed; 2: bad arguments or configuration.
import { createReadStream, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Actor } from '../src/audit/actor.ts';
import { systemClock } from '../src/clock.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openConfiguredDatabase } from '../src/db/open.ts';
import { ValidationError, type ProblemItem } from '../src/errors.ts';
import type { AppDeps } from '../src/http/env.ts';
import { createLogger } from '../src/lib/logger.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import type { ImportResult } from '../src/personnel/import/import-result.ts';
import type { NdjsonSource } from '../src/personnel/import/ndjson-lines.ts';
import { importNdjson } from '../src/personnel/import/stream-import.ts';
import { registerAutoScreening } from '../src/screening/auto-screen.ts';

const usage = `usage: npm run import -- FILE|DIR... [--url URL --token JWT] [--batch N]
  FILE     NDJSON parts (.ndjson/.jsonl: {"format":"coi-bundle/1"} then {"kind","record"} lines), read as
           one stream in the order given; a DIR stands for its *.ndjson files in name order; a .json file
           is one coi-bundle/1 document (read whole; use NDJSON for worlds that do not fit in memory)
  --url    post to a running server (POST /api/v1/import/ndjson) instead of opening the database
  --token  an admin bearer token for --url (default: $QINGLIAN_TOKEN)
  --batch  records checked and written together (default 10000)
Without --url the configured database is opened directly (DATABASE_URL, else DATA_DIR/pg) and migrated;
with AUTO_SCREEN on (the default) a screening for today runs after the import, as in the server.
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`import: ${message}\n${code === 2 ? usage : ''}`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        batch: { type: 'string', default: '10000' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}
const { values, positionals } = parse();
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const batchRecords = Number(values.batch);
if (!Number.isInteger(batchRecords) || batchRecords < 1) fail('--batch must be a positive integer');
if (positionals.length === 0) fail('name at least one file or folder');

async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths.map((p) => resolve(p))) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      fail(`no such file or folder: ${path}`);
    }
    if (stat.isDirectory()) {
      const names = (await readdir(path)).filter((n) => /\.(ndjson|jsonl)$/.test(n)).sort();
      if (names.length === 0) fail(`no .ndjson files in ${path}`);
      files.push(...names.map((n) => join(path, n)));
    } else files.push(path);
  }
  return files;
}

const files = await expand(positionals);
const documents = files.filter((f) => f.endsWith('.json'));
if (documents.length > 0 && files.length > 1)
  fail('a .json bundle is imported on its own, not with other parts');
const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);

/** A progress bar on a terminal; plain lines every few seconds otherwise (logs, CI). */
function progressReporter(total: number) {
  const tty = process.stderr.isTTY === true;
  let started = performance.now();
  let lastLine = performance.now();
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    /** The clock starts when the import does (not while the database opens and migrates). */
    start() {
      started = performance.now();
    },
    update(bytes: number, records: number, done = false) {
      const seconds = (performance.now() - started) / 1000;
      const share = total > 0 ? Math.min(1, bytes / total) : 1;
      const rate = seconds > 0 ? Math.round(records / seconds) : 0;
      const text = `${(share * 100).toFixed(1).padStart(5)}%  ${fmt(records)} records  ${fmt(rate)}/s  ${seconds.toFixed(0)} s`;
      if (tty) {
        const width = Math.max(10, Math.min(40, (process.stderr.columns ?? 80) - text.length - 4));
        const full = Math.round(share * width);
        process.stderr.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${text}${done ? '\n' : ''}`);
      } else if (done || performance.now() - lastLine > 5000) {
        lastLine = performance.now();
        process.stderr.write(`import: ${text}\n`);
      }
    },
  };
}

const progress = progressReporter(totalBytes);
let bytesRead = 0;
let recordsRead = 0;

/** A file's chunks, counted for the progress bar as they are read. */
async function* counted(file: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    bytesRead += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}
const sources = (): NdjsonSource[] => files.map((f) => ({ name: basename(f), chunks: counted(f) }));

function printProblems(problems: ProblemItem[]): never {
  process.stderr.write(`\nimport: refused, nothing was written (${problems.length} problems):\n`);
  for (const p of problems) process.stderr.write(`  ${p.path || '(stream)'}  ${p.message}\n`);
  process.exit(1);
}

function printResult(result: ImportResult, seconds: number) {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const created = sum(result.created);
  const updated = sum(result.updated);
  const unchanged = sum(result.unchanged);
  const total = created + updated + unchanged;
  process.stdout.write(
    `imported ${total.toLocaleString('en-US')} records in ${seconds.toFixed(1)} s ` +
      `(${Math.round(total / seconds).toLocaleString('en-US')}/s): ` +
      `${created} created, ${updated} updated, ${unchanged} unchanged\n`,
  );
}

async function viaServer(url: string): Promise<void> {
  const token = values.token ?? process.env.QINGLIAN_TOKEN;
  if (!token) fail('--url needs --token or QINGLIAN_TOKEN (an admin bearer token)');
  if (documents.length > 0) fail('--url posts NDJSON parts; post a .json bundle to /api/v1/import yourself');
  const timer = setInterval(() => progress.update(bytesRead, 0), 500);
  const body = Readable.toWeb(
    Readable.from(
      (async function* () {
        for (const file of files) yield* counted(file);
      })(),
    ),
  );
  const started = performance.now();
  progress.start();
  const res = await fetch(new URL('/api/v1/import/ndjson', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: body as never,
    duplex: 'half',
  } as RequestInit);
  clearInterval(timer);
  progress.update(bytesRead, 0, true);
  const answer = (await res.json().catch(() => null)) as any;
  if (res.status === 400 && Array.isArray(answer?.errors)) printProblems(answer.errors);
  if (!res.ok) fail(`the server answered ${res.status}: ${answer?.detail ?? answer?.title ?? ''}`, 1);
  printResult(answer as ImportResult, (performance.now() - started) / 1000);
}

async function direct(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const handle = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const actor: Actor = { sub: `cli:${userInfo().username}`, roles: ['admin'], requestId: null };
    const started = performance.now();
    progress.start();
    let result: ImportResult;
    try {
      if (documents.length === 1) {
        result = await importBundle(
          handle.db,
          systemClock,
          actor,
          JSON.parse(await readFile(files[0]!, 'utf8')),
        );
        progress.update(totalBytes, 0, true);
      } else {
        const streamed = await importNdjson(handle.db, systemClock, actor, sources(), {
          batchRecords,
          onProgress: (p) => {
            recordsRead = p.records;
            progress.update(bytesRead, recordsRead);
          },
        });
        progress.update(totalBytes, streamed.records, true);
        result = streamed;
      }
    } catch (error) {
      if (error instanceof ValidationError) printProblems(error.errors);
      throw error;
    }
    printResult(result, (performance.now() - started) / 1000);
    // The server's after-import hooks (auto-screening), awaited here since the process ends afterwards.
    const deps: AppDeps = {
      db: handle.db,
      config,
      clock: systemClock,
      logger,
      verifyToken: () => Promise.reject(new Error('no tokens in the import script')),
      afterImport: [],
    };
    registerAutoScreening(deps);
    for (const hook of deps.afterImport) {
      process.stderr.write('import: AUTO_SCREEN is on: screening for today…\n');
      await hook(actor);
    }
  } finally {
    await handle.close();
  }
}

try {
  if (values.url) await viaServer(values.url);
  else await direct();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), 1);
}
