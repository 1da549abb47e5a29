import { AliasNode, SelectQueryNode, TableNode, type Kysely, type OperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/audit/actor.ts';
import { fixedClock } from '../src/clock.ts';
import type { Database } from '../src/db/schema.ts';
import type { ValidationError } from '../src/errors.ts';
import { emptyTables } from '../src/personnel/import/empty-tables.ts';
import { importNdjson } from '../src/personnel/import/stream-import.ts';
import { worldNdjson } from '../src/world/ndjson-parts.ts';
import { contentDigest } from './support/content-digest.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

// A table that was empty when the streamed import took the writer lock holds only the stream's own records,
// so the import does not look up stored rows there. These tests hold it to the same answers as the
// one-document import (which always looks up) on fresh, partial and repeated loads, and check the near misses
// where a table holds a single row and the lookups must happen.

const WORLD = { staff: 60, seed: 'empty-tables', asOf: '2026-06-30' };
const clock = fixedClock('2026-06-30T04:00:00Z');
const admin: Actor = { sub: 'admin', roles: ['admin'], requestId: null };
const HEADER = '{"format":"coi-bundle/1"}';

const kindOf = (line: string): string => (JSON.parse(line) as { kind: string }).kind;

function source(name: string, lines: string[]) {
  return {
    name,
    chunks: (async function* () {
      yield `${[HEADER, ...lines].join('\n')}\n`;
    })(),
  };
}

function bundleOf(lines: string[]): Record<string, unknown> {
  const bundle: Record<string, unknown[]> = {};
  for (const line of lines) {
    const { kind, record } = JSON.parse(line) as { kind: string; record: unknown };
    (bundle[kind] ??= []).push(record);
  }
  return { format: 'coi-bundle/1', ...bundle };
}

/** The db with a record of the versioned tables each SELECT reads from. */
function spied(db: Kysely<Database>): { db: Kysely<Database>; selected: string[] } {
  const selected: string[] = [];
  const tableOf = (node: OperationNode): string | undefined => {
    if (TableNode.is(node)) return node.table.identifier.name;
    if (AliasNode.is(node)) return tableOf(node.node);
    return undefined;
  };
  const plugin = {
    transformQuery: ({ node }: { node: any }) => {
      if (SelectQueryNode.is(node)) {
        for (const from of node.from?.froms ?? []) {
          const table = tableOf(from);
          if (table) selected.push(table);
        }
      }
      return node;
    },
    transformResult: async ({ result }: { result: any }) => result,
  };
  return { db: db.withPlugin(plugin as any), selected };
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import should have been refused').not.toBeNull();
  return error as ValidationError;
}

/** Renames the first `n` records of `kind` among `lines` (a changed record: the import must update it). */
function renamed(lines: string[], kind: string, n: number): string[] {
  let left = n;
  return lines.map((line) => {
    if (left === 0 || kindOf(line) !== kind) return line;
    left -= 1;
    const parsed = JSON.parse(line) as { kind: string; record: { name: string } };
    parsed.record.name = `${parsed.record.name} (renamed)`;
    return JSON.stringify(parsed);
  });
}

describe('a streamed import into tables that were empty, partly filled or full', () => {
  const lines = [...worldNdjson(WORLD)].join('').trimEnd().split('\n').slice(1);
  // Step one stores only the people, organisations and posts of the first 60% of the stream: in step two
  // those tables are partly filled (looked up) and every other table is empty (not looked up).
  const first = lines
    .slice(0, Math.floor(lines.length * 0.6))
    .filter((l) => ['people', 'organizations', 'posts'].includes(kindOf(l)));
  const second = renamed(renamed(lines, 'people', 3), 'organizations', 2);
  let streamed: TestContext;
  let whole: TestContext;

  beforeAll(async () => {
    [streamed, whole] = await Promise.all([createTestContext({ clock }), createTestContext({ clock })]);
  }, 120_000);
  afterAll(async () => {
    await streamed?.close();
    await whole?.close();
  });

  it('reads which tables are empty', async () => {
    const empty = await streamed.db.transaction().execute((tx) => emptyTables(tx));
    expect(empty.has('person')).toBe(true);
    expect(empty.has('declaration')).toBe(true);
  });

  it('a fresh load into empty tables looks up no stored person and stores what the one-document import stores', async () => {
    const fresh = await createTestContext({ clock });
    const reference = await createTestContext({ clock });
    try {
      const spy = spied(fresh.db);
      const result = await importNdjson(spy.db, clock, admin, [source('all.ndjson', lines)], {
        batchRecords: 150,
      });
      expect(spy.selected).not.toContain('person');
      expect(spy.selected).not.toContain('staff');
      const res = await reference.call('POST', '/api/v1/import', { as: 'admin', body: bundleOf(lines) });
      expect(res.status).toBe(200);
      expect(result.created).toEqual((res.body as any).created);
      expect((await contentDigest(fresh)).digest).toBe((await contentDigest(reference)).digest);
    } finally {
      await fresh.close();
      await reference.close();
    }
  });

  it('a partial re-import creates, updates and keeps exactly what the one-document import does', async () => {
    const stepOne = await importNdjson(streamed.db, clock, admin, [source('first.ndjson', first)], {
      batchRecords: 100,
    });
    const one = await whole.call('POST', '/api/v1/import', { as: 'admin', body: bundleOf(first) });
    expect(one.status).toBe(200);
    expect(stepOne.created).toEqual((one.body as any).created);

    const empty = await streamed.db.transaction().execute((tx) => emptyTables(tx));
    expect(empty.has('person')).toBe(false);
    expect(empty.has('staff')).toBe(true);

    const spy = spied(streamed.db);
    const stepTwo = await importNdjson(spy.db, clock, admin, [source('second.ndjson', second)], {
      batchRecords: 120,
    });
    expect(spy.selected).toContain('person'); // partly filled: looked up
    const two = await whole.call('POST', '/api/v1/import', { as: 'admin', body: bundleOf(second) });
    expect(two.status).toBe(200);
    const body = two.body as any;
    expect(stepTwo.created).toEqual(body.created);
    expect(stepTwo.updated).toEqual(body.updated);
    expect(stepTwo.unchanged).toEqual(body.unchanged);
    expect(stepTwo.updated.people).toBe(3);
    expect(stepTwo.updated.organizations).toBe(2);
    expect(stepTwo.unchanged.people).toBeGreaterThan(10);
    expect((await contentDigest(streamed)).digest).toBe((await contentDigest(whole)).digest);
    const versions = await streamed.db
      .selectFrom('person')
      .select('version')
      .where('name', 'like', '% (renamed)')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([2, 2, 2]);
  });

  it('a full re-import changes nothing', async () => {
    const again = await importNdjson(streamed.db, clock, admin, [source('again.ndjson', second)], {
      batchRecords: 200,
    });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
    expect(again.unchanged.people).toBeGreaterThan(100);
  });
});

describe('near misses: a table holding one row is looked up', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ clock });
    const seed = [
      '{"kind":"people","record":{"ref":"P-STORED","name":"Stored","idNumber":"11010519491231002X"}}',
      '{"kind":"organizations","record":{"creditCode":"91350100M000100Y43","name":"Stored Org","kind":"other","region":"350100"}}',
    ];
    await importNdjson(t.db, clock, admin, [source('seed.ndjson', seed)]);
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a new person with the ID number of the one stored person, naming that person', async () => {
    const error = await refusal(
      importNdjson(t.db, clock, admin, [
        source('new.ndjson', [
          '{"kind":"people","record":{"ref":"P-NEW","name":"New","idNumber":"11010519491231002X"}}',
        ]),
      ]),
    );
    expect(error.errors).toEqual([
      {
        path: '/people/0/idNumber',
        message:
          "line 2 of new.ndjson: this ID number is already stored on person P-STORED; an ID number is one person's",
      },
    ]);
  });

  it('updates the one stored person and links a new person to the one stored organisation', async () => {
    const result = await importNdjson(t.db, clock, admin, [
      source('update.ndjson', [
        '{"kind":"people","record":{"ref":"P-STORED","name":"Stored Again","idNumber":"11010519491231002X"}}',
        '{"kind":"people","record":{"ref":"P-OTHER","name":"Other"}}',
        '{"kind":"affiliations","record":{"person":"P-OTHER","org":"91350100M000100Y43","role":"director","source":"registry"}}',
      ]),
    ]);
    expect(result.updated.people).toBe(1);
    expect(result.created.people).toBe(1);
    expect(result.created.affiliations).toBe(1);
    const stored = await t.db
      .selectFrom('person')
      .select(['name', 'version'])
      .where('ref', '=', 'P-STORED')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'Stored Again', version: 2 });
  });

  it('in empty tables, still refuses an ID number given twice across batches and a key given twice', async () => {
    const fresh = await createTestContext({ clock });
    try {
      const error = await refusal(
        importNdjson(
          fresh.db,
          clock,
          admin,
          [
            source('twice.ndjson', [
              '{"kind":"people","record":{"ref":"A","name":"A","idNumber":"11010519491231002X"}}',
              '{"kind":"people","record":{"ref":"B","name":"B"}}',
              '{"kind":"people","record":{"ref":"C","name":"C","idNumber":"11010519491231002X"}}',
              '{"kind":"people","record":{"ref":"B","name":"B again"}}',
            ]),
          ],
          { batchRecords: 1 },
        ),
      );
      expect(error.errors.map((e) => `${e.path} ${e.message}`)).toEqual([
        '/people/2/idNumber line 4 of twice.ndjson: the same ID number as /people/0; one person has one ID number',
        '/people/3/ref line 5 of twice.ndjson: duplicate person ref B; first at /people/1',
      ]);
    } finally {
      await fresh.close();
    }
  });
});

describe('open assignments across batches', () => {
  const base = [
    '{"kind":"people","record":{"ref":"P1","name":"One"}}',
    '{"kind":"staff","record":{"staffNo":"S1","person":"P1","category":"cadre","unit":"HQ","jurisdiction":"350100","hiredOn":"2015-01-01"}}',
    '{"kind":"posts","record":{"code":"POST-1","name":"Inspector","unit":"HQ","kind":"enforcement"}}',
  ];
  const first = '{"kind":"assignments","record":{"staffNo":"S1","post":"POST-1","from":"2020-01-01"}}';
  const second = '{"kind":"assignments","record":{"staffNo":"S1","post":"POST-1","from":"2022-01-01"}}';
  const closed =
    '{"kind":"assignments","record":{"staffNo":"S1","post":"POST-1","from":"2018-01-01","to":"2019-01-01"}}';

  async function problemsOf(t: TestContext, lines: string[], batchRecords: number) {
    const error = await refusal(
      importNdjson(t.db, clock, admin, [source('a.ndjson', lines)], { batchRecords }),
    );
    return error.errors.map((e) => `${e.path} ${e.message}`);
  }

  it('refuses a second open assignment of a post written by an earlier batch into an empty table', async () => {
    const t = await createTestContext({ clock });
    try {
      expect(await problemsOf(t, [...base, closed, first, second], 1)).toEqual([
        '/assignments/2 line 7 of a.ndjson: S1 would hold post POST-1 twice at once: the stored assignment from 2020-01-01 is still open; close one (set its to)',
      ]);
      // In one batch the message names the other record instead.
      expect(await problemsOf(t, [...base, closed, first, second], 100)).toEqual([
        '/assignments/2 line 7 of a.ndjson: S1 would hold post POST-1 twice at once: /assignments/1 is open too; close one (set its to)',
      ]);
      // A closed one earlier in the stream is no conflict.
      const ok = await importNdjson(t.db, clock, admin, [source('b.ndjson', [...base, closed, second])], {
        batchRecords: 1,
      });
      expect(ok.created.assignments).toBe(2);
    } finally {
      await t.close();
    }
  });

  it('near miss: with one open assignment stored, the database is asked and gives the same answer', async () => {
    const t = await createTestContext({ clock });
    try {
      await importNdjson(t.db, clock, admin, [source('seed.ndjson', [...base, first])]);
      expect(await problemsOf(t, [second], 1)).toEqual([
        '/assignments/0 line 2 of a.ndjson: S1 would hold post POST-1 twice at once: the stored assignment from 2020-01-01 is still open; close one (set its to)',
      ]);
      // The stored one carried by its key with an end: the new one may open.
      const closing =
        '{"kind":"assignments","record":{"staffNo":"S1","post":"POST-1","from":"2020-01-01","to":"2022-01-01"}}';
      const ok = await importNdjson(t.db, clock, admin, [source('c.ndjson', [closing, second])], {
        batchRecords: 1,
      });
      expect(ok.updated.assignments).toBe(1);
      expect(ok.created.assignments).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('the record order rule does not depend on where batches split', () => {
  const person = '{"kind":"people","record":{"ref":"P1","name":"One"}}';
  const staff =
    '{"kind":"staff","record":{"staffNo":"S1","person":"P1","category":"cadre","unit":"HQ","jurisdiction":"350100","hiredOn":"2015-01-01"}}';
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ clock });
  });
  afterAll(() => t?.close());

  it.each([1, 100])('refuses a staff record before its person, in batches of %i', async (batchRecords) => {
    const error = await refusal(
      importNdjson(t.db, clock, admin, [source('a.ndjson', [staff, person])], { batchRecords }),
    );
    expect(error.errors.map((e) => `${e.path} ${e.message}`)).toEqual([
      '/staff/0/person line 2 of a.ndjson: no person with ref P1 earlier in the stream or stored (a record must come after the records it refers to)',
    ]);
  });

  it.each([1, 100])(
    'reports a person given twice around a record that refers to it as the duplicate only, in batches of %i',
    async (batchRecords) => {
      const twice = '{"kind":"people","record":{"ref":"P1","name":"One Again"}}';
      const error = await refusal(
        importNdjson(t.db, clock, admin, [source('a.ndjson', [person, staff, twice])], { batchRecords }),
      );
      expect(error.errors.map((e) => `${e.path} ${e.message}`)).toEqual([
        '/people/1/ref line 4 of a.ndjson: duplicate person ref P1; first at /people/0',
      ]);
    },
  );

  it.each([1, 100])('near miss: takes the person first, in batches of %i', async (batchRecords) => {
    const fresh = await createTestContext({ clock });
    try {
      const result = await importNdjson(fresh.db, clock, admin, [source('a.ndjson', [person, staff])], {
        batchRecords,
      });
      expect(result.created.staff).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it.each([1, 100])(
    'near miss: a stored person carried again after a record that refers to it, in batches of %i',
    async (batchRecords) => {
      const fresh = await createTestContext({ clock });
      try {
        await importNdjson(fresh.db, clock, admin, [source('seed.ndjson', [person])]);
        const again = '{"kind":"people","record":{"ref":"P1","name":"One Again"}}';
        const result = await importNdjson(fresh.db, clock, admin, [source('a.ndjson', [staff, again])], {
          batchRecords,
        });
        expect(result.created.staff).toBe(1);
        expect(result.updated.people).toBe(1);
      } finally {
        await fresh.close();
      }
    },
  );
});
