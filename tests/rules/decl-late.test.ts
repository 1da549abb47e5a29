import { describe, expect, it } from 'vitest';
import { flagsOf, screen, staff, world } from './world-builder.ts';

const RULE = 'DECL-LATE' as const;
const campaign = { year: 2025, dueOn: '2026-01-31' };

describe('DECL-LATE: annual declarations not in by the due date', () => {
  it('flags a declaration submitted after the due date and one never submitted', () => {
    const b = world({
      staff: [staff('S1', 'P1'), staff('S2', 'P2')],
      campaigns: [campaign],
      declarations: [{ staffNo: 'S1', year: 2025, submittedOn: '2026-02-15', items: [] }],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 2025', 'S2 2025']);
  });

  it('accepts a declaration submitted on the due date itself', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      campaigns: [campaign],
      declarations: [{ staffNo: 'S1', year: 2025, submittedOn: '2026-01-31', items: [] }],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });

  it('waits until the due date has passed: not late on the due date', () => {
    const b = world({ staff: [staff('S1', 'P1')], campaigns: [campaign] });
    expect(flagsOf(screen(b, '2026-01-31'), RULE)).toEqual([]);
    expect(flagsOf(screen(b, '2026-02-01'), RULE)).toEqual(['S1 2025']);
  });

  it('concerns only staff serving on 31 December of the year', () => {
    const b = world({
      staff: [
        staff('S1', 'P1', { hiredOn: '2026-01-01' }),
        staff('S2', 'P2', { departedOn: '2025-12-31', departureKind: 'retired' }),
        staff('S3', 'P3', { departedOn: '2026-01-01', departureKind: 'resigned' }),
      ],
      campaigns: [campaign],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S3 2025']);
  });

  it('does not take a draft with no submission day as submitted', () => {
    const b = world({
      staff: [staff('S1', 'P1')],
      campaigns: [campaign],
      declarations: [{ staffNo: 'S1', year: 2025, submittedOn: null, items: [] }],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual(['S1 2025']);
  });
});
