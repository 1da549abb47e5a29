import { describe, expect, it } from 'vitest';
import { flagsOf, only, org, screen, staff, world } from './world-builder.ts';

const base = {
  staff: [staff('S1', 'P1', { category: 'firefighter' as const })],
  organizations: [org('FIRM', 'fire_engineering'), org('VENUE', 'public_venue')],
};

describe('COI-DESIGNATE: designating a contractor, service agency or product', () => {
  it('raises a violation naming the staff member and the organisation designated', () => {
    const flags = screen(
      world({ ...base, designations: [{ staffNo: 'S1', org: 'FIRM', on: '2026-03-01', source: '96119' }] }),
      '2026-06-30',
    );
    expect(flagsOf(flags, 'COI-DESIGNATE')).toEqual(['S1 FIRM']);
    const [flag] = only(flags, 'COI-DESIGNATE');
    expect(flag!.severity).toBe('violation');
    expect(flag!.citation.article).toBe('（十二）');
    expect(flag!.evidence.paths[0]!.map((h) => h.node)).toEqual(['person:P1', 'org:FIRM']);
    expect(flag!.evidence.paths[0]![1]!.edge).toMatchObject({
      kind: 'designation',
      record: { staffNo: 'S1', on: '2026-03-01', source: '96119' },
    });
  });

  it('counts a designation dated on asOf itself', () => {
    const flags = screen(
      world({ ...base, designations: [{ staffNo: 'S1', org: 'FIRM', on: '2026-06-30', source: 'x' }] }),
      '2026-06-30',
    );
    expect(flagsOf(flags, 'COI-DESIGNATE')).toEqual(['S1 FIRM']);
  });

  it('ignores a designation dated after asOf: it does not exist yet', () => {
    const flags = screen(
      world({ ...base, designations: [{ staffNo: 'S1', org: 'FIRM', on: '2026-07-01', source: 'x' }] }),
      '2026-06-30',
    );
    expect(flagsOf(flags, 'COI-DESIGNATE')).toEqual([]);
  });

  it('makes two designations of the same firm by the same person one flag with both paths', () => {
    const flags = screen(
      world({
        ...base,
        designations: [
          { staffNo: 'S1', org: 'FIRM', on: '2025-01-01', source: 'a' },
          { staffNo: 'S1', org: 'FIRM', on: '2026-01-01', source: 'b' },
        ],
      }),
      '2026-06-30',
    );
    const list = only(flags, 'COI-DESIGNATE');
    expect(list).toHaveLength(1);
    expect(list[0]!.evidence.paths).toHaveLength(2);
  });
});
