import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, PostKind, StaffCategory } from '../src/db/schema.ts';
import { creditCodeCheckChar } from '../src/lib/gb32100.ts';
import { coveringJurisdictions } from '../src/rotation/plan-state.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

// A synthetic roster, written straight into the tables (no import), to run the planner at the scale it is
// meant for and check that every move it proposes keeps every constraint. The suite runs 2,000
// staff in 10 units to stay quick (it runs three times in CI); ROTATION_SCALE_STAFF=40000 is a province.

const STAFF = Number(process.env.ROTATION_SCALE_STAFF ?? 2_000);
const UNITS = Math.max(10, Math.round(STAFF / 200));
const POSTS_PER_UNIT: [PostKind, number, number][] = [
  ['enforcement', 10, 5],
  ['leadership', 2, 5],
  ['administrative', 3, 3],
  ['rescue', 5, 5],
];
const CHUNK = 2000;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const day = (year: number, dayOfYear: number) =>
  new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);

async function insertAll<T extends keyof Database>(db: Kysely<Database>, table: T, rows: any[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

async function insertReturningIds(
  db: Kysely<Database>,
  table: 'person' | 'staff' | 'post' | 'organization',
  rows: any[],
) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const out = await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .returning('id')
      .execute();
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

interface Generated {
  unitJurisdiction: Map<string, string>;
  /** Regions of organisations each staff member or a close relative of theirs holds a post in. */
  tieRegions: Map<string, Set<string>>;
  postUnit: Map<string, { unit: string; kind: PostKind; jurisdiction: string }>;
}

async function generate(db: Kysely<Database>): Promise<Generated> {
  const random = mulberry32(20261128);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const units = Array.from({ length: UNITS }, (_, i) => ({
    name: `第${pad(i + 1, 3)}大队`,
    jurisdiction: `23${pad((i % 13) + 1, 2)}${pad(Math.floor(i / 13) + 1, 2)}`,
  }));
  const unitJurisdiction = new Map(units.map((u) => [u.name, u.jurisdiction]));
  const posts = units.flatMap((u, ui) =>
    POSTS_PER_UNIT.flatMap(([kind, n, years]) =>
      Array.from({ length: n }, (_, k) => ({
        code: `${kind.slice(0, 3).toUpperCase()}-${pad(ui + 1, 3)}-${pad(k + 1, 2)}`,
        name: `${u.name}${kind}${k + 1}`,
        unit: u.name,
        kind,
        rotationYears: years,
        jurisdiction: u.jurisdiction,
      })),
    ),
  );
  const postIds = await insertReturningIds(db, 'post', posts);
  const postUnit = new Map(
    posts.map((p) => [p.code, { unit: p.unit, kind: p.kind, jurisdiction: p.jurisdiction }]),
  );

  const people = Array.from({ length: STAFF * 2 }, (_, i) => ({
    ref: i < STAFF ? `SP${i}` : `SR${i - STAFF}`,
    name: i < STAFF ? `干部${i}` : `亲属${i - STAFF}`,
  }));
  const personIds = await insertReturningIds(db, 'person', people);
  const categories: StaffCategory[] = [
    'enforcement_cadre',
    'enforcement_cadre',
    'cadre',
    'firefighter',
    'leader_cadre',
  ];
  const staff = Array.from({ length: STAFF }, (_, i) => ({
    staffNo: `X${pad(i, 6)}`,
    personId: personIds[i]!,
    category: pick(categories),
    unit: '黑龙江省消防救援总队',
    jurisdiction: '230000',
    hiredOn: '2005-07-01',
  }));
  const staffIds = await insertReturningIds(db, 'staff', staff);

  const held = staff.map(() => Math.floor(random() * posts.length));
  await insertAll(
    db,
    'assignment',
    staff.map((_, i) => ({
      staffId: staffIds[i]!,
      postId: postIds[held[i]!]!,
      validFrom: day(2016 + Math.floor(random() * 10), Math.floor(random() * 365)),
      validTo: null,
    })),
  );
  await insertAll(
    db,
    'qualification',
    staff.flatMap((s, i) =>
      random() < 0.85 && s.category !== 'firefighter'
        ? [
            {
              staffId: staffIds[i]!,
              kind: 'enforcement',
              certNo: `ZF-${s.staffNo}`,
              passedOn: '2022-01-01',
              expiresOn: '2028-01-01',
            },
          ]
        : [],
    ),
  );
  await insertAll(
    db,
    'suspension',
    staff.flatMap((_, i) =>
      random() < 0.01
        ? [{ staffId: staffIds[i]!, validFrom: '2026-05-01', validTo: null, reason: '停职检查' }]
        : [],
    ),
  );
  await insertAll(
    db,
    'kinship',
    staff.map((_, i) => ({
      personId: personIds[i]!,
      relativeId: personIds[STAFF + i]!,
      relation: pick(['spouse', 'parent', 'sibling', 'child'] as const),
    })),
  );

  const orgs = Array.from({ length: 3000 }, (_, i) => {
    const region = pick(units).jurisdiction;
    const body = `91${region}MA${pad(i, 7)}`;
    return { creditCode: body + creditCodeCheckChar(body), name: `企业${i}`, kind: 'other' as const, region };
  });
  const orgIds = await insertReturningIds(db, 'organization', orgs);
  const tieRegions = new Map<string, Set<string>>();
  const affiliations = staff.flatMap((s, i) => {
    if (random() >= 0.15) return [];
    const o = Math.floor(random() * orgs.length);
    const set = tieRegions.get(s.staffNo) ?? new Set();
    set.add(orgs[o]!.region);
    tieRegions.set(s.staffNo, set);
    const holder = random() < 0.5 ? personIds[i]! : personIds[STAFF + i]!;
    return [
      {
        personId: holder,
        orgId: orgIds[o]!,
        role: pick(['shareholder', 'employee', 'director'] as const),
        validFrom: '2018-01-01',
        source: 'registry',
      },
    ];
  });
  await insertAll(db, 'affiliation', affiliations);
  return { unitJurisdiction, tieRegions, postUnit };
}

async function openAssignments(t: TestContext): Promise<number> {
  const row = await t.db
    .selectFrom('assignment')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('validTo', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`rotation planner on a synthetic roster of ${STAFF} staff in ${UNITS} units`, () => {
  let t: TestContext;
  let generated: Generated;
  beforeAll(async () => {
    t = await createTestContext();
    const started = performance.now();
    generated = await generate(t.db);
    console.info(
      `[rotation-plan-scale] roster written in ${Math.round(performance.now() - started)} ms (${t.kind})`,
    );
  }, 300_000);
  afterAll(() => t.close());

  it('plans everyone overdue or due, each proposal keeping every constraint', async () => {
    const plan = async (label: string) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const res = await t.call('POST', '/api/v1/rotations/plans', {
        as: 'hr',
        body: { asOf: '2026-06-30', horizonDays: 90 },
      });
      const used = process.cpuUsage(cpu);
      expect(res.status).toBe(201);
      const { counts, durationMs } = res.body.summary;
      console.info(
        `[rotation-plan-scale] ${t.kind}, ${label}: ${counts.due} due, ${counts.proposed} proposed, ` +
          `${counts.infeasible} infeasible; load ${durationMs.load} ms, plan ${durationMs.plan} ms, ` +
          `whole request with storing ${Math.round(performance.now() - started)} ms wall, ` +
          `${Math.round((used.user + used.system) / 1000)} ms CPU in this process`,
      );
      return res;
    };
    // The first plan reads the whole world into the process's cache; later ones only what changed.
    await plan('cold world cache');
    const res = await plan('warm world cache');
    const { counts, units } = res.body.summary;
    expect(counts.due).toBeGreaterThan(STAFF / 2);
    expect(counts.proposed + counts.infeasible).toBe(counts.due);
    expect(counts.proposed).toBeGreaterThan(0);

    for (const u of units) {
      expect(u.movesOut).toBeLessThanOrEqual(u.maxMovesOut);
      if (u.enforcementUnit && u.officersAfter < u.officersBefore)
        expect(u.officersAfter).toBeGreaterThanOrEqual(2);
    }

    let cursor: string | null = null;
    let seen = 0;
    do {
      const page: any = await t.call(
        'GET',
        `/api/v1/rotations/plans/${res.body.id}/moves?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        { as: 'hr' },
      );
      for (const m of page.body.items) {
        seen += 1;
        if (m.status !== 'proposed') {
          expect(m.explanation.blockedBy).not.toBeNull();
          continue;
        }
        const from = generated.postUnit.get(m.fromPost)!;
        const to = generated.postUnit.get(m.toPost)!;
        expect(to.unit).not.toBe(from.unit);
        expect(to.kind).toBe(from.kind);
        const covered = [...(generated.tieRegions.get(m.staffNo) ?? [])].flatMap(coveringJurisdictions);
        expect(covered).not.toContain(to.jurisdiction);
        expect(m.explanation.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toBe(counts.due);

    const openBefore = await openAssignments(t);
    const started = performance.now();
    const accepted = await t.call('POST', `/api/v1/rotations/plans/${res.body.id}/accept`, { as: 'hr' });
    console.info(
      `[rotation-plan-scale] ${t.kind}: accepted ${counts.proposed} moves in ${Math.round(performance.now() - started)} ms`,
    );
    expect(accepted.status).toBe(200);
    expect(await openAssignments(t)).toBe(openBefore);
    const applied = await t.call(
      'GET',
      `/api/v1/rotations/plans/${res.body.id}/moves?status=applied&limit=1000`,
      {
        as: 'hr',
      },
    );
    expect(
      applied.body.items.every((m: { openedAssignmentId: number | null }) => m.openedAssignmentId !== null),
    ).toBe(true);
    const closedOnPlanDay = await t.db
      .selectFrom('assignment')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('validTo', '=', '2026-06-30')
      .executeTakeFirstOrThrow();
    expect(Number(closedOnPlanDay.n)).toBe(counts.proposed);
  }, 300_000);
});
