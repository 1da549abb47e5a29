import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.ts';
import { BUNDLE_KINDS, type Bundle, type BundleKind } from '../src/bundle/schema.ts';
import { digestOf } from '../src/lib/canonical-json.ts';
import { idNumberCheckChar } from '../src/lib/gb11643.ts';
import { creditCodeCheckChar } from '../src/lib/gb32100.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// Counted from tests/fixtures/world-small.json.
const WORLD_SMALL_COUNTS: Record<BundleKind, number> = {
  people: 31,
  staff: 24,
  kinship: 10,
  organizations: 18,
  affiliations: 15,
  ownerships: 5,
  posts: 6,
  assignments: 8,
  qualifications: 9,
  suspensions: 1,
  enforcementActions: 9,
  engagements: 2,
  designations: 2,
  campaigns: 1,
  declarations: 16,
};

const TABLES = [
  'person',
  'staff',
  'kinship',
  'organization',
  'affiliation',
  'ownership',
  'post',
  'assignment',
  'qualification',
  'suspension',
  'enforcement_action',
  'action_officer',
  'engagement',
  'designation',
  'campaign',
  'declaration',
  'revision',
  'audit_log',
] as const;

const zeros = () => Object.fromEntries(BUNDLE_KINDS.map((k) => [k, 0])) as Record<BundleKind, number>;
const world = (): Bundle => loadFixture<Bundle>('world-small.json');

async function tableCounts(t: TestContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
      t.db,
    );
    counts[table] = rows[0]!.n;
  }
  return counts;
}

const importAs = (t: TestContext, body: unknown, as: Role = 'admin') =>
  t.call('POST', '/api/v1/import', { as, body });

const pathsOf = (res: { body: { errors?: Array<{ path: string }> } }) =>
  (res.body.errors ?? []).map((e) => e.path);

// A valid credit code / ID number for a serial number, for bundles built in tests.
const creditCode = (n: number) => {
  const body = `91230502MA${String(n).padStart(7, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
};
const idNumber = (n: number) => {
  const body = `230502${1950 + (n % 50)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  return `${body}${idNumberCheckChar(body)}`;
};

describe('importing the small world', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates every record of the bundle, counted per kind', async () => {
    const res = await importAs(t, world());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: WORLD_SMALL_COUNTS, updated: zeros(), unchanged: zeros() });
    const counts = await tableCounts(t);
    expect(counts).toMatchObject({
      person: 31,
      staff: 24,
      organization: 18,
      enforcement_action: 9,
      declaration: 16,
      revision: 0,
    });
    // Officers of the nine actions: 2 + 1 + 2 + 3 + 3 + 2 + 2 + 3 + 1.
    expect(counts.action_officer).toBe(19);
  });

  it('stores records by their natural keys, with declarations as natural-key items', async () => {
    const s013 = await t.db
      .selectFrom('staff')
      .innerJoin('person', 'person.id', 'staff.personId')
      .select(['person.ref', 'staff.hiredOn', 'staff.departedOn'])
      .where('staffNo', '=', 'S013')
      .executeTakeFirstOrThrow();
    expect(s013.ref).toBe('P13');
    const a1 = await t.db
      .selectFrom('actionOfficer')
      .innerJoin('enforcementAction', 'enforcementAction.id', 'actionOfficer.actionId')
      .innerJoin('staff', 'staff.id', 'actionOfficer.staffId')
      .select(['staff.staffNo', 'actionOfficer.position'])
      .where('enforcementAction.ref', '=', 'A1')
      .orderBy('actionOfficer.position')
      .execute();
    expect(a1.map((o) => o.staffNo)).toEqual(['S013', 'S002']);
    const declaration = await t.db
      .selectFrom('declaration')
      .innerJoin('staff', 'staff.id', 'declaration.staffId')
      .select(['declaration.items', 'declaration.submittedOn'])
      .where('staff.staffNo', '=', 'S001')
      .where('declaration.year', '=', 2025)
      .executeTakeFirstOrThrow();
    expect(declaration.submittedOn).toBe('2026-01-20');
    expect(declaration.items).toEqual(world().declarations![0]!.items);
    const share = await t.db
      .selectFrom('affiliation')
      .innerJoin('person', 'person.id', 'affiliation.personId')
      .select(['affiliation.share', 'affiliation.paid', 'affiliation.validFrom'])
      .where('person.ref', '=', 'P1W')
      .executeTakeFirstOrThrow();
    expect({ ...share, share: Number(share.share) }).toEqual({
      share: 40,
      paid: false,
      validFrom: '2019-04-01',
    });
  });

  it('leaves everything unchanged when the same bundle is imported again', async () => {
    const before = await tableCounts(t);
    const res = await importAs(t, world());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: zeros(), updated: zeros(), unchanged: WORLD_SMALL_COUNTS });
    const after = await tableCounts(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log! + 1);
  });

  it('keeps one audit entry per import: who, the counts and the digest of the bundle', async () => {
    const res = await t.call('GET', '/api/v1/audit?action=import', { as: 'admin', sub: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const [second, first] = res.body.items;
    expect(first).toMatchObject({
      action: 'import',
      actor: 'admin',
      roles: ['admin'],
      digest: digestOf(world()),
      objectKeys: { format: 'coi-bundle/1', created: WORLD_SMALL_COUNTS, updated: zeros() },
    });
    expect(second.objectKeys.unchanged).toEqual(WORLD_SMALL_COUNTS);
    expect(first.requestId).toBeTruthy();
    const verify = await t.call('GET', '/api/v1/audit/verify', { as: 'admin' });
    expect(verify.body.ok).toBe(true);
  });

  it('counts a changed record as updated and keeps its previous version in revision', async () => {
    const bundle = world();
    bundle.people!.find((p) => p.ref === 'P1')!.name = '张建国（更正）';
    const consultant = bundle.affiliations!.find((a) => a.person === 'P6')!;
    delete consultant.paid; // absent means the default: not paid
    bundle.enforcementActions!.find((a) => a.ref === 'A1')!.officers = ['S013'];
    const res = await importAs(t, bundle);
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual({ ...zeros(), people: 1, affiliations: 1, enforcementActions: 1 });
    expect(res.body.created).toEqual(zeros());
    expect(res.body.unchanged.people).toBe(30);

    const p1 = await t.db.selectFrom('person').selectAll().where('ref', '=', 'P1').executeTakeFirstOrThrow();
    expect(p1).toMatchObject({ name: '张建国（更正）', version: 2 });
    const kept = await t.db
      .selectFrom('revision')
      .select(['version', 'data'])
      .where('tableName', '=', 'person')
      .where('rowId', '=', p1.id)
      .execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ version: 1, data: { name: '张建国', ref: 'P1' } });

    const paid = await t.db
      .selectFrom('affiliation')
      .innerJoin('person', 'person.id', 'affiliation.personId')
      .select(['affiliation.paid', 'affiliation.version'])
      .where('person.ref', '=', 'P6')
      .executeTakeFirstOrThrow();
    expect(paid).toEqual({ paid: false, version: 2 });
  });

  it('replaces an action officer list, bumping the action and keeping the old list in revision', async () => {
    const a1 = await t.db
      .selectFrom('enforcementAction')
      .select(['id', 'version'])
      .where('ref', '=', 'A1')
      .executeTakeFirstOrThrow();
    expect(a1.version).toBe(2);
    const officers = await t.db
      .selectFrom('actionOfficer')
      .select('staffId')
      .where('actionId', '=', a1.id)
      .execute();
    expect(officers).toHaveLength(1);
    const history = await t.db
      .selectFrom('revision')
      .select(['tableName', 'version', 'data'])
      .where('rowId', '=', a1.id)
      .where('tableName', 'in', ['enforcement_action', 'action_officer'])
      .orderBy('tableName')
      .execute();
    expect(history).toEqual([
      {
        tableName: 'action_officer',
        version: 1,
        data: {
          action_id: a1.id,
          officers: [
            expect.objectContaining({ staff_no: 'S013', position: 0 }),
            expect.objectContaining({ staff_no: 'S002', position: 1 }),
          ],
        },
      },
      {
        tableName: 'enforcement_action',
        version: 1,
        data: expect.objectContaining({ ref: 'A1', version: 1 }),
      },
    ]);
  });
});

describe('rejecting a bad bundle', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function expectRejected(body: unknown) {
    const before = await tableCounts(t);
    const res = await importAs(t, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await tableCounts(t)).toEqual(before);
    return res;
  }

  it('lists a bad credit code and a bad ID number together, and writes nothing', async () => {
    const bundle = world();
    bundle.people![4]!.idNumber = '230502198506300052'; // check character should be 1
    bundle.organizations![2]!.creditCode = '91230503MA1B00003J'; // check character should be H
    const res = await expectRejected(bundle);
    expect(pathsOf(res)).toEqual(
      expect.arrayContaining(['/people/4/idNumber', '/organizations/2/creditCode']),
    );
    const byPath = Object.fromEntries(
      res.body.errors.map((e: { path: string; message: string }) => [e.path, e]),
    );
    expect(byPath['/people/4/idNumber'].message).toMatch(/check character/);
    expect(byPath['/organizations/2/creditCode'].message).toMatch(/check character/);
    expect((await tableCounts(t)).person).toBe(0);
  });

  it('rejects an unknown field, at its own path', async () => {
    const bundle = world() as unknown as { people: Array<Record<string, unknown>> };
    bundle.people[0]!.nickname = '老张';
    const res = await expectRejected(bundle);
    expect(res.body.errors).toEqual([{ path: '/people/0/nickname', message: 'unknown field' }]);
  });

  it('rejects an unknown top-level field and a wrong format', async () => {
    const res = await expectRejected({ format: 'coi-bundle/2', vehicles: [] });
    expect(pathsOf(res)).toEqual(expect.arrayContaining(['/format', '/vehicles']));
  });

  it('rejects references to keys neither in the bundle nor stored, each at its path', async () => {
    const bundle = world();
    bundle.affiliations![3]!.org = creditCode(999);
    bundle.staff![1]!.person = 'P404';
    bundle.assignments![0]!.post = 'NO-SUCH-POST';
    bundle.enforcementActions![1]!.officers = ['S014', 'S999'];
    bundle.declarations![0]!.items.push({ type: 'relative', person: 'PX', relation: 'sibling' });
    const res = await expectRejected(bundle);
    expect(pathsOf(res).sort()).toEqual(
      [
        '/affiliations/3/org',
        '/staff/1/person',
        '/assignments/0/post',
        '/enforcementActions/1/officers/1',
        '/declarations/0/items/2/person',
      ].sort(),
    );
    expect(res.body.errors.find((e: { path: string }) => e.path === '/staff/1/person').message).toMatch(
      /P404/,
    );
  });

  it('rejects duplicate natural keys inside the bundle', async () => {
    const bundle = world();
    bundle.people!.push({ ref: 'P3', name: '重复' });
    bundle.people!.push({ ref: 'PNEW', name: '新人', idNumber: bundle.people![0]!.idNumber! });
    bundle.affiliations!.push({ ...bundle.affiliations![0]!, share: 10 });
    bundle.qualifications!.push({ ...bundle.qualifications![0]!, staffNo: 'S002' });
    bundle.kinship!.push({ person: 'P1', relative: 'P1W', relation: 'other' });
    bundle.declarations!.push({ staffNo: 'S001', year: 2025, items: [] });
    bundle.enforcementActions!.push({ ...bundle.enforcementActions![0]!, officers: ['S001', 'S001'] });
    const res = await expectRejected(bundle);
    expect(pathsOf(res)).toEqual(
      expect.arrayContaining([
        '/people/31/ref',
        '/people/32/idNumber',
        '/affiliations/15',
        '/qualifications/9/certNo',
        '/kinship/10',
        '/declarations/16',
        '/enforcementActions/9/ref',
        '/enforcementActions/9/officers/1',
      ]),
    );
    expect(res.body.errors.find((e: { path: string }) => e.path === '/affiliations/15').message).toMatch(
      /first at \/affiliations\/0/,
    );
  });

  it('rejects intervals that end on or before they start', async () => {
    const bundle = world();
    bundle.affiliations![0]!.to = bundle.affiliations![0]!.from!;
    bundle.assignments![0]!.to = '2020-01-01';
    bundle.ownerships![0]!.to = '2017-12-31';
    bundle.suspensions![0]!.to = '2026-01-04';
    bundle.qualifications![0]!.expiresOn = '2018-05-01';
    bundle.staff![0]!.departedOn = '1998-06-30';
    const res = await expectRejected(bundle);
    expect(pathsOf(res).sort()).toEqual(
      [
        '/affiliations/0/to',
        '/assignments/0/to',
        '/ownerships/0/to',
        '/suspensions/0/to',
        '/qualifications/0/expiresOn',
        '/staff/0/departedOn',
      ].sort(),
    );
  });

  it('rejects kinship with oneself and an organisation owning itself', async () => {
    const bundle = world();
    bundle.kinship!.push({ person: 'P2', relative: 'P2', relation: 'sibling' });
    bundle.ownerships!.push({
      owner: bundle.organizations![0]!.creditCode,
      org: bundle.organizations![0]!.creditCode,
    });
    const res = await expectRejected(bundle);
    expect(pathsOf(res)).toEqual(['/kinship/10/relative', '/ownerships/5/org']);
  });

  it('reports schema problems and every other problem of the same bundle at once', async () => {
    const bundle = world() as unknown as Record<string, Array<Record<string, unknown>>>;
    bundle.staff![0]!.category = 'general';
    bundle.organizations![1]!.kind = 'bank';
    bundle.people![0]!.idNumber = '230502197003120012';
    bundle.kinship![0]!.relative = 'P-missing';
    const res = await expectRejected(bundle);
    // S001 and the second organisation are malformed, not missing: references to them are not reported again.
    expect(pathsOf(res).sort()).toEqual(
      ['/staff/0/category', '/organizations/1/kind', '/people/0/idNumber', '/kinship/0/relative'].sort(),
    );
  });

  it('rejects a body that is not JSON', async () => {
    const res = await t.call('POST', '/api/v1/import', { as: 'admin', body: '{"format": ' });
    expect(res.status).toBe(400);
  });
});

describe('who may import', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('refuses every role but admin with 403, writing nothing', async () => {
    for (const role of ['hr', 'discipline', 'investigator', 'staff'] as const) {
      const res = await importAs(t, world(), role);
      expect(res.status, role).toBe(403);
    }
    expect((await tableCounts(t)).person).toBe(0);
  });

  it('answers 401 without a token', async () => {
    const res = await t.call('POST', '/api/v1/import', { body: world() });
    expect(res.status).toBe(401);
    expect((await tableCounts(t)).person).toBe(0);
  });

  it('describes the route and its counts in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body;
    const op = doc.paths['/api/v1/import'].post;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(Object.keys(doc.components.schemas.CountsByKind.properties)).toEqual(BUNDLE_KINDS);
  });
});

describe('importing in steps', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('lets a later bundle refer to keys stored by an earlier one', async () => {
    const first: Bundle = {
      format: 'coi-bundle/1',
      people: [
        { ref: 'Q1', name: '钱一', idNumber: idNumber(1) },
        { ref: 'Q2', name: '钱二' },
      ],
      staff: [
        {
          staffNo: 'T001',
          person: 'Q1',
          category: 'enforcement_cadre',
          unit: '尖山区大队',
          jurisdiction: '230502',
          hiredOn: '2010-07-01',
        },
      ],
      organizations: [
        { creditCode: creditCode(1), name: '甲公司', kind: 'fire_engineering', region: '230502' },
      ],
      posts: [
        { code: 'ENF-T-01', name: '监督员', unit: '尖山区大队', kind: 'enforcement', rotationYears: 5 },
      ],
    };
    expect((await importAs(t, first)).status).toBe(200);

    const second: Bundle = {
      format: 'coi-bundle/1',
      organizations: [{ creditCode: creditCode(2), name: '乙公司', kind: 'other', region: '230503' }],
      kinship: [{ person: 'Q1', relative: 'Q2', relation: 'sibling' }],
      affiliations: [
        { person: 'Q2', org: creditCode(1), role: 'shareholder', share: 30, source: 'registry' },
      ],
      ownerships: [{ owner: creditCode(2), org: creditCode(1), share: 51, from: '2020-01-01' }],
      assignments: [{ staffNo: 'T001', post: 'ENF-T-01', from: '2021-01-01' }],
      enforcementActions: [
        { ref: 'TA1', kind: 'inspection', org: creditCode(1), on: '2026-01-10', officers: ['T001'] },
      ],
      declarations: [
        {
          staffNo: 'T001',
          year: 2025,
          items: [{ type: 'affiliation', person: 'Q2', org: creditCode(1), role: 'shareholder' }],
        },
      ],
    };
    const res = await importAs(t, second);
    expect(res.status).toBe(200);
    expect(res.body.created).toEqual({
      ...zeros(),
      organizations: 1,
      kinship: 1,
      affiliations: 1,
      ownerships: 1,
      assignments: 1,
      enforcementActions: 1,
      declarations: 1,
    });
    const affiliation = await t.db
      .selectFrom('affiliation')
      .select(['paid', 'validFrom', 'validTo'])
      .executeTakeFirstOrThrow();
    expect(affiliation).toEqual({ paid: false, validFrom: null, validTo: null });
  });

  it('rejects an ID number already stored on a different person', async () => {
    const res = await importAs(t, {
      format: 'coi-bundle/1',
      people: [{ ref: 'Q9', name: '冒名', idNumber: idNumber(1) }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '/people/0/idNumber', message: expect.stringMatching(/Q1/) }]);
  });

  it('stores shares at four decimals and finds them unchanged on re-import', async () => {
    const bundle: Bundle = {
      format: 'coi-bundle/1',
      ownerships: [{ owner: creditCode(1), org: creditCode(2), share: 33.33335, from: '2024-01-01' }],
    };
    expect((await importAs(t, bundle)).body.created.ownerships).toBe(1);
    const again = await importAs(t, bundle);
    expect(again.body.unchanged.ownerships).toBe(1);
    expect(again.body.updated.ownerships).toBe(0);
    const tiny = await importAs(t, {
      ...bundle,
      ownerships: [{ ...bundle.ownerships![0]!, share: 0.00004 }],
    });
    expect(tiny.status).toBe(400);
    expect(pathsOf(tiny)).toEqual(['/ownerships/0/share']);
  });

  it('answers 400, not 500, when the database refuses a value the checks let through', async () => {
    const before = await tableCounts(t);
    const res = await importAs(t, {
      format: 'coi-bundle/1',
      organizations: [{ creditCode: creditCode(3), name: '丙公司', kind: 'other', region: '230502' }],
      // PostgreSQL text cannot hold a NUL character; nothing before the database checks for it.
      people: [{ ref: 'PNUL', name: '王\u0000五' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/database refused/);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('starts the after-import hooks once the import commits, and only logs a failing one', async () => {
    const seen: string[] = [];
    const logged: string[] = [];
    t.deps.afterImport.push(
      async (actor) => {
        seen.push(actor.sub);
      },
      async () => {
        throw new Error('screening unavailable');
      },
    );
    const logger = t.deps.logger;
    t.deps.logger = { ...logger, error: (msg, fields) => logged.push(`${msg}: ${String(fields?.message)}`) };
    try {
      const bad = await importAs(t, {
        format: 'coi-bundle/1',
        kinship: [{ person: 'Q1', relative: 'Q1', relation: 'other' }],
      });
      expect(bad.status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual([]);
      const ok = await t.call('POST', '/api/v1/import', {
        as: 'admin',
        sub: 'hr-admin-7',
        body: { format: 'coi-bundle/1', campaigns: [{ year: 2027, dueOn: '2028-01-31' }] },
      });
      expect(ok.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['hr-admin-7']);
      expect(logged).toEqual(['after-import hook failed: screening unavailable']);
    } finally {
      t.deps.afterImport.length = 0;
      t.deps.logger = logger;
    }
  });

  it('lets a staff member hold a post once at a time: a new term needs the old one closed', async () => {
    const reopened: Bundle = {
      format: 'coi-bundle/1',
      assignments: [{ staffNo: 'T001', post: 'ENF-T-01', from: '2026-01-01' }],
    };
    const refused = await importAs(t, reopened);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        path: '/assignments/0',
        message: expect.stringMatching(/stored assignment from 2021-01-01 is still open/),
      },
    ]);
    const twice = await importAs(t, {
      format: 'coi-bundle/1',
      assignments: [
        { staffNo: 'T001', post: 'ENF-T-01', from: '2021-01-01', to: '2026-01-01' },
        { staffNo: 'T001', post: 'ENF-T-01', from: '2026-01-01' },
        { staffNo: 'T001', post: 'ENF-T-01', from: '2026-02-01' },
      ],
    });
    expect(pathsOf(twice)).toEqual(['/assignments/2']);

    const closed = await importAs(t, {
      ...reopened,
      assignments: [
        { staffNo: 'T001', post: 'ENF-T-01', from: '2021-01-01', to: '2026-01-01' },
        ...reopened.assignments!,
      ],
    });
    expect(closed.status).toBe(200);
    expect(closed.body.updated.assignments).toBe(1);
    expect(closed.body.created.assignments).toBe(1);
  });

  it('keeps keys with quotes, commas, braces and backslashes intact, and finds them unchanged again', async () => {
    const odd = 'R "甲",{1}\\ NULL';
    const bundle: Bundle = {
      format: 'coi-bundle/1',
      people: [{ ref: odd, name: '王 "小" 明' }],
      kinship: [{ person: 'Q1', relative: odd, relation: 'other' }],
      declarations: [
        { staffNo: 'T001', year: 2024, items: [{ type: 'relative', person: odd, relation: 'other' }] },
      ],
    };
    const first = await importAs(t, bundle);
    expect(first.status).toBe(200);
    expect(first.body.created).toMatchObject({ people: 1, kinship: 1, declarations: 1 });
    const stored = await t.db
      .selectFrom('declaration')
      .select('items')
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    expect(stored.items).toEqual([{ type: 'relative', person: odd, relation: 'other' }]);
    expect(
      (await t.db.selectFrom('person').select('name').where('ref', '=', odd).executeTakeFirst())?.name,
    ).toBe('王 "小" 明');
    const again = await importAs(t, bundle);
    expect(again.body.unchanged).toMatchObject({ people: 1, kinship: 1, declarations: 1 });
  });

  it('is also a module function that other parts reuse', async () => {
    const { importBundle, validateBundle } = await import('../src/personnel/import/index.ts');
    const bundle = { format: 'coi-bundle/1', campaigns: [{ year: 2026, dueOn: '2027-01-31' }] };
    await expect(validateBundle(t.db, bundle)).resolves.toMatchObject({ campaigns: [{ year: 2026 }] });
    const actor = { sub: 'system:test', roles: [], requestId: null };
    const result = await importBundle(t.db, t.deps.clock, actor, bundle);
    expect(result.created.campaigns).toBe(1);
    await expect(
      validateBundle(t.db, { format: 'coi-bundle/1', campaigns: [{ year: 1800 }] }),
    ).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ path: '/campaigns/0/year' })]),
    });
  });
});

/** A valid bundle of about `size` records over every kind, with cross references, for the volume test. */
function generateBundle(size: number): Bundle {
  const n = Math.floor(size / 20);
  const people = Array.from({ length: 4 * n }, (_, i) => ({
    ref: `G${i}`,
    name: `人员${i}`,
    ...(i % 3 === 0 ? { idNumber: idNumber(i) } : {}),
  }));
  const staffCount = 3 * n;
  const staff = Array.from({ length: staffCount }, (_, i) => ({
    staffNo: `GS${i}`,
    person: `G${i}`,
    category: 'firefighter' as const,
    unit: '支队',
    jurisdiction: '230500',
    hiredOn: '2010-01-01',
  }));
  const orgCount = 2 * n;
  const organizations = Array.from({ length: orgCount }, (_, i) => ({
    creditCode: creditCode(10_000 + i),
    name: `企业${i}`,
    kind: 'other' as const,
    region: '230502',
  }));
  const posts = Array.from({ length: n / 5 }, (_, i) => ({
    code: `GP${i}`,
    name: `岗位${i}`,
    unit: '大队',
    kind: 'enforcement' as const,
    rotationYears: 5,
  }));
  return {
    format: 'coi-bundle/1',
    people,
    staff,
    organizations,
    posts,
    kinship: Array.from({ length: n }, (_, i) => ({
      person: `G${i}`,
      relative: `G${staffCount + i}`,
      relation: 'spouse' as const,
    })),
    affiliations: Array.from({ length: 2 * n }, (_, i) => ({
      person: `G${staffCount + (i % n)}`,
      org: creditCode(10_000 + (i % orgCount)),
      role: 'shareholder' as const,
      share: 10,
      from: `20${10 + (i % 10)}-01-01`,
      source: 'registry' as const,
    })),
    ownerships: Array.from({ length: n / 2 }, (_, i) => ({
      owner: creditCode(10_000 + i),
      org: creditCode(10_000 + i + 1),
      share: 60,
      from: '2015-01-01',
    })),
    assignments: Array.from({ length: n }, (_, i) => ({
      staffNo: `GS${i}`,
      post: `GP${i % (n / 5)}`,
      from: '2020-01-01',
    })),
    qualifications: Array.from({ length: n }, (_, i) => ({
      staffNo: `GS${i}`,
      kind: 'enforcement' as const,
      certNo: `GC${i}`,
      passedOn: '2019-01-01',
      expiresOn: '2027-01-01',
    })),
    suspensions: Array.from({ length: n / 10 }, (_, i) => ({
      staffNo: `GS${i}`,
      from: '2026-01-01',
      reason: '调查',
    })),
    enforcementActions: Array.from({ length: 2 * n }, (_, i) => ({
      ref: `GA${i}`,
      kind: 'inspection' as const,
      org: creditCode(10_000 + (i % orgCount)),
      on: '2026-02-01',
      officers: [`GS${i % staffCount}`, `GS${(i + 1) % staffCount}`],
    })),
    engagements: Array.from({ length: n / 2 }, (_, i) => ({
      client: creditCode(10_000 + i),
      contractor: creditCode(10_000 + orgCount - 1 - i),
      on: '2026-03-01',
    })),
    designations: Array.from({ length: n / 5 }, (_, i) => ({
      staffNo: `GS${i}`,
      org: creditCode(10_000 + i),
      on: '2025-11-01',
      source: 'complaint-96119',
    })),
    campaigns: [{ year: 2025, dueOn: '2026-01-31' }],
    declarations: Array.from({ length: 3 * n }, (_, i) => ({
      staffNo: `GS${i}`,
      year: 2025,
      submittedOn: '2026-01-15',
      items:
        i < n
          ? [{ type: 'relative' as const, person: `G${staffCount + i}`, relation: 'spouse' as const }]
          : [],
    })),
  };
}

const recordsIn = (bundle: Bundle) =>
  BUNDLE_KINDS.reduce((sum, kind) => sum + (bundle[kind]?.length ?? 0), 0);

describe('importing a large bundle', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('imports twenty thousand records in one transaction, then finds them all unchanged', async () => {
    const bundle = generateBundle(20_000);
    const total = recordsIn(bundle);
    expect(total).toBeGreaterThanOrEqual(20_000);

    const started = performance.now();
    const res = await importAs(t, bundle);
    const firstMs = performance.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(Object.values(res.body.created as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(total);
    expect((await tableCounts(t)).action_officer).toBe(2 * bundle.enforcementActions!.length);

    const again = performance.now();
    const second = await importAs(t, bundle);
    const secondMs = performance.now() - again;
    expect(second.body.unchanged).toEqual(res.body.created);
    // A figure for the record, not an assertion: machines differ.
    console.info(
      `import of ${total} records on ${t.kind}: ${Math.round(firstMs)} ms; re-import ${Math.round(secondMs)} ms`,
    );
  }, 120_000);
});
