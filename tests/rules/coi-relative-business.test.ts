import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, org, screen, staff, tie, world } from './world-builder.ts';

const RULE = 'COI-RELATIVE-BUSINESS' as const;

/** P1's brother holds H0, which owns H1 → H2 → H3 → H4 (each `n` ownership hops from H0). */
function chain(fireAt: number): Bundle {
  const codes = ['H0', 'H1', 'H2', 'H3', 'H4'];
  return world({
    staff: [staff('S1', 'P1', { category: 'cadre' })],
    kinship: [{ person: 'P1', relative: 'B1', relation: 'sibling' }],
    organizations: codes.map((c, i) => org(c, i === fireAt ? 'fire_product' : 'other')),
    affiliations: [tie('B1', 'H0', 'shareholder', { share: 80 })],
    ownerships: codes
      .slice(1)
      .map((c, i) => ({ owner: codes[i]!, org: c, share: 90, from: '2016-01-01', to: null })),
  });
}

describe('COI-RELATIVE-BUSINESS: cadres and their close relatives running fire-industry business', () => {
  it('reaches a fire firm on the 3rd ownership hop', () => {
    const flags = screen(chain(3), '2026-06-30');
    expect(flagsOf(flags, RULE)).toEqual(['S1 H3']);
    expect(only(flags, RULE)[0]!.evidence.policy).toMatchObject({ maxOwnershipHops: 3 });
  });

  it('does not reach a fire firm on the 4th ownership hop, unless the policy allows four', () => {
    expect(flagsOf(screen(chain(4), '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(chain(4), '2026-06-30', { maxOwnershipHops: 4 }), RULE)).toEqual(['S1 H4']);
  });

  it('flags the firm the relative holds directly (no hop)', () => {
    expect(flagsOf(screen(chain(0), '2026-06-30'), RULE)).toEqual(['S1 H0']);
  });

  it('finds a relative recorded from either side', () => {
    const mine = {
      staff: [staff('S1', 'P1', { category: 'leader_cadre' })],
      organizations: [org('F', 'fire_engineering')],
      affiliations: [tie('W', 'F', 'shareholder')],
    };
    const fromStaff = world({ ...mine, kinship: [{ person: 'P1', relative: 'W', relation: 'spouse' }] });
    const fromRelative = world({ ...mine, kinship: [{ person: 'W', relative: 'P1', relation: 'spouse' }] });
    const childSide = world({ ...mine, kinship: [{ person: 'W', relative: 'P1', relation: 'parent' }] });
    expect(flagsOf(screen(fromStaff, '2026-06-30'), RULE)).toEqual(['S1 F']);
    expect(flagsOf(screen(fromRelative, '2026-06-30'), RULE)).toEqual(['S1 F']);
    expect(flagsOf(screen(childSide, '2026-06-30'), RULE)).toEqual(['S1 F']);
  });

  it('treats a relative who is also staff as the same person: both are flagged, one node', () => {
    const b = world({
      staff: [staff('S1', 'P1', { category: 'cadre' }), staff('S2', 'P2', { category: 'cadre' })],
      kinship: [{ person: 'P1', relative: 'P2', relation: 'spouse' }],
      organizations: [org('F', 'fire_product')],
      affiliations: [tie('P2', 'F', 'owner', { share: 100 })],
    });
    const flags = screen(b, '2026-06-30');
    expect(flagsOf(flags, RULE).sort()).toEqual(['S1 F', 'S2 F']);
    const s1 = only(flags, RULE).find((f) => f.staffNo === 'S1')!;
    expect(s1.evidence.paths[0]!.map((h) => h.node)).toEqual(['person:P1', 'person:P2', 'org:F']);
    expect(s1.evidence.paths[0]![1]!.staffNos).toEqual(['S2']);
  });

  it('does not count a spouse’s parent as a close relative, unless the policy adds the relation', () => {
    const b = world({
      staff: [staff('S1', 'P1', { category: 'cadre' })],
      kinship: [{ person: 'P1', relative: 'F1', relation: 'spouse_parent' }],
      organizations: [org('F', 'fire_product')],
      affiliations: [tie('F1', 'F', 'owner')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
    const wider = [
      'spouse',
      'parent',
      'child',
      'sibling',
      'grandparent',
      'grandchild',
      'spouse_parent',
    ] as const;
    expect(flagsOf(screen(b, '2026-06-30', { closeRelatives: [...wider] }), RULE)).toEqual(['S1 F']);
  });

  it('leaves firefighters, civilians and former cadres out', () => {
    const b = (s: ReturnType<typeof staff>) =>
      world({
        staff: [s],
        kinship: [{ person: 'P1', relative: 'W', relation: 'spouse' }],
        organizations: [org('F', 'fire_engineering')],
        affiliations: [tie('W', 'F', 'shareholder')],
      });
    expect(flagsOf(screen(b(staff('S1', 'P1', { category: 'firefighter' })), '2026-06-30'), RULE)).toEqual(
      [],
    );
    expect(flagsOf(screen(b(staff('S1', 'P1', { category: 'civilian' })), '2026-06-30'), RULE)).toEqual([]);
    const former = staff('S1', 'P1', {
      category: 'cadre',
      departedOn: '2026-06-30',
      departureKind: 'resigned',
    });
    expect(flagsOf(screen(b(former), '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count a tie whose interval ends on asOf, and counts one ending the day after', () => {
    const b = (to: string) =>
      world({
        staff: [staff('S1', 'P1')],
        organizations: [org('F', 'fire_engineering')],
        affiliations: [tie('P1', 'F', 'director', { to })],
      });
    expect(flagsOf(screen(b('2026-06-30'), '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(b('2026-07-01'), '2026-06-30'), RULE)).toEqual(['S1 F']);
  });

  it('ignores a tie that starts after asOf', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [org('F', 'fire_engineering')],
      affiliations: [tie('P1', 'F', 'shareholder', { from: '2026-07-01' })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('counts operating roles only: an employee or a member does not operate a firm', () => {
    const b = (role: 'employee' | 'member' | 'legal_representative' | 'executive') =>
      world({
        staff: [staff('S1', 'P1')],
        organizations: [org('F', 'fire_engineering')],
        affiliations: [tie('P1', 'F', role)],
      });
    expect(flagsOf(screen(b('employee'), '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(b('member'), '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(b('legal_representative'), '2026-06-30'), RULE)).toEqual(['S1 F']);
    expect(flagsOf(screen(b('executive'), '2026-06-30'), RULE)).toEqual(['S1 F']);
  });

  it('follows ownership only from an owning role: a legal representative of the holding does not own its firms', () => {
    const b = (role: 'legal_representative' | 'partner') =>
      world({
        staff: [staff('S1', 'P1')],
        organizations: [org('H', 'other'), org('F', 'fire_engineering')],
        affiliations: [tie('P1', 'H', role)],
        ownerships: [{ owner: 'H', org: 'F', share: 60, from: null, to: null }],
      });
    expect(flagsOf(screen(b('legal_representative'), '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(b('partner'), '2026-06-30'), RULE)).toEqual(['S1 F']);
  });

  it('makes one flag per staff member and firm listing every path to it', () => {
    const b = world({
      staff: [staff('S1', 'P1', { category: 'cadre' })],
      kinship: [
        { person: 'P1', relative: 'W', relation: 'spouse' },
        { person: 'P1', relative: 'C', relation: 'child' },
      ],
      organizations: [org('H', 'other'), org('F', 'fire_engineering')],
      affiliations: [tie('W', 'F', 'shareholder', { share: 30 }), tie('C', 'H', 'owner', { share: 100 })],
      ownerships: [{ owner: 'H', org: 'F', share: 70, from: '2016-01-01', to: null }],
    });
    const flags = only(screen(b, '2026-06-30'), RULE);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.evidence.paths.map((p) => p.map((h) => h.node).join(' > ')).sort()).toEqual([
      'person:P1 > person:C > org:H > org:F',
      'person:P1 > person:W > org:F',
    ]);
  });

  it('walks an ownership cycle once and stops', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [org('A', 'other'), org('B', 'other'), org('F', 'fire_product')],
      affiliations: [tie('P1', 'A', 'shareholder')],
      ownerships: [
        { owner: 'A', org: 'B', share: 50, from: null, to: null },
        { owner: 'B', org: 'A', share: 50, from: null, to: null },
        { owner: 'B', org: 'F', share: 50, from: null, to: null },
      ],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 F']);
  });

  it('does not follow an ownership that ended before asOf', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [org('H', 'other'), org('F', 'fire_product')],
      affiliations: [tie('P1', 'H', 'owner')],
      ownerships: [{ owner: 'H', org: 'F', share: 50, from: '2016-01-01', to: '2026-01-01' }],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });
});
