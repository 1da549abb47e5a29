import { describe, expect, it } from 'vitest';
import { flagsOf, org, screen, staff, tie, world } from './world-builder.ts';

const RULE = 'COI-OUTSIDE-POST' as const;
const assoc = org('ASSOC', 'industry_association', '230500');
const agency = org('AGENCY', 'intermediary', '230803');

describe('COI-OUTSIDE-POST: serving staff holding posts in industry associations or intermediaries', () => {
  it('flags a serving staff member of any category who is a director of the association', () => {
    const b = world({
      staff: [staff('S1', 'P1', { category: 'civilian' })],
      organizations: [assoc],
      affiliations: [tie('P1', 'ASSOC', 'director')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 ASSOC']);
  });

  it('flags an employee of an intermediary anywhere', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [agency],
      affiliations: [tie('P1', 'AGENCY', 'employee')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 AGENCY']);
  });

  it('does not count membership: a member holds no post', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [assoc],
      affiliations: [tie('P1', 'ASSOC', 'member')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count a post whose interval ends on asOf', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [assoc],
      affiliations: [tie('P1', 'ASSOC', 'director', { to: '2026-06-30' })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('leaves out former staff and staff not yet hired on asOf', () => {
    const former = staff('S1', 'P1', { departedOn: '2025-01-01', departureKind: 'retired' });
    const future = staff('S2', 'P2', { hiredOn: '2026-07-01' });
    const b = world({
      staff: [former, future],
      organizations: [assoc],
      affiliations: [tie('P1', 'ASSOC', 'director'), tie('P2', 'ASSOC', 'director')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not concern a post in a fire firm or an ordinary company (other rules do)', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      organizations: [org('F', 'fire_engineering'), org('O', 'other')],
      affiliations: [tie('P1', 'F', 'consultant'), tie('P1', 'O', 'director')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });
});
