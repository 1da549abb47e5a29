import { describe, expect, it } from 'vitest';
import { jurisdictionMatches } from '../../src/graph/jurisdiction.ts';
import { flagsOf, only, org, screen, staff, tie, world } from './world-builder.ts';

const RULE = 'COI-REVOLVING-DOOR' as const;

function leaver(
  category: 'leader_cadre' | 'enforcement_cadre' | 'cadre' | 'firefighter',
  departedOn: string,
  postFrom: string,
  kind: 'fire_engineering' | 'intermediary' = 'fire_engineering',
  region = '230502',
  jurisdiction = '230500',
) {
  return world({
    staff: [staff('S1', 'P1', { category, departedOn, departureKind: 'resigned', jurisdiction })],
    organizations: [org('X', kind, region)],
    affiliations: [tie('P1', 'X', 'employee', { from: postFrom, paid: true })],
  });
}

describe('COI-REVOLVING-DOOR: posts taken within the window after leaving', () => {
  it('flags a post starting on the window’s last day and not one starting the day after', () => {
    // A cadre leaving on 2022-06-30 has a 3-year window [2022-06-30, 2025-06-30).
    expect(flagsOf(screen(leaver('cadre', '2022-06-30', '2025-06-29'), '2026-06-30'), RULE)).toEqual([
      'S1 X',
    ]);
    expect(flagsOf(screen(leaver('cadre', '2022-06-30', '2025-06-30'), '2026-06-30'), RULE)).toEqual([]);
  });

  it('ends the window of a leap-day departure on 28 February', () => {
    expect(flagsOf(screen(leaver('cadre', '2024-02-29', '2027-02-27'), '2027-06-30'), RULE)).toEqual([
      'S1 X',
    ]);
    expect(flagsOf(screen(leaver('cadre', '2024-02-29', '2027-02-28'), '2027-06-30'), RULE)).toEqual([]);
  });

  it('gives leader and enforcement cadres 5 years and everyone else 3', () => {
    for (const category of ['leader_cadre', 'enforcement_cadre'] as const) {
      expect(flagsOf(screen(leaver(category, '2021-01-01', '2025-06-01'), '2026-06-30'), RULE)).toEqual([
        'S1 X',
      ]);
    }
    for (const category of ['cadre', 'firefighter'] as const) {
      expect(flagsOf(screen(leaver(category, '2021-01-01', '2025-06-01'), '2026-06-30'), RULE)).toEqual([]);
    }
  });

  it('shows the window and the years used, and follows the policy’s years', () => {
    const b = leaver('cadre', '2021-01-01', '2025-06-01');
    const flags = screen(
      b,
      '2026-06-30',
      {
        revolvingDoorYears: { leader_cadre: 5, enforcement_cadre: 5, cadre: 5, firefighter: 3, civilian: 3 },
      },
      2,
    );
    const [flag] = only(flags, RULE);
    expect(flag!.evidence.facts[0]).toMatchObject({
      window: { from: '2021-01-01', to: '2026-01-01', years: 5 },
    });
    expect(flag!.evidence.policy).toMatchObject({ version: 2, revolvingDoorYears: { cadre: 5 } });
  });

  it('counts an intermediary only in the former jurisdiction, by prefix match', () => {
    expect(
      flagsOf(
        screen(leaver('cadre', '2024-01-01', '2024-06-01', 'intermediary', '230502', '230500'), '2026-06-30'),
        RULE,
      ),
    ).toEqual(['S1 X']);
    expect(
      flagsOf(
        screen(leaver('cadre', '2024-01-01', '2024-06-01', 'intermediary', '230503', '230502'), '2026-06-30'),
        RULE,
      ),
    ).toEqual([]);
    expect(
      flagsOf(
        screen(leaver('cadre', '2024-01-01', '2024-06-01', 'intermediary', '231202', '230000'), '2026-06-30'),
        RULE,
      ),
    ).toEqual(['S1 X']);
    expect(
      flagsOf(
        screen(leaver('cadre', '2024-01-01', '2024-06-01', 'intermediary', '240101', '230000'), '2026-06-30'),
        RULE,
      ),
    ).toEqual([]);
  });

  it('counts a fire-industry firm anywhere, whatever its region', () => {
    expect(
      flagsOf(
        screen(
          leaver('cadre', '2024-01-01', '2024-06-01', 'fire_engineering', '110101', '230502'),
          '2026-06-30',
        ),
        RULE,
      ),
    ).toEqual(['S1 X']);
  });

  it('ignores a post starting after asOf', () => {
    expect(flagsOf(screen(leaver('leader_cadre', '2024-01-01', '2026-07-01'), '2026-06-30'), RULE)).toEqual(
      [],
    );
  });

  it('counts a post held since before leaving that runs into the window', () => {
    expect(flagsOf(screen(leaver('cadre', '2024-01-01', '2020-01-01'), '2026-06-30'), RULE)).toEqual([
      'S1 X',
    ]);
  });

  it('does not count membership', () => {
    const b = world({
      staff: [staff('S1', 'P1', { departedOn: '2024-01-01', departureKind: 'retired' })],
      organizations: [org('X', 'fire_engineering')],
      affiliations: [tie('P1', 'X', 'member', { from: '2024-06-01' })],
    });
    expect(flagsOf(screen(b, '2026-06-30'), RULE)).toEqual([]);
  });
});

describe('jurisdiction prefix match', () => {
  it('strips trailing 00 pairs from the jurisdiction', () => {
    expect(jurisdictionMatches('230500', '230502')).toBe(true);
    expect(jurisdictionMatches('230500', '230500')).toBe(true);
    expect(jurisdictionMatches('230502', '230502')).toBe(true);
    expect(jurisdictionMatches('230502', '230503')).toBe(false);
    expect(jurisdictionMatches('230000', '239999')).toBe(true);
    expect(jurisdictionMatches('230000', '220500')).toBe(false);
    expect(jurisdictionMatches('230500', '230600')).toBe(false);
  });
});
