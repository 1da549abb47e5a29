import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, org, screen, staff, tie, world } from './world-builder.ts';

const RULE = 'ENF-RECUSAL' as const;

function inspection(more: Partial<Bundle>) {
  return world({
    staff: [staff('S1', 'P1'), staff('S2', 'P2')],
    kinship: [{ person: 'P1', relative: 'W', relation: 'spouse' }],
    organizations: [org('TARGET', 'technical_service_maintenance'), org('H', 'other')],
    enforcementActions: [
      { ref: 'A6', kind: 'inspection', org: 'TARGET', on: '2026-05-10', officers: ['S1', 'S2'] },
    ],
    ...more,
  });
}

describe('ENF-RECUSAL: inspecting an organisation one’s family holds a post in or runs', () => {
  it('flags an officer whose spouse is a shareholder of the inspected firm', () => {
    const flags = screen(
      inspection({ affiliations: [tie('W', 'TARGET', 'shareholder', { share: 40 })] }),
      '2026-06-30',
    );
    expect(flagsOf(flags, RULE)).toEqual(['S1 A6']);
    const [flag] = only(flags, RULE);
    expect(flag!.org).toBeNull();
    expect(flag!.evidence.paths[0]!.map((h) => h.node)).toEqual([
      'person:P1',
      'action:A6',
      'org:TARGET',
      'person:W',
      'person:P1',
    ]);
  });

  it('counts any post, an employee too, but not membership', () => {
    expect(
      flagsOf(screen(inspection({ affiliations: [tie('W', 'TARGET', 'employee')] }), '2026-06-30'), RULE),
    ).toEqual(['S1 A6']);
    expect(
      flagsOf(screen(inspection({ affiliations: [tie('W', 'TARGET', 'member')] }), '2026-06-30'), RULE),
    ).toEqual([]);
  });

  it('counts the officer’s own post', () => {
    expect(
      flagsOf(screen(inspection({ affiliations: [tie('P2', 'TARGET', 'consultant')] }), '2026-06-30'), RULE),
    ).toEqual(['S2 A6']);
  });

  it('follows an ownership chain to the inspected firm', () => {
    const b = inspection({
      affiliations: [tie('W', 'H', 'owner')],
      ownerships: [{ owner: 'H', org: 'TARGET', share: 51, from: '2019-01-01', to: null }],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 A6']);
  });

  it('asks about the action day: a post that ended before it, or started after it, does not count', () => {
    const ended = inspection({ affiliations: [tie('W', 'TARGET', 'director', { to: '2026-05-10' })] });
    const later = inspection({ affiliations: [tie('W', 'TARGET', 'director', { from: '2026-05-11' })] });
    expect(flagsOf(screen(ended, '2026-06-30'), RULE)).toEqual([]);
    expect(flagsOf(screen(later, '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count a relative outside the close relatives', () => {
    const b = inspection({
      kinship: [{ person: 'P1', relative: 'W', relation: 'other' }],
      affiliations: [tie('W', 'TARGET', 'owner')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });
});
