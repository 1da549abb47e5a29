// npm run demo: a fresh server on ./demo-data with a generated world imported and screened, a token for
// each role and a few requests to try. Serves until Ctrl-C. Options: `-- --staff N`, `-- --seed S`,
// `-- --data-dir DIR` (wiped first; default ./demo-data), `-- --exit` (stop after printing: a smoke test).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Role } from '../src/auth/roles.ts';
import { resolveJwtSecret, signToken } from '../src/auth/tokens.ts';
import { systemClock, todayIn } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { generateWorld } from '../src/world/generate.ts';
import { MIN_STAFF } from '../src/world/population.ts';
import type { World } from '../src/world/types.ts';

const { values } = parseArgs({
  options: {
    staff: { type: 'string', default: '300' },
    seed: { type: 'string', default: 'qinglian-demo' },
    'data-dir': { type: 'string', default: 'demo-data' },
    exit: { type: 'boolean', default: false },
  },
});
const staff = Number(values.staff);
if (!Number.isInteger(staff) || staff < MIN_STAFF) {
  process.stderr.write(`--staff must be an integer of at least ${MIN_STAFF}\n`);
  process.exit(2);
}

const dataDir = resolve(values['data-dir']);
const serverEntry = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const port = process.env.PORT ?? '3000';
const base = `http://127.0.0.1:${port}`;
const shown = `http://localhost:${port}`;
const logFile = join(dataDir, 'server.log');

// A fresh embedded database: the demo never touches a configured server or identity provider.
const serverEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: port, AUTO_SCREEN: 'on' };
for (const name of ['DATABASE_URL', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE']) delete serverEnv[name];

const say = (line = '') => process.stdout.write(`${line}\n`);

let child: ChildProcess | null = null;
let exited: Promise<unknown> = Promise.resolve();
let stopping = false;

/** Stops the server (SIGTERM, then SIGKILL after 15 s) and exits with `code`. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) {
    say('\nstopping the server…');
    child.kill('SIGTERM');
    const force = setTimeout(() => child?.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  say(`qinglian demo: a fresh database in ${dataDir}, server on ${shown} (log: ${logFile})`);

  const log = createWriteStream(logFile);
  const server = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = server;
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  exited = new Promise<void>((done) =>
    server.once('exit', (code) => {
      done();
      if (stopping) return;
      void tail(logFile).then((end) => {
        process.stderr.write(
          `the server stopped unexpectedly (exit ${code}); the end of ${logFile}:\n${end}\n`,
        );
        process.exit(1);
      });
    }),
  );

  await waitForReady(server);
  const asOf = todayIn(systemClock);
  const started = performance.now();
  const world = generateWorld({ staff, seed: values.seed, asOf });
  say(
    `generated a world of ${staff} staff for ${asOf} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const secret = await resolveJwtSecret(loadConfig(serverEnv));
  if (!secret) throw new Error('no JWT secret in the demo data directory');
  const tokenFor = (roles: Role[], sub: string) => signToken(secret, { sub, roles, ttl: '12h' });
  const admin = await tokenFor(['admin'], 'demo-admin');

  const imported = await api('POST', '/api/v1/import', admin, world.bundle);
  if (imported.status !== 200)
    throw new Error(`import answered ${imported.status}: ${JSON.stringify(imported.body).slice(0, 2000)}`);
  printImport(world, imported.body);

  const screening = await api('POST', '/api/v1/screenings', admin, { asOf });
  if (screening.status === 201) {
    printScreening(world, screening.body);
    await compareWithPlanted(world, screening.body.id, admin);
  } else
    say(`(screening answered ${screening.status}; the screening route is not available, so no flags yet)`);

  await printTokensAndRequests(world, tokenFor);
  if (values.exit) await shutdown(0);
  say(`\nserving on ${shown} until Ctrl-C`);
}

async function waitForReady(child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the server exited while starting');
    try {
      const res = await fetch(`${base}/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not ready within two minutes (see ${logFile})`);
}

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

function printImport(
  world: World,
  result: { created: Record<string, number>; updated: Record<string, number> },
) {
  say('\nimported (records created per kind):');
  const kinds = Object.keys(result.created).filter((k) => result.created[k]! > 0);
  const width = Math.max(...kinds.map((k) => k.length));
  for (const kind of kinds) say(`  ${kind.padEnd(width)}  ${String(result.created[kind]).padStart(7)}`);
  const units = new Set(world.bundle.staff!.map((s) => s.unit));
  say(`  — ${units.size} units (a detachment and its brigades), jurisdictions by real division codes`);
}

function printScreening(
  world: World,
  screening: { id: string; counts: Record<string, number>; durationMs: number },
) {
  const found = Object.values(screening.counts).reduce((a, b) => a + b, 0);
  say(
    `\nscreened for ${world.expected.asOf} in ${screening.durationMs} ms: ${found} flags (${world.expected.flags.length} planted)`,
  );
  for (const [rule, n] of Object.entries(screening.counts)) if (n > 0) say(`  ${rule.padEnd(24)} ${n}`);
}

const keyOf = (f: World['expected']['flags'][number]) =>
  JSON.stringify([f.rule, f.staffNo, f.org, f.action, f.post, f.year]);

async function compareWithPlanted(world: World, screeningId: string, token: string) {
  const found = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await api(
      'GET',
      `/api/v1/screenings/${screeningId}/flags?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    );
    if (page.status !== 200) return;
    for (const f of page.body.items) found.add(keyOf(f));
    cursor = page.body.nextCursor;
  } while (cursor);
  const planted = new Set(world.expected.flags.map(keyOf));
  const missing = [...planted].filter((k) => !found.has(k));
  const extra = [...found].filter((k) => !planted.has(k));
  if (missing.length === 0 && extra.length === 0)
    say('  = exactly the planted flags; the background raised none');
  else
    say(
      `  planted but not found: ${missing.length}, found but not planted: ${extra.length}\n  ${[...missing, ...extra].slice(0, 10).join('\n  ')}`,
    );
}

async function printTokensAndRequests(
  world: World,
  tokenFor: (roles: Role[], sub: string) => Promise<string>,
) {
  const flags = world.expected.flags;
  const relativeCase = flags.find((f) => f.rule === 'COI-RELATIVE-BUSINESS') ?? flags[0]!;
  const me = relativeCase.staffNo!;
  const tokens: Record<string, string> = {};
  say('\ntokens (12 h):');
  for (const role of ['admin', 'hr', 'discipline', 'investigator'] as const) {
    tokens[role] = await tokenFor([role], `demo-${role}`);
    say(`  export ${role.toUpperCase()}=${tokens[role]}`);
  }
  tokens.staff = await tokenFor(['staff'], me);
  say(`  export STAFF=${tokens.staff}    # staff member ${me}`);

  const rotation = world.expected.rotationsDue[0];
  say('\ntry:');
  say(`  curl -s -H "Authorization: Bearer $DISCIPLINE" '${shown}/api/v1/flags?status=open&limit=20'`);
  say(
    `  curl -s -H "Authorization: Bearer $DISCIPLINE" '${shown}/api/v1/flags?rule=COI-RELATIVE-BUSINESS&staffNo=${me}'`,
  );
  say(
    `  curl -s -H "Authorization: Bearer $INVESTIGATOR" '${shown}/api/v1/graph/neighborhood?node=staff:${me}&depth=2'`,
  );
  say(
    `  curl -s -H "Authorization: Bearer $INVESTIGATOR" '${shown}/api/v1/graph/paths?from=staff:${me}&to=org:${relativeCase.org}&maxDepth=6'`,
  );
  say(`  curl -s -H "Authorization: Bearer $STAFF" '${shown}/api/v1/staff/${me}'`);
  say(
    `  curl -s -H "Authorization: Bearer $HR" '${shown}/api/v1/rotations/due'${rotation ? `    # e.g. ${rotation.staffNo} on ${rotation.post}, ${rotation.status}` : ''}`,
  );
  say(`  open ${shown}/docs    # the API reference`);
}

async function tail(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
