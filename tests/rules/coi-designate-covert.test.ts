import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle/schema.ts';
import { flagsOf, only, org, screen, staff, tie, world } from './world-builder.ts';

/** S1 inspects VENUE on `actionOn`; VENUE engages FIRM on `engagedOn`; S1's child owns FIRM. */
function scenario(actionOn: string, engagedOn: string, extra: Partial<Bundle> = {}) {
  return world({
    staff: [staff('S1', 'P1')],
    kinship: [{ person: 'P1', relative: 'C1', relation: 'child' }],
    organizations: [org('VENUE', 'public_venue'), org('FIRM', 'technical_service_maintenance')],
    affiliations: [tie('C1', 'FIRM', 'owner', { share: 100, from: '2020-01-01' })],
    enforcementActions: [{ ref: 'A1', kind: 'inspection', org: 'VENUE', on: actionOn, officers: ['S1'] }],
    engagements: [{ client: 'VENUE', contractor: 'FIRM', on: engagedOn }],
    ...extra,
  });
}

describe('COI-DESIGNATE-COVERT: the inspected venue engages a firm the officer’s family runs', () => {
  it('raises a risk naming staff, contractor and action, with the walk back to the officer', () => {
    const flags = screen(scenario('2026-02-10', '2026-03-15'), '2026-06-30');
    expect(flagsOf(flags, 'COI-DESIGNATE-COVERT')).toEqual(['S1 FIRM A1']);
    const [flag] = only(flags, 'COI-DESIGNATE-COVERT');
    expect(flag!.severity).toBe('risk');
    expect(flag!.evidence.paths[0]!.map((h) => h.node)).toEqual([
      'person:P1',
      'action:A1',
      'org:VENUE',
      'org:FIRM',
      'person:C1',
      'person:P1',
    ]);
    expect(flag!.evidence.policy).toMatchObject({ covertWindowYears: 1 });
  });

  it('counts an engagement on the window’s last day and not on the day a year after the action', () => {
    expect(
      flagsOf(screen(scenario('2025-03-10', '2026-03-09'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toEqual(['S1 FIRM A1']);
    expect(
      flagsOf(screen(scenario('2025-03-10', '2026-03-10'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toEqual([]);
  });

  it('ends the window of an action on a leap day on 28 February of the next year', () => {
    expect(
      flagsOf(screen(scenario('2024-02-29', '2025-02-27'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toEqual(['S1 FIRM A1']);
    expect(
      flagsOf(screen(scenario('2024-02-29', '2025-02-28'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toEqual([]);
  });

  it('counts an engagement on the action day itself, but not one before the action', () => {
    expect(
      flagsOf(screen(scenario('2026-02-10', '2026-02-10'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toHaveLength(1);
    expect(
      flagsOf(screen(scenario('2026-02-10', '2026-02-09'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toEqual([]);
  });

  it('ignores an engagement after asOf', () => {
    expect(
      flagsOf(screen(scenario('2026-02-10', '2026-07-01'), '2026-06-30'), 'COI-DESIGNATE-COVERT'),
    ).toEqual([]);
  });

  it('asks whether the family ran the firm on the engagement day, not on asOf', () => {
    const ended = scenario('2026-02-10', '2026-03-15', {
      affiliations: [tie('C1', 'FIRM', 'owner', { from: '2020-01-01', to: '2026-04-01' })],
    });
    expect(flagsOf(screen(ended, '2026-06-30'), 'COI-DESIGNATE-COVERT')).toEqual(['S1 FIRM A1']);
    const later = scenario('2026-02-10', '2026-03-15', {
      affiliations: [tie('C1', 'FIRM', 'owner', { from: '2026-03-16' })],
    });
    expect(flagsOf(screen(later, '2026-06-30'), 'COI-DESIGNATE-COVERT')).toEqual([]);
  });

  it('does not count a relation outside the close relatives (a spouse’s parent)', () => {
    const inLaw = scenario('2026-02-10', '2026-03-15', {
      kinship: [{ person: 'P1', relative: 'C1', relation: 'spouse_parent' }],
    });
    expect(flagsOf(screen(inLaw, '2026-06-30'), 'COI-DESIGNATE-COVERT')).toEqual([]);
  });

  it('follows a longer window when the policy says so', () => {
    const b = scenario('2024-02-10', '2025-06-01');
    expect(flagsOf(screen(b, '2026-06-30'), 'COI-DESIGNATE-COVERT')).toEqual([]);
    expect(flagsOf(screen(b, '2026-06-30', { covertWindowYears: 2 }), 'COI-DESIGNATE-COVERT')).toEqual([
      'S1 FIRM A1',
    ]);
  });
});
