import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, org, screen, staff, tie, world } from './world-builder.ts';

const RULE = 'DECL-UNDECLARED' as const;

function declared(
  items: NonNullable<Bundle['declarations']>[number]['items'],
  more: Partial<Bundle> = {},
  submittedOn = '2026-01-20',
) {
  return world({
    staff: [staff('S1', 'P1', { category: 'firefighter' })],
    kinship: [{ person: 'P1', relative: 'H', relation: 'spouse' }],
    organizations: [org('F', 'fire_engineering'), org('ASSOC', 'industry_association'), org('O', 'other')],
    affiliations: [tie('H', 'F', 'legal_representative', { from: '2020-01-01' })],
    declarations: [{ staffNo: 'S1', year: 2025, submittedOn, items }],
    ...more,
  });
}

describe('DECL-UNDECLARED: a declaration that leaves out a post of the family', () => {
  it('flags a spouse’s post in a fire firm the declaration does not list', () => {
    const flags = screen(declared([{ type: 'relative', person: 'H', relation: 'spouse' }]), '2026-06-30');
    expect(flagsOf(flags, RULE)).toEqual(['S1 F 2025']);
    expect(only(flags, RULE)[0]!.evidence.paths[0]!.map((h) => h.node)).toEqual([
      'person:P1',
      'person:H',
      'org:F',
    ]);
  });

  it('accepts the post once listed for that person and organisation (whatever the role)', () => {
    const items = [{ type: 'affiliation' as const, person: 'H', org: 'F', role: 'shareholder' as const }];
    expect(flagsOf(screen(declared(items), '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count a post the registry knows only from a declaration', () => {
    const b = declared([], { affiliations: [tie('H', 'F', 'director', { source: 'declaration' })] });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('counts a post active on some day of the year: ended on 2 January, but not on 1 January', () => {
    const endedJan2 = declared([], {
      affiliations: [tie('H', 'F', 'director', { from: '2020-01-01', to: '2025-01-02' })],
    });
    const endedJan1 = declared([], {
      affiliations: [tie('H', 'F', 'director', { from: '2020-01-01', to: '2025-01-01' })],
    });
    expect(flagsOf(screen(endedJan2, '2026-06-30'), RULE)).toEqual(['S1 F 2025']);
    expect(flagsOf(screen(endedJan1, '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count a post starting after the year', () => {
    const b = declared([], { affiliations: [tie('H', 'F', 'director', { from: '2026-01-01' })] });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('counts association posts, not membership, and not ordinary companies', () => {
    const b = declared([], {
      affiliations: [tie('P1', 'ASSOC', 'executive'), tie('H', 'ASSOC', 'member'), tie('H', 'O', 'director')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 ASSOC 2025']);
  });

  it('ignores a declaration submitted after asOf', () => {
    expect(flagsOf(screen(declared([], {}, '2026-07-01'), '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count a relative outside the close relatives', () => {
    const b = declared([], { kinship: [{ person: 'P1', relative: 'H', relation: 'sibling_spouse' }] });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });
});
