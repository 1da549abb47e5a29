import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, org, screen, staff, world } from './world-builder.ts';

const RULE = 'ENF-UNQUALIFIED' as const;
type Q = NonNullable<Bundle['qualifications']>[number];
const cert = (
  staffNo: string,
  kind: Q['kind'],
  passedOn = '2020-01-01',
  expiresOn: string | null = '2030-01-01',
): Q => ({
  staffNo,
  kind,
  certNo: `C-${staffNo}-${kind}`,
  passedOn,
  expiresOn,
});

function action(officers: string[], qualifications: Q[], more: Partial<Bundle> = {}) {
  return world({
    staff: [staff('S1', 'P1'), staff('S2', 'P2'), staff('S3', 'P3', { category: 'civilian' })],
    organizations: [org('VENUE', 'public_venue')],
    qualifications,
    enforcementActions: [{ ref: 'A1', kind: 'inspection', org: 'VENUE', on: '2026-06-01', officers }],
    ...more,
  });
}

describe('ENF-UNQUALIFIED: every participant qualified on the action day', () => {
  it('lets a civilian with an auxiliary certificate take part', () => {
    const b = action(
      ['S1', 'S2', 'S3'],
      [cert('S1', 'enforcement'), cert('S2', 'enforcement'), cert('S3', 'auxiliary')],
    );
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('flags a civilian without any certificate', () => {
    const b = action(['S1', 'S3'], [cert('S1', 'enforcement')]);
    const flags = screen(b, '2026-06-30');
    expect(flagsOf(flags, RULE)).toEqual(['S3 A1']);
    expect(only(flags, RULE)[0]!.evidence.facts[0]).toMatchObject({
      staffNo: 'S3',
      gaps: ['no auxiliary or enforcement qualification valid on the day'],
    });
  });

  it('flags a cadre whose only certificate is auxiliary', () => {
    expect(flagsOf(screen(action(['S1'], [cert('S1', 'auxiliary')]), '2026-06-30'), RULE)).toEqual(['S1 A1']);
  });

  it('flags a certificate that expires on the action day', () => {
    const b = action(['S1'], [cert('S1', 'enforcement', '2020-06-01', '2026-06-01')]);
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 A1']);
  });

  it('accepts a certificate passed on the action day', () => {
    const b = action(['S1'], [cert('S1', 'enforcement', '2026-06-01', '2032-06-01')]);
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('flags an officer suspended on the day, not one whose suspension ended', () => {
    const certs = [cert('S1', 'enforcement')];
    const active = action(['S1'], certs, {
      suspensions: [{ staffNo: 'S1', from: '2026-01-05', to: null, reason: '停职查办' }],
    });
    const ended = action(['S1'], certs, {
      suspensions: [{ staffNo: 'S1', from: '2026-01-05', to: '2026-03-01', reason: '停职查办' }],
    });
    expect(flagsOf(screen(active, '2026-06-30'), RULE)).toEqual(['S1 A1']);
    expect(flagsOf(screen(ended, '2026-06-30'), RULE)).toEqual([]);
  });
});
