import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../src/auth/tokens.ts';
import { worldNdjson } from '../src/world/ndjson-parts.ts';
import type { ExpectedFlag, WorldExpected } from '../src/world/types.ts';
import { createTestDatabase } from './support/test-db.ts';

// Several servers behind a load balancer share one PostgreSQL database: what one writes, another screens;
// screenings started at once in different processes queue on the writer lock and never corrupt the queue.

const SECRET = 'multi-process-secret-0123456789abcdefghij';
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const WORLD = { staff: 120, seed: 'two-processes', asOf: '2026-06-30' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcessWithoutNullStreams;
  output: () => string;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(tsx, ['src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: SECRET,
      AUTO_SCREEN: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > until) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, child, output: () => out };
}

const keyOf = (f: Pick<ExpectedFlag, 'rule' | 'staffNo' | 'org' | 'action' | 'post' | 'year'>) =>
  JSON.stringify([f.rule, f.staffNo, f.org, f.action, f.post, f.year]);

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Server;
  let b: Server;
  let token: string;
  let expected: WorldExpected;
  const call = async (
    server: Server,
    method: string,
    path: string,
    body?: string,
    type = 'application/json',
  ) => {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) },
      ...(body ? { body } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const openFlags = async (server: Server) => {
    const items: ExpectedFlag[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        server,
        'GET',
        `/api/v1/flags?status=open&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([startServer(db.url!), startServer(db.url!)]);
    token = await signToken(SECRET, { sub: 'two-process-test', roles: ['admin', 'discipline'] });
  }, 180_000);
  afterAll(async () => {
    for (const server of [a, b]) {
      if (!server || server.child.exitCode !== null) continue;
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      await exited;
    }
    await db?.close();
  }, 60_000);

  it('screens through one process what was imported through the other', async () => {
    // B builds its world cache first, on the empty database, so it must notice A's import by seq.
    const empty = await call(b, 'POST', '/api/v1/screenings', JSON.stringify({ asOf: WORLD.asOf }));
    expect(empty.status).toBe(201);
    expect(Object.values(empty.body.counts).every((n) => n === 0)).toBe(true);

    const chunks = worldNdjson(WORLD);
    let text = '';
    for (let next = chunks.next(); ; next = chunks.next()) {
      if (next.done) {
        expected = next.value;
        break;
      }
      text += next.value;
    }
    const imported = await call(a, 'POST', '/api/v1/import/ndjson', text, 'application/x-ndjson');
    expect(imported.status, JSON.stringify(imported.body).slice(0, 1000)).toBe(200);
    expect(imported.body.created.staff).toBe(WORLD.staff);

    const screened = await call(b, 'POST', '/api/v1/screenings', JSON.stringify({ asOf: WORLD.asOf }));
    expect(screened.status).toBe(201);
    const found = (await openFlags(b)).map(keyOf).sort();
    expect(found).toEqual(expected.flags.map(keyOf).sort());
  }, 180_000);

  it('runs two screenings started at once on different processes one after the other, without duplicates', async () => {
    // A change first (a person with no ties: no flag moves), so both processes refresh their caches while racing.
    const change = await call(
      a,
      'POST',
      '/api/v1/import',
      JSON.stringify({ format: 'coi-bundle/1', people: [{ ref: 'RACE-1', name: '赛跑' }] }),
    );
    expect(change.status).toBe(200);
    const [first, second] = await Promise.all([
      call(a, 'POST', '/api/v1/screenings', JSON.stringify({ asOf: WORLD.asOf })),
      call(b, 'POST', '/api/v1/screenings', JSON.stringify({ asOf: WORLD.asOf })),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.counts).toEqual(second.body.counts);
    // One of them ran first and raised nothing new; neither raised a flag the other had raised too.
    expect(first.body.raised + second.body.raised).toBe(0);

    const rows = await db.db
      .selectFrom('flag')
      .select(['flagKey'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('flagKey')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(rows).toEqual([]);
    const found = (await openFlags(a)).map(keyOf).sort();
    expect(found).toEqual(expected.flags.map(keyOf).sort());

    // Each screening observed every flag once, and the screenings' finish times do not overlap.
    const runs = await db.db
      .selectFrom('screening')
      .select(['id', 'seq', 'startedAt', 'finishedAt'])
      .where('id', 'in', [first.body.id, second.body.id])
      .orderBy('finishedAt')
      .execute();
    for (const run of runs) {
      const observed = await db.db
        .selectFrom('flagSighting')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('firstSeq', '<=', run.seq)
        .where((eb) => eb.or([eb('lastSeq', 'is', null), eb('lastSeq', '>=', run.seq)]))
        .executeTakeFirstOrThrow();
      expect(Number(observed.n)).toBe(expected.flags.length);
    }
    expect(runs).toHaveLength(2);
    expect(runs[0]!.finishedAt!.getTime()).toBeLessThanOrEqual(runs[1]!.startedAt.getTime());
  }, 180_000);
});
