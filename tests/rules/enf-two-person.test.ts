import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, org, screen, staff, world } from './world-builder.ts';

const RULE = 'ENF-TWO-PERSON' as const;
type Q = NonNullable<Bundle['qualifications']>[number];
const cert = (
  staffNo: string,
  kind: Q['kind'],
  passedOn = '2020-01-01',
  expiresOn: string | null = '2030-01-01',
): Q => ({
  staffNo,
  kind,
  certNo: `C-${staffNo}-${kind}-${passedOn}`,
  passedOn,
  expiresOn,
});

function action(officers: string[], more: Partial<Bundle> = {}, on = '2026-05-20') {
  return world({
    staff: [
      staff('S1', 'P1'),
      staff('S2', 'P2', { category: 'firefighter' }),
      staff('S3', 'P3', { category: 'civilian' }),
    ],
    organizations: [org('VENUE', 'public_venue')],
    qualifications: [cert('S1', 'enforcement'), cert('S2', 'enforcement'), cert('S3', 'auxiliary')],
    enforcementActions: [{ ref: 'A1', kind: 'inspection', org: 'VENUE', on, officers }],
    ...more,
  });
}

describe('ENF-TWO-PERSON: two qualified officers on every enforcement action', () => {
  it('accepts two qualified officers, a cadre and a firefighter', () => {
    expect(flagsOf(screen(action(['S1', 'S2']), '2026-06-30'), RULE)).toEqual([]);
  });

  it('flags an action with one officer, showing who took part and why they count or not', () => {
    const flags = screen(action(['S1']), '2026-06-30');
    expect(flagsOf(flags, RULE)).toEqual(['A1']);
    const [flag] = only(flags, RULE);
    expect(flag!.staffNo).toBeNull();
    expect(flag!.evidence.facts[0]).toMatchObject({
      qualifiedOfficers: 1,
      officers: [{ staffNo: 'S1', gaps: [] }],
    });
  });

  it('does not count a civilian with an auxiliary certificate towards the two', () => {
    expect(flagsOf(screen(action(['S1', 'S3']), '2026-06-30'), RULE)).toEqual(['A1']);
  });

  it('does not count a civilian even with an enforcement certificate', () => {
    const b = action(['S1', 'S3'], {
      qualifications: [cert('S1', 'enforcement'), cert('S3', 'enforcement')],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['A1']);
  });

  it('does not count a certificate that expires on the action day, but counts one passed that day', () => {
    const expiring = action(['S1', 'S2'], {
      qualifications: [cert('S1', 'enforcement'), cert('S2', 'enforcement', '2020-01-01', '2026-05-20')],
    });
    const fresh = action(['S1', 'S2'], {
      qualifications: [cert('S1', 'enforcement'), cert('S2', 'enforcement', '2026-05-20', '2032-05-20')],
    });
    expect(flagsOf(screen(expiring, '2026-06-30'), RULE)).toEqual(['A1']);
    expect(flagsOf(screen(fresh, '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count an officer suspended on the day, and counts one whose suspension ended', () => {
    const suspended = action(['S1', 'S2'], {
      suspensions: [{ staffNo: 'S2', from: '2026-01-05', to: null, reason: '停职' }],
    });
    const ended = action(['S1', 'S2'], {
      suspensions: [{ staffNo: 'S2', from: '2026-01-05', to: '2026-05-20', reason: '停职' }],
    });
    expect(flagsOf(screen(suspended, '2026-06-30'), RULE)).toEqual(['A1']);
    expect(flagsOf(screen(ended, '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not count an officer who had left, or had not yet joined, on the action day', () => {
    const left = action(['S1', 'S2'], {
      staff: [
        staff('S1', 'P1'),
        staff('S2', 'P2', { departedOn: '2026-05-20', departureKind: 'transferred' }),
      ],
    });
    expect(flagsOf(screen(left, '2026-06-30'), RULE)).toEqual(['A1']);
  });

  it('counts the same officer listed twice once', () => {
    expect(flagsOf(screen(action(['S1', 'S1']), '2026-06-30'), RULE)).toEqual(['A1']);
  });

  it('ignores an action dated after asOf', () => {
    expect(flagsOf(screen(action(['S1'], {}, '2026-07-15'), '2026-06-30'), RULE)).toEqual([]);
  });
});
