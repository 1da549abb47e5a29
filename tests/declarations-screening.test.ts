import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import type { Clock } from '../src/clock.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const world = loadFixture('world-small.json');

function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => (at = new Date(next)) };
}

// Declarations made through self-service feed DECL-LATE and DECL-UNDECLARED on the next screening, and the review
// screen links to the flags of the declaration.
describe('self-service declarations in screening', () => {
  let t: TestContext;
  const clock = movableClock('2027-01-05T02:00:00Z');
  const flags = async (query: string) =>
    (await t.call('GET', `/api/v1/flags?${query}&limit=1000`, { as: 'discipline' })).body.items as any[];
  const screen = async (asOf: string) => {
    const res = await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: { asOf } });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** Submits on `day` whatever the pre-fill holds, minus the ties `omit` names. */
  const submitOn = async (staffNo: string, day: string, omit: string[] = []) => {
    clock.set(`${day}T02:00:00Z`);
    const prefill = await t.call('GET', `/api/v1/declarations/${staffNo}/2026/prefill`, {
      as: 'staff',
      sub: staffNo,
    });
    const items = prefill.body.items.filter((i: any) => !(i.type === 'affiliation' && omit.includes(i.org)));
    const res = await t.call('POST', `/api/v1/declarations/${staffNo}/2026/submissions`, {
      as: 'staff',
      sub: staffNo,
      body: { items, nothingToReport: !items.some((i: any) => i.type === 'affiliation') },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestContext({ clock });
    await importBundle(t.db, clock, systemActor('test'), world);
    expect((await t.call('POST', '/api/v1/campaigns', { as: 'admin', body: { year: 2026 } })).status).toBe(
      201,
    );
    await submitOn('S001', '2027-01-20');
    await submitOn('S013', '2027-01-30', ['91230502MA1B00010T']);
    await submitOn('S002', '2027-02-05');
    clock.set('2027-02-10T02:00:00Z');
  });
  afterAll(() => t.close());

  it('raises DECL-LATE for a submission after the due date, and not for one on time', async () => {
    await screen('2027-02-10');
    const late = await flags('rule=DECL-LATE');
    const late2026 = late.filter((f) => f.year === 2026).map((f) => f.staffNo);
    expect(late2026).toContain('S002');
    expect(late2026).not.toContain('S001');
    expect(late2026).not.toContain('S013');
    const s002 = late.find((f) => f.staffNo === 'S002' && f.year === 2026);
    // The evidence shows the due date and the late submission it found.
    expect(JSON.stringify(s002.evidence)).toContain('"dueOn":"2027-01-31"');
    expect(JSON.stringify(s002.evidence)).toContain('"submittedOn":"2027-02-05"');
  });

  it('raises no DECL-LATE for 2026 while the due date has not passed', async () => {
    await screen('2027-01-25');
    const open = await flags('rule=DECL-LATE&status=open');
    expect(open.filter((f) => f.year === 2026)).toEqual([]);
    await screen('2027-02-10');
  });

  it('raises DECL-UNDECLARED for a known tie left out, shown as 未报 in review with a link to the flag', async () => {
    const undeclared = await flags('rule=DECL-UNDECLARED&staffNo=S013');
    const flag = undeclared.find((f) => f.year === 2026);
    expect(flag).toMatchObject({ staffNo: 'S013', org: '91230502MA1B00010T', year: 2026, status: 'open' });
    // S001 and S002 declared what the pre-fill held: nothing undeclared for 2026.
    const others = (await flags('rule=DECL-UNDECLARED')).filter(
      (f) => f.year === 2026 && f.staffNo !== 'S013',
    );
    expect(others).toEqual([]);

    const review = await t.call('GET', '/api/v1/declarations/S013/2026/review', {
      as: 'discipline',
      sub: 'D07',
    });
    expect(review.status).toBe(200);
    const tie = review.body.ties.find((x: any) => x.org === '91230502MA1B00010T');
    expect(tie).toMatchObject({
      label: '未报',
      countsForUndeclared: true,
      flag: { id: flag.id, status: 'open' },
    });
    expect(review.body.flags).toEqual([
      expect.objectContaining({ id: flag.id, rule: 'DECL-UNDECLARED', href: `/api/v1/flags/${flag.id}` }),
    ]);
  });

  it('links the fixture declaration of 2025 to both of its flags', async () => {
    const review = await t.call('GET', '/api/v1/declarations/S013/2025/review', { as: 'admin' });
    expect(review.body.flags.map((f: any) => [f.rule, f.org])).toEqual([
      ['DECL-LATE', null],
      ['DECL-UNDECLARED', '91230502MA1B00010T'],
    ]);
    const linked = review.body.ties.find((x: any) => x.org === '91230502MA1B00010T');
    expect(linked.flag.id).toBe(review.body.flags[1].id);
  });

  it('resolves DECL-UNDECLARED once an amendment declares the tie', async () => {
    clock.set('2027-02-12T02:00:00Z');
    const prefill = await t.call('GET', '/api/v1/declarations/S013/2026/prefill', {
      as: 'staff',
      sub: 'S013',
    });
    const amended = await t.call('POST', '/api/v1/declarations/S013/2026/submissions', {
      as: 'staff',
      sub: 'S013',
      body: { items: prefill.body.items, nothingToReport: false, amendmentReason: '补报子女持股' },
    });
    expect(amended.status).toBe(201);
    await screen('2027-02-12');
    const flag = (await flags('rule=DECL-UNDECLARED&staffNo=S013')).find((f) => f.year === 2026);
    expect(flag.status).toBe('resolved');
    // The first submission was on time, so the amendment after the due date is not late.
    expect((await flags('rule=DECL-LATE&staffNo=S013')).filter((f) => f.year === 2026)).toEqual([]);
  });
});
