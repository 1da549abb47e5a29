import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/audit/actor.ts';
import { fixedClock } from '../src/clock.ts';
import type { ValidationError } from '../src/errors.ts';
import type { NdjsonSource } from '../src/personnel/import/ndjson-lines.ts';
import { importNdjson } from '../src/personnel/import/stream-import.ts';
import { generateWorld } from '../src/world/generate.ts';
import { worldNdjson } from '../src/world/ndjson-parts.ts';
import { contentDigest } from './support/content-digest.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const WORLD = { staff: 120, seed: 'stream', asOf: '2026-06-30' };
const clock = fixedClock('2026-06-30T04:00:00Z');
const admin: Actor = { sub: 'admin', roles: ['admin'], requestId: null };

/** The world's NDJSON lines (header first), split into `n` parts of about equal size, each with a header. */
function partsOf(lines: string[], n: number): string[][] {
  const [header, ...records] = lines;
  const size = Math.ceil(records.length / n);
  return Array.from({ length: n }, (_, i) => [header!, ...records.slice(i * size, (i + 1) * size)]);
}

function sources(parts: string[][]): NdjsonSource[] {
  // Chunks cut mid-line (and mid-character) on purpose: the reader must join them.
  return parts.map((lines, i) => {
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    return {
      name: `part-${i + 1}.ndjson`,
      chunks: (async function* () {
        for (let at = 0; at < bytes.length; at += 4093) yield bytes.subarray(at, at + 4093);
      })(),
    };
  });
}

async function rejected(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import should have been refused').not.toBeNull();
  expect((error as ValidationError).status).toBe(400);
  return error as ValidationError;
}

describe('a world streamed as NDJSON parts', () => {
  const lines = [...worldNdjson(WORLD)].join('').trimEnd().split('\n');
  let whole: TestContext;
  let streamed: TestContext;
  let wholeResult: any;
  let streamedResult: any;

  beforeAll(async () => {
    [whole, streamed] = await Promise.all([createTestContext({ clock }), createTestContext({ clock })]);
    const imported = await whole.call('POST', '/api/v1/import', {
      as: 'admin',
      body: generateWorld(WORLD).bundle,
    });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 1000)).toBe(200);
    wholeResult = imported.body;
    streamedResult = await importNdjson(streamed.db, clock, admin, sources(partsOf(lines, 4)), {
      batchRecords: 700,
    });
  }, 300_000);
  afterAll(async () => {
    await whole?.close();
    await streamed?.close();
  });

  it('stores exactly what the one-document import of the same world stores', async () => {
    const [a, b] = await Promise.all([contentDigest(whole), contentDigest(streamed)]);
    expect(b.counts).toEqual(a.counts);
    expect(a.counts.person).toBeGreaterThan(500);
    expect(b.digest).toBe(a.digest);
  });

  it('counts what it created per kind as the one-document import does', () => {
    expect(streamedResult.created).toEqual(wholeResult.created);
    expect(streamedResult.records).toBe(lines.length - 1);
  });

  it('is idempotent: streaming it again changes nothing and says so', async () => {
    const again = await importNdjson(streamed.db, clock, admin, sources(partsOf(lines, 3)), {
      batchRecords: 900,
    });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
    expect(again.unchanged).toEqual(wholeResult.created);
  });

  it('records one audit entry for the whole stream with its digest', async () => {
    const rows = await streamed.db
      .selectFrom('auditLog')
      .select(['action', 'objectKeys'])
      .where('action', '=', 'import')
      .execute();
    expect(rows).toHaveLength(2);
    const keys = (
      typeof rows[0]!.objectKeys === 'string' ? JSON.parse(rows[0]!.objectKeys) : rows[0]!.objectKeys
    ) as any;
    expect(keys.streamed).toBe(true);
    expect(keys.parts).toEqual(['part-1.ndjson', 'part-2.ndjson', 'part-3.ndjson', 'part-4.ndjson']);
    expect(keys.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a streamed world with a bad record in a later part', () => {
  const lines = [...worldNdjson(WORLD)].join('').trimEnd().split('\n');
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ clock });
  });
  afterAll(() => t?.close());

  it('is refused whole, naming the line, kind and index, and nothing is written', async () => {
    const parts = partsOf(lines, 4);
    const last = parts[3]!;
    const at = last.findIndex((l) => l.startsWith('{"kind":"kinship"'));
    const bad = JSON.parse(last[at]!);
    bad.record.relation = 'cousin-in-law';
    last[at] = JSON.stringify(bad);
    const error = await rejected(importNdjson(t.db, clock, admin, sources(parts), { batchRecords: 500 }));
    const isKinship = (l: string) => l.startsWith('{"kind":"kinship"');
    const index = [...parts.slice(0, 3).flat(), ...last.slice(0, at)].filter(isKinship).length;
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]!.path).toBe(`/kinship/${index}/relation`);
    expect(error.errors[0]!.message).toMatch(new RegExp(`^line ${at + 1} of part-4\\.ndjson: `));
    const people = await t.db
      .selectFrom('person')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(people.n).toBe(0);
    const audits = await t.db.selectFrom('auditLog').select('id').where('action', '=', 'import').execute();
    expect(audits).toHaveLength(0);
  });

  it('reports every problem: a record before what it refers to, a duplicate across parts, a line that is not JSON', async () => {
    const [header, ...records] = lines;
    const staffAt = records.findIndex((l) => l.startsWith('{"kind":"staff"'));
    const staff = records[staffAt]!;
    const person = JSON.parse(staff).record.person as string;
    const personAt = records.findIndex(
      (l) => l.startsWith('{"kind":"people"') && JSON.parse(l).record.ref === person,
    );
    const forward = [...records];
    forward.splice(personAt, 1);
    forward.push(records[personAt]!);
    forward.push(records[0]!); // the campaign again: a duplicate across parts
    forward.splice(10, 0, 'not json at all');
    const error = await rejected(
      importNdjson(t.db, clock, admin, sources(partsOf([header!, ...forward], 2)), { batchRecords: 400 }),
    );
    const messages = error.errors.map((e) => `${e.path} ${e.message}`);
    expect(messages.some((m) => m.includes(`no person with ref ${person} earlier in the stream`))).toBe(true);
    expect(messages.some((m) => /duplicate .* first at \//.test(m))).toBe(true);
    expect(messages.some((m) => m.includes('line 12 of part-1.ndjson: not JSON'))).toBe(true);
    const people = await t.db.selectFrom('person').select('id').limit(1).execute();
    expect(people).toHaveLength(0);
  });

  it('rolls back what earlier batches wrote when a part cannot be read to its end', async () => {
    const text = `${lines.join('\n')}\n`;
    const failing: NdjsonSource = {
      name: 'part-1.ndjson',
      chunks: (async function* () {
        yield text.slice(0, Math.floor(text.length * 0.8));
        throw new Error('the disk went away');
      })(),
    };
    await expect(importNdjson(t.db, clock, admin, [failing], { batchRecords: 300 })).rejects.toThrow(
      'the disk went away',
    );
    const people = await t.db.selectFrom('person').select('id').limit(1).execute();
    expect(people).toHaveLength(0);
  });

  it('is refused without a header line', async () => {
    const error = await rejected(importNdjson(t.db, clock, admin, sources([lines.slice(1, 20)])));
    expect(error.errors[0]).toMatchObject({ path: '/format' });
  });
});

describe('POST /api/v1/import/ndjson', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ clock });
  });
  afterAll(() => t?.close());

  it('imports a streamed body for an admin and refuses other roles and media types', async () => {
    const body = `${[...worldNdjson({ staff: 60, seed: 'route', asOf: '2026-06-30' })].join('')}`;
    const headers = { 'content-type': 'application/x-ndjson' };
    expect((await t.call('POST', '/api/v1/import/ndjson', { as: 'hr', body, headers })).status).toBe(403);
    const wrong = await t.call('POST', '/api/v1/import/ndjson', {
      as: 'admin',
      body,
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrong.status).toBe(415);
    const res = await t.call('POST', '/api/v1/import/ndjson', { as: 'admin', body, headers });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.created.staff).toBe(60);
    const bad = await t.call('POST', '/api/v1/import/ndjson', {
      as: 'admin',
      body: `${body}{"kind":"staff","record":{"staffNo":"X1"}}\n`,
      headers,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: any) => e.path)).toContain('/staff/60/person');
  });
});
