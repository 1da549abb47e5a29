import { describe, expect, it } from 'vitest';
import { flagsOf, org, screen, staff, tie, world } from './world-builder.ts';

const RULE = 'COI-RETIREE-ASSOCIATION' as const;
const retired = staff('S1', 'P1', {
  category: 'leader_cadre',
  departedOn: '2019-01-01',
  departureKind: 'retired',
});

describe('COI-RETIREE-ASSOCIATION: retirees paid by an industry association', () => {
  it('flags a retiree holding a paid post in the association', () => {
    const b = world({
      staff: [retired],
      organizations: [org('ASSOC', 'industry_association', '230100')],
      affiliations: [tie('P1', 'ASSOC', 'director', { paid: true })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 ASSOC']);
  });

  it('allows an unpaid post', () => {
    const b = world({
      staff: [retired],
      organizations: [org('ASSOC', 'industry_association')],
      affiliations: [tie('P1', 'ASSOC', 'executive', { paid: false })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('concerns retirees only, not someone who resigned', () => {
    const resigned = { ...retired, departureKind: 'resigned' as const };
    const b = world({
      staff: [resigned],
      organizations: [org('ASSOC', 'industry_association')],
      affiliations: [tie('P1', 'ASSOC', 'director', { paid: true })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('concerns the association only, not a paid post in an intermediary', () => {
    const b = world({
      staff: [retired],
      organizations: [org('AGENCY', 'intermediary')],
      affiliations: [tie('P1', 'AGENCY', 'director', { paid: true })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('waits until the retirement day: before it the person is still serving', () => {
    const b = world({
      staff: [{ ...retired, departedOn: '2026-07-01' }],
      organizations: [org('ASSOC', 'industry_association')],
      affiliations: [tie('P1', 'ASSOC', 'director', { paid: true })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(b, '2026-07-01'), RULE)).toEqual(['S1 ASSOC']);
  });
});
