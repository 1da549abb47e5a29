import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictionMatches } from '../src/graph/jurisdiction.ts';
import { systemActor } from '../src/audit/actor.ts';
import { creditCodeCheckChar } from '../src/lib/gb32100.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { coveringJurisdictions } from '../src/rotation/plan-state.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const credit = (body17: string) => body17 + creditCodeCheckChar(body17);
const TIED_FIRM = credit('91230505MA1C00001'); // in 四方台区 (230505), where E1's wife holds shares

const POSTS = [
  { code: 'ENF-A-1', unit: '尖山区大队', kind: 'enforcement', jurisdiction: '230502', rotationYears: 5 },
  { code: 'ENF-A-2', unit: '尖山区大队', kind: 'enforcement', jurisdiction: '230502', rotationYears: 5 },
  { code: 'ENF-B-1', unit: '四方台区大队', kind: 'enforcement', jurisdiction: '230505', rotationYears: 5 },
  { code: 'ENF-C-1', unit: '宝山区大队', kind: 'enforcement', jurisdiction: '230506', rotationYears: 5 },
  { code: 'LDR-N', unit: '集贤县大队', kind: 'leadership', jurisdiction: '230521', rotationYears: 5 },
  { code: 'LDR-S', unit: '友谊县大队', kind: 'leadership', jurisdiction: '230522', rotationYears: 5 },
  { code: 'LDR-E', unit: '宝清县大队', kind: 'leadership', jurisdiction: '230523', rotationYears: 5 },
  { code: 'ADM-D', unit: '饶河县大队', kind: 'administrative', jurisdiction: '230524', rotationYears: 3 },
  { code: 'ADM-F', unit: '岭东区大队', kind: 'administrative', jurisdiction: '230503', rotationYears: 3 },
  { code: 'RSC-R', unit: '特勤大队', kind: 'rescue', jurisdiction: '230500', rotationYears: 5 },
];

// staffNo, category, post, since
const HOLDERS: [string, string, string, string][] = [
  ['E1', 'enforcement_cadre', 'ENF-A-1', '2020-01-01'],
  ['E2', 'enforcement_cadre', 'ENF-A-2', '2024-01-01'],
  ['E3', 'enforcement_cadre', 'ENF-A-2', '2024-01-01'],
  ['B1', 'enforcement_cadre', 'ENF-B-1', '2021-01-01'],
  ['B2', 'enforcement_cadre', 'ENF-B-1', '2024-01-01'],
  ['C1', 'enforcement_cadre', 'ENF-C-1', '2021-03-01'],
  ['C2', 'enforcement_cadre', 'ENF-C-1', '2024-01-01'],
  ['C3', 'enforcement_cadre', 'ENF-C-1', '2024-01-01'],
  ['L1', 'leader_cadre', 'LDR-N', '2015-01-01'],
  ['L2', 'leader_cadre', 'LDR-S', '2024-01-01'],
  ['L3', 'leader_cadre', 'LDR-E', '2015-06-01'],
  ['D1', 'firefighter', 'ADM-D', '2020-01-01'],
  ['D2', 'firefighter', 'ADM-D', '2020-01-01'],
  ['D3', 'firefighter', 'ADM-D', '2020-01-01'],
  ['D4', 'firefighter', 'ADM-D', '2020-01-01'],
  ['R1', 'firefighter', 'RSC-R', '2015-01-01'],
];

const WORLD = {
  format: 'coi-bundle/1',
  people: [
    ...HOLDERS.map(([no]) => ({ ref: `P-${no}`, name: `干部${no}` })),
    { ref: 'P-E1W', name: '干部E1之妻' },
  ],
  staff: HOLDERS.map(([staffNo, category]) => ({
    staffNo,
    person: `P-${staffNo}`,
    category,
    unit: '双鸭山市消防救援支队',
    jurisdiction: '230500',
    hiredOn: '2010-07-01',
  })),
  kinship: [{ person: 'P-E1', relative: 'P-E1W', relation: 'spouse' }],
  organizations: [
    { creditCode: TIED_FIRM, name: '四方台区鑫源商贸有限公司', kind: 'other', region: '230505' },
  ],
  affiliations: [
    {
      person: 'P-E1W',
      org: TIED_FIRM,
      role: 'shareholder',
      share: 30,
      from: '2019-01-01',
      source: 'registry',
    },
  ],
  assignments: HOLDERS.map(([staffNo, , post, from]) => ({ staffNo, post, from })),
  qualifications: HOLDERS.filter(([, c]) => c === 'enforcement_cadre').map(([staffNo]) => ({
    staffNo,
    kind: 'enforcement',
    certNo: `ZF-${staffNo}`,
    passedOn: '2020-01-01',
    expiresOn: '2030-01-01',
  })),
  suspensions: [{ staffNo: 'L1', from: '2026-06-01', reason: '停职检查' }],
};

type Move = {
  id: number;
  staffNo: string;
  toPost: string | null;
  status: string;
  explanation: {
    checks: { constraint: string; passed: boolean; detail: string }[];
    why: string[];
    candidates: { excludedBy: Record<string, number> };
    blockedBy: { constraint: string; detail: string } | null;
  };
};

describe('rotation planner: every constraint, explained, stored, editable and accepted', () => {
  let t: TestContext;
  let plan: { id: number; summary: any };
  let moves: Map<string, Move>;

  const movesOf = async (id: number) => {
    const res = await t.call('GET', `/api/v1/rotations/plans/${id}/moves?limit=1000`, { as: 'hr' });
    expect(res.status).toBe(200);
    return new Map<string, Move>(res.body.items.map((m: Move) => [m.staffNo, m]));
  };

  beforeAll(async () => {
    t = await createTestContext();
    for (const p of POSTS) {
      const res = await t.call('POST', '/api/v1/posts', {
        as: 'hr',
        body: { ...p, name: `${p.unit}${p.code}` },
      });
      expect(res.status).toBe(201);
    }
    await importBundle(t.db, t.deps.clock, systemActor('test'), WORLD);
    const finding = await t.call('POST', '/api/v1/findings', {
      as: 'discipline',
      body: {
        type: 'misconduct',
        date: '2026-03-01',
        narrative: '违规干预执法检查',
        respondents: [
          {
            staffNo: 'L3',
            responsibility: 'direct',
            sanctions: [{ measure: 'demerit', from: '2026-03-01' }],
          },
        ],
      },
    });
    expect(finding.status).toBe(201);
    const res = await t.call('POST', '/api/v1/rotations/plans', {
      as: 'hr',
      body: { asOf: '2026-06-30', horizonDays: 90 },
    });
    expect(res.status).toBe(201);
    plan = res.body;
    moves = await movesOf(plan.id);
  });
  afterAll(() => t.close());

  it('proposes a move for everyone overdue or due and counts what it could not place', () => {
    expect(plan.summary.counts).toEqual({ due: 10, overdue: 10, proposed: 3, infeasible: 7 });
    expect(
      [...moves.values()].filter((m) => m.status === 'proposed').map((m) => [m.staffNo, m.toPost]),
    ).toEqual([
      ['D1', 'ADM-F'],
      ['E1', 'ENF-C-1'],
      ['C1', 'ENF-A-1'],
    ]);
  });

  it('excludes a post in a jurisdiction where a close relative holds shares', () => {
    const e1 = moves.get('E1')!;
    expect(e1.toPost).toBe('ENF-C-1');
    expect(e1.explanation.candidates.excludedBy['no-tie-in-jurisdiction']).toBe(1);
    expect(e1.explanation.checks).toContainEqual(
      expect.objectContaining({
        constraint: 'no-tie-in-jurisdiction',
        passed: true,
        detail: 'no tie in 230506',
      }),
    );
    expect(e1.explanation.checks.every((c) => c.passed)).toBe(true);
    expect(e1.explanation.why.join(' ')).toContain('has not served in 宝山区大队 before');
  });

  it('holds the two-officer floor of an enforcement unit', () => {
    const b1 = moves.get('B1')!;
    expect(b1.status).toBe('infeasible');
    expect(b1.explanation.blockedBy).toEqual({
      constraint: 'two-officer-floor',
      detail: '四方台区大队 keeps 1 qualified enforcement officer (at least 2)',
    });
    const units = new Map(plan.summary.units.map((u: any) => [u.unit, u]));
    expect(units.get('四方台区大队')).toMatchObject({ officersBefore: 2, officersAfter: 2, movesOut: 0 });
    expect(units.get('尖山区大队')).toMatchObject({
      officersBefore: 3,
      officersAfter: 3,
      movesOut: 1,
      movesIn: 1,
    });
  });

  it('does not move anyone under a suspension or an active sanction into a leadership post', () => {
    const l1 = moves.get('L1')!;
    expect(l1.status).toBe('infeasible');
    expect(l1.explanation.blockedBy?.constraint).toBe('no-sanction-into-leadership');
    expect(l1.explanation.blockedBy?.detail).toContain('suspended from 2026-06-01');
    const l3 = moves.get('L3')!;
    expect(l3.explanation.blockedBy?.constraint).toBe('no-sanction-into-leadership');
    expect(l3.explanation.blockedBy?.detail).toContain('sanction demerit from 2026-03-01 until 2027-03-01');
  });

  it('explains a case no post can satisfy by the constraint that blocked it', () => {
    const r1 = moves.get('R1')!;
    expect(r1).toMatchObject({ status: 'infeasible', toPost: null });
    expect(r1.explanation.blockedBy).toEqual({
      constraint: 'same-kind',
      detail: 'no other rescue post is recorded',
    });
  });

  it('moves no more than the set share of a unit at once', async () => {
    for (const no of ['D2', 'D3', 'D4']) {
      expect(moves.get(no)!.explanation.blockedBy?.constraint).toBe('unit-share');
    }
    expect(moves.get('D2')!.explanation.blockedBy?.detail).toBe(
      '饶河县大队 would lose 2 of 4 staff in this plan; at most 1 (share 0.3, at least one)',
    );
    const wider = await t.call('POST', '/api/v1/rotations/plans', {
      as: 'hr',
      body: { asOf: '2026-06-30', horizonDays: 90, maxUnitShare: 0.5 },
    });
    const widerMoves = await movesOf(wider.body.id);
    expect(['D1', 'D2', 'D3', 'D4'].map((no) => widerMoves.get(no)!.status)).toEqual([
      'proposed',
      'proposed',
      'infeasible',
      'infeasible',
    ]);
  });

  it('refuses an edit that breaks a constraint, naming it', async () => {
    const e1 = moves.get('E1')!;
    const res = await t.call('PATCH', `/api/v1/rotations/plans/${plan.id}/moves/${e1.id}`, {
      as: 'hr',
      body: { toPost: 'ENF-B-1' },
    });
    expect(res.status).toBe(422);
    expect(res.body.failed).toEqual([expect.objectContaining({ constraint: 'no-tie-in-jurisdiction' })]);
    expect(res.body.detail).toContain('四方台区鑫源商贸有限公司');
  });

  it('lets HR drop one move and give the freed place to another', async () => {
    const dropped = await t.call('PATCH', `/api/v1/rotations/plans/${plan.id}/moves/${moves.get('D1')!.id}`, {
      as: 'hr',
      body: { toPost: null, note: '本人年内退休' },
    });
    expect(dropped.body).toMatchObject({ status: 'dropped', toPost: null, note: '本人年内退休' });
    const edited = await t.call('PATCH', `/api/v1/rotations/plans/${plan.id}/moves/${moves.get('D2')!.id}`, {
      as: 'hr',
      sub: 'HR-3',
      body: { toPost: 'ADM-F' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'edited', toPost: 'ADM-F', toUnit: '岭东区大队' });
    expect(edited.body.explanation.why).toEqual(['chosen by HR-3 in place of no post']);
    expect(edited.body.explanation.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
  });

  it('exports the plan for the HR office', async () => {
    const res = await t.call('GET', `/api/v1/rotations/plans/${plan.id}/export?format=csv`, { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '工号,姓名,原单位,原岗位,任职起始,应轮岗日期,拟任单位,拟任岗位,状态,理由或受阻约束',
    );
    expect(lines).toHaveLength(11);
    expect(lines.find((l) => l.startsWith('E1,'))).toContain('宝山区大队,ENF-C-1,拟调整');
  });

  it('accepts the plan: closes the old assignments and opens the new ones on the plan\u2019s day, audited', async () => {
    const res = await t.call('POST', `/api/v1/rotations/plans/${plan.id}/accept`, { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', acceptedBy: 'hr' });
    for (const [staffNo, from, to] of [
      ['E1', 'ENF-A-1', 'ENF-C-1'],
      ['C1', 'ENF-C-1', 'ENF-A-1'],
      ['D2', 'ADM-D', 'ADM-F'],
    ] as const) {
      const history = await t.call('GET', `/api/v1/assignments?staffNo=${staffNo}`, { as: 'hr' });
      expect(history.body.items.map((a: any) => [a.post, a.from, a.to])).toEqual([
        [from, HOLDERS.find(([no]) => no === staffNo)![3], '2026-06-30'],
        [to, '2026-06-30', null],
      ]);
    }
    const d1 = await t.call('GET', '/api/v1/assignments?staffNo=D1&activeOn=2026-07-01', { as: 'hr' });
    expect(d1.body.items.map((a: any) => a.post)).toEqual(['ADM-D']);
    const applied = await movesOf(plan.id);
    expect(applied.get('E1')).toMatchObject({ status: 'applied', openedAssignmentId: expect.any(Number) });
    const audit = await t.call('GET', '/api/v1/audit?action=rotation-plan.accept', { as: 'admin' });
    expect(audit.body.items).toHaveLength(1);
    expect((await t.call('POST', `/api/v1/rotations/plans/${plan.id}/accept`, { as: 'hr' })).status).toBe(
      409,
    );
  });

  it('refuses to accept a plan that the moves since have made stale, changing nothing', async () => {
    const list = await t.call('GET', '/api/v1/rotations/plans', { as: 'admin' });
    const stale = list.body.items.find((p: { status: string }) => p.status === 'proposed');
    const before = await t.call('GET', '/api/v1/assignments?activeOn=2026-07-01&limit=1000', { as: 'hr' });
    const res = await t.call('POST', `/api/v1/rotations/plans/${stale.id}/accept`, { as: 'hr' });
    expect(res.status).toBe(422);
    expect(res.body.failures).toContainEqual(
      expect.objectContaining({
        staffNo: 'E1',
        failed: [expect.objectContaining({ constraint: 'still-held' })],
      }),
    );
    const after = await t.call('GET', '/api/v1/assignments?activeOn=2026-07-01&limit=1000', { as: 'hr' });
    expect(after.body.items).toEqual(before.body.items);
  });

  it('is for HR and admins only', async () => {
    expect((await t.call('POST', '/api/v1/rotations/plans', { as: 'discipline', body: {} })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/api/v1/rotations/plans/${plan.id}`, { as: 'investigator' })).status).toBe(
      403,
    );
  });
});

describe('the planner\u2019s jurisdiction lookup', () => {
  it('covers a region by exactly the jurisdictions RULES.md matches it with', () => {
    const code = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map((parts) => parts.map((n) => String(n).padStart(2, '0')).join(''));
    // Half the jurisdictions are cut from the region itself (so matches are common), half are unrelated codes.
    const pair = fc
      .tuple(code, fc.integer({ min: 0, max: 3 }), code, fc.boolean())
      .map(([region, keep, other, cut]) => ({
        region,
        jurisdiction: cut ? region.slice(0, 2 * keep).padEnd(6, '0') : other,
      }));
    fc.assert(
      fc.property(pair, ({ region, jurisdiction }) => {
        expect(coveringJurisdictions(region).includes(jurisdiction)).toBe(
          jurisdictionMatches(jurisdiction, region),
        );
      }),
      { numRuns: 2000 },
    );
    for (const [j, r, m] of [
      ['230500', '230502', true],
      ['230500', '230500', true],
      ['230502', '230500', false],
      ['230000', '231201', true],
      ['230100', '230502', false],
    ] as const) {
      expect(coveringJurisdictions(r).includes(j)).toBe(m);
    }
  });
});
