import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, screen, staff, world } from './world-builder.ts';

const RULE = 'ROT-OVERDUE' as const;

function posted(
  from: string,
  rotationYears: number | null,
  more: Partial<Bundle> = {},
  to: string | null = null,
) {
  return world({
    staff: [staff('S1', 'P1')],
    posts: [{ code: 'ENF-01', name: '防火监督员', unit: '大队', kind: 'enforcement', rotationYears }],
    assignments: [{ staffNo: 'S1', post: 'ENF-01', from, to }],
    ...more,
  });
}

describe('ROT-OVERDUE: rotation after the required years on a post', () => {
  it('is overdue on the due day itself, not the day before', () => {
    expect(flagsOf(screen(posted('2021-03-01', 5), '2026-03-01'), RULE)).toEqual(['S1 ENF-01']);
    expect(flagsOf(screen(posted('2021-03-01', 5), '2026-02-28'), RULE)).toEqual([]);
  });

  it('falls due on 28 February for an assignment that began on a leap day', () => {
    expect(flagsOf(screen(posted('2020-02-29', 5), '2025-02-28'), RULE)).toEqual(['S1 ENF-01']);
    expect(flagsOf(screen(posted('2020-02-29', 5), '2025-02-27'), RULE)).toEqual([]);
  });

  it('shows the post, since when, the years and the due day', () => {
    const [flag] = only(screen(posted('2021-03-01', 5), '2026-06-30'), RULE);
    expect(flag!.severity).toBe('risk');
    expect(flag!.evidence.facts[0]).toMatchObject({
      since: '2021-03-01',
      rotationYears: 5,
      dueOn: '2026-03-01',
    });
  });

  it('does not concern an assignment that ended on asOf', () => {
    expect(flagsOf(screen(posted('2019-01-01', 5, {}, '2026-06-30'), '2026-06-30'), RULE)).toEqual([]);
  });

  it('does not concern a post without a rotation requirement, unless the policy sets one for its kind', () => {
    expect(flagsOf(screen(posted('2010-01-01', null), '2026-06-30'), RULE)).toEqual([]);
    const flags = screen(posted('2010-01-01', null), '2026-06-30', {
      rotationYearsByPostKind: { enforcement: 5 },
    });
    expect(flagsOf(flags, RULE)).toEqual(['S1 ENF-01']);
    expect(only(flags, RULE)[0]!.evidence.facts[0]).toMatchObject({ rotationYearsFrom: 'policy' });
  });

  it('does not concern someone who has left, even with the assignment still open', () => {
    const b = posted('2012-01-01', 5, {
      staff: [staff('S1', 'P1', { departedOn: '2022-03-31', departureKind: 'retired' })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });
});
