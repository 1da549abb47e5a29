import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleSchema, STAFF_CATEGORIES } from '../src/bundle/schema.ts';
import { isValidIdNumber } from '../src/lib/gb11643.ts';
import { isValidCreditCode } from '../src/lib/gb32100.ts';
import { expectedPathFor } from '../src/world/bundle-file.ts';
import { organizationCodeCheckCharacter } from '../src/world/credit-code.ts';
import { jurisdictionCovers, PREFECTURES } from '../src/world/divisions.ts';
import { campaignFor, generateWorld, worldRecords } from '../src/world/generate.ts';
import { RULE_IDS, type World } from '../src/world/types.ts';

const run = promisify(execFile);
const AS_OF = '2026-06-30';

describe('the synthetic world generator', () => {
  let world: World;
  beforeAll(() => {
    world = generateWorld({ staff: 300, seed: 42, asOf: AS_OF });
  });

  it('makes the same world, byte for byte, from the same seed and options', () => {
    const again = generateWorld({ staff: 300, seed: 42, asOf: AS_OF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(world));
    const other = generateWorld({ staff: 300, seed: 43, asOf: AS_OF });
    expect(other.bundle.people!.slice(0, 20)).not.toEqual(world.bundle.people!.slice(0, 20));
    expect(JSON.stringify(generateWorld({ staff: 60, seed: 'demo', asOf: AS_OF }))).toBe(
      JSON.stringify(generateWorld({ staff: 60, seed: 'demo', asOf: AS_OF })),
    );
  });

  it('writes a coi-bundle/1 that BundleSchema accepts, with every kind of record', () => {
    const parsed = BundleSchema.safeParse(world.bundle);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))).toBe(true);
    for (const [kind, records] of Object.entries(world.bundle)) {
      if (kind !== 'format') expect((records as unknown[]).length, kind).toBeGreaterThan(0);
    }
    expect(world.bundle.staff).toHaveLength(300);
  });

  it('gives every person a valid, unique GB 11643 ID number', () => {
    const ids = world.bundle.people!.map((p) => p.idNumber!);
    expect(ids.filter((id) => !isValidIdNumber(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every organisation a valid, unique GB 32100 credit code with a valid GB 11714 part', () => {
    const codes = world.bundle.organizations!.map((o) => o.creditCode);
    expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([]);
    expect(codes.filter((c) => organizationCodeCheckCharacter(c.slice(8, 16)) !== c[16])).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(
      codes.filter((c, i) => !c.slice(2, 8).startsWith(world.bundle.organizations![i]!.region.slice(0, 6))),
    ).toEqual([]);
  });

  it('keys every record uniquely by its natural key', () => {
    const b = world.bundle;
    const unique = (keys: string[]) => expect(new Set(keys).size).toBe(keys.length);
    unique(b.people!.map((p) => p.ref));
    unique(b.staff!.map((s) => s.staffNo));
    unique(b.posts!.map((p) => p.code));
    unique(b.enforcementActions!.map((a) => a.ref));
    unique(b.kinship!.map((k) => `${k.person}|${k.relative}`));
    unique(b.affiliations!.map((a) => `${a.person}|${a.org}|${a.role}|${a.from}`));
    unique(b.ownerships!.map((o) => `${o.owner}|${o.org}|${o.from}`));
    unique(b.assignments!.map((a) => `${a.staffNo}|${a.post}|${a.from}`));
    unique(b.qualifications!.map((q) => q.certNo));
    unique(b.suspensions!.map((s) => `${s.staffNo}|${s.from}`));
    unique(b.engagements!.map((e) => `${e.client}|${e.contractor}|${e.on}`));
    unique(b.designations!.map((d) => `${d.staffNo}|${d.org}|${d.on}`));
    unique(b.declarations!.map((d) => `${d.staffNo}|${d.year}`));
    unique(b.organizations!.map((o) => o.name));
  });

  it('streams each record after the records it refers to', () => {
    const people = new Set<string>();
    const staff = new Set<string>();
    const orgs = new Set<string>();
    const posts = new Set<string>();
    const dangling: string[] = [];
    const need = (set: Set<string>, key: string, what: string) =>
      set.has(key) || dangling.push(`${what} ${key}`);
    const records = worldRecords({ staff: 120, seed: 5, asOf: AS_OF });
    for (let next = records.next(); !next.done; next = records.next()) {
      const { kind, record: r } = next.value;
      if (kind === 'people') people.add(r.ref);
      else if (kind === 'organizations') orgs.add(r.creditCode);
      else if (kind === 'posts') posts.add(r.code);
      else if (kind === 'staff') need(people, r.person, 'person') && staff.add(r.staffNo);
      else if (kind === 'kinship') need(people, r.person, 'person') && need(people, r.relative, 'person');
      else if (kind === 'affiliations') need(people, r.person, 'person') && need(orgs, r.org, 'org');
      else if (kind === 'ownerships') need(orgs, r.owner, 'org') && need(orgs, r.org, 'org');
      else if (kind === 'assignments') need(staff, r.staffNo, 'staff') && need(posts, r.post, 'post');
      else if (kind === 'qualifications' || kind === 'suspensions') need(staff, r.staffNo, 'staff');
      else if (kind === 'enforcementActions')
        need(orgs, r.org, 'org') && r.officers.forEach((o) => need(staff, o, 'staff'));
      else if (kind === 'engagements') need(orgs, r.client, 'org') && need(orgs, r.contractor, 'org');
      else if (kind === 'designations') need(staff, r.staffNo, 'staff') && need(orgs, r.org, 'org');
      else if (kind === 'declarations') {
        need(staff, r.staffNo, 'staff');
        for (const item of r.items)
          need(people, item.person, 'person') && (item.type !== 'affiliation' || need(orgs, item.org, 'org'));
      }
    }
    expect(dangling).toEqual([]);
  });

  it('gives each staff member 3 to 6 relatives and staff categories in realistic proportions', () => {
    const b = world.bundle;
    const personOf = new Map(b.staff!.map((s) => [s.person, s.staffNo]));
    const relatives = new Map<string, Set<string>>();
    for (const k of b.kinship!) {
      for (const [a, z] of [
        [k.person, k.relative],
        [k.relative, k.person],
      ] as const) {
        if (personOf.has(a)) relatives.set(a, (relatives.get(a) ?? new Set()).add(z));
      }
    }
    const counts = b.staff!.map((s) => relatives.get(s.person)?.size ?? 0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);

    const share = (category: string) =>
      b.staff!.filter((s) => s.category === category).length / b.staff!.length;
    for (const category of STAFF_CATEGORIES) expect(share(category), category).toBeGreaterThan(0.03);
    expect(share('firefighter')).toBeGreaterThan(0.3);
    expect(share('leader_cadre')).toBeLessThan(0.1);
    const former = b.staff!.filter((s) => s.departedOn).length / b.staff!.length;
    expect(former).toBeGreaterThan(0.05);
    expect(former).toBeLessThan(0.2);
  });

  it('places units and firms on real division codes of the detachment', () => {
    const counties = new Map(PREFECTURES.flatMap((p) => p.counties.map((c) => [c.code, p.code] as const)));
    const prefectures = new Set(PREFECTURES.map((p) => p.code));
    for (const s of world.bundle.staff!)
      expect(counties.has(s.jurisdiction) || prefectures.has(s.jurisdiction), s.jurisdiction).toBe(true);
    expect(new Set(world.bundle.staff!.map((s) => s.jurisdiction))).toContain('230500');
    expect(new Set(world.bundle.staff!.map((s) => s.unit))).toContain('双鸭山市消防救援支队尖山区大队');
    for (const o of world.bundle.organizations!)
      expect(counties.has(o.region) || prefectures.has(o.region), o.region).toBe(true);
    expect(jurisdictionCovers('230500', '230502')).toBe(true);
    expect(jurisdictionCovers('230502', '230503')).toBe(false);
    expect(jurisdictionCovers('230000', '230803')).toBe(true);
  });

  it('plants at least one flag of every rule, incl. a relative business reached through an ownership chain', () => {
    const rules = new Set(world.expected.flags.map((f) => f.rule));
    expect([...rules].sort()).toEqual([...RULE_IDS].sort());
    expect(world.expected.asOf).toBe(AS_OF);
    const owned = new Set(world.bundle.ownerships!.map((o) => o.org));
    const chained = world.expected.flags.filter(
      (f) => f.rule === 'COI-RELATIVE-BUSINESS' && owned.has(f.org!),
    );
    expect(chained.length).toBeGreaterThanOrEqual(2);
    const year = campaignFor(AS_OF).year;
    for (const f of world.expected.flags.filter((x) => x.rule.startsWith('DECL-'))) expect(f.year).toBe(year);
  });

  it('names each planted flag with exactly the parts of its rule key', () => {
    const keyParts: Record<string, string[]> = {
      'COI-DESIGNATE': ['staffNo', 'org'],
      'COI-DESIGNATE-COVERT': ['staffNo', 'org', 'action'],
      'COI-RELATIVE-BUSINESS': ['staffNo', 'org'],
      'COI-OUTSIDE-POST': ['staffNo', 'org'],
      'COI-RETIREE-ASSOCIATION': ['staffNo', 'org'],
      'COI-REVOLVING-DOOR': ['staffNo', 'org'],
      'DECL-LATE': ['staffNo', 'year'],
      'DECL-UNDECLARED': ['staffNo', 'org', 'year'],
      'ENF-TWO-PERSON': ['action'],
      'ENF-UNQUALIFIED': ['staffNo', 'action'],
      'ENF-RECUSAL': ['staffNo', 'action'],
      'ROT-OVERDUE': ['staffNo', 'post'],
    };
    const staffNos = new Set(world.bundle.staff!.map((s) => s.staffNo));
    const orgs = new Set(world.bundle.organizations!.map((o) => o.creditCode));
    const actions = new Set(world.bundle.enforcementActions!.map((a) => a.ref));
    const posts = new Set(world.bundle.posts!.map((p) => p.code));
    for (const f of world.expected.flags) {
      const present = (['staffNo', 'org', 'action', 'post', 'year'] as const).filter((k) => f[k] !== null);
      expect(present, f.rule).toEqual(keyParts[f.rule]);
      if (f.staffNo) expect(staffNos.has(f.staffNo)).toBe(true);
      if (f.org) expect(orgs.has(f.org)).toBe(true);
      if (f.action) expect(actions.has(f.action)).toBe(true);
      if (f.post) expect(posts.has(f.post)).toBe(true);
    }
  });

  it('lists the rotations due in the order the API gives them: overdue first, then by due day', () => {
    const rows = world.expected.rotationsDue;
    expect(rows.length).toBeGreaterThan(0);
    const overdue = rows.filter((r) => r.status === 'overdue');
    expect(rows.slice(0, overdue.length)).toEqual(overdue);
    for (const r of overdue) expect(r.dueOn <= AS_OF).toBe(true);
    for (const r of rows.slice(overdue.length)) expect(r.dueOn > AS_OF).toBe(true);
    const planted = world.expected.flags
      .filter((f) => f.rule === 'ROT-OVERDUE')
      .map((f) => `${f.staffNo}|${f.post}`);
    expect(overdue.map((r) => `${r.staffNo}|${r.post}`).sort()).toEqual(planted.sort());
  });

  it('refuses a world too small to hold every rule and a day that is not a day', () => {
    expect(() => generateWorld({ staff: 10, seed: 1, asOf: AS_OF })).toThrow(/at least 40/);
    expect(() => generateWorld({ staff: 100, seed: 1, asOf: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
  });

  it('screens the campaign whose due date is the latest before asOf', () => {
    expect(campaignFor('2026-06-30')).toEqual({ year: 2025, dueOn: '2026-01-31' });
    expect(campaignFor('2026-02-01')).toEqual({ year: 2025, dueOn: '2026-01-31' });
    expect(campaignFor('2026-01-31')).toEqual({ year: 2024, dueOn: '2025-01-31' });
  });

  it('scales: 50 and 2,000 staff generate in seconds, planting more cases in the larger world', () => {
    const timed = (staff: number) => {
      const started = performance.now();
      const w = generateWorld({ staff, seed: 9, asOf: AS_OF });
      return { w, ms: performance.now() - started };
    };
    const small = timed(50);
    const large = timed(2000);
    expect(small.w.bundle.staff).toHaveLength(50);
    expect(large.w.bundle.staff).toHaveLength(2000);
    expect(new Set(small.w.expected.flags.map((f) => f.rule)).size).toBe(RULE_IDS.length);
    expect(large.w.expected.flags.length).toBeGreaterThan(world.expected.flags.length);
    expect(large.w.bundle.people!.length / 2000).toBeLessThan(8);
    // generous bounds (a loaded 2-core machine); measured figures are in the issue report
    expect(small.ms).toBeLessThan(10_000);
    expect(large.ms).toBeLessThan(60_000);
  }, 120_000);
});

describe('npm run world', () => {
  it('writes the bundle to --out and the expected flags beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qinglian-world-'));
    try {
      const out = join(dir, 'w.json');
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/world.ts',
          '--staff',
          '45',
          '--seed',
          '3',
          '--out',
          out,
          '--as-of',
          AS_OF,
        ],
        { timeout: 60_000 },
      );
      expect(stdout).toContain('planted flags');
      const bundle = JSON.parse(await readFile(out, 'utf8'));
      const expected = JSON.parse(await readFile(join(dir, 'w.expected.json'), 'utf8'));
      expect(BundleSchema.safeParse(bundle).success).toBe(true);
      expect({ bundle, expected }).toEqual(
        JSON.parse(JSON.stringify(generateWorld({ staff: 45, seed: 3, asOf: AS_OF }))),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('writes the noise background alone with --noise-only, expecting no flag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qinglian-world-'));
    try {
      const out = join(dir, 'noise.json');
      const args = ['--staff', '45', '--seed', '3', '--out', out, '--as-of', AS_OF, '--noise-only'];
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/world.ts', ...args], {
        timeout: 60_000,
      });
      expect(stdout).toContain('planted flags 0');
      const bundle = JSON.parse(await readFile(out, 'utf8'));
      const expected = JSON.parse(await readFile(join(dir, 'noise.expected.json'), 'utf8'));
      expect(expected.flags).toEqual([]);
      expect({ bundle, expected }).toEqual(
        JSON.parse(JSON.stringify(generateWorld({ staff: 45, seed: 3, asOf: AS_OF, plants: false }))),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('puts the expected file beside the bundle', () => {
    expect(expectedPathFor('/w/world-1k.json')).toBe('/w/world-1k.expected.json');
    expect(expectedPathFor('/w/world')).toBe('/w/world.expected.json');
  });

  it('refuses bad arguments with a usage line', async () => {
    await expect(
      run(process.execPath, ['--import', 'tsx', 'scripts/world.ts', '--staff', '5', '--out', 'x.json']),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: npm run world'),
    });
  }, 60_000);
});
