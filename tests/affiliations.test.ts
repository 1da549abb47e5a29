import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../src/lib/gb32100.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const creditCode = (serial: string) => {
  const body = `91230502${serial.padStart(9, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
};
const FIRM = creditCode('MA1B00007');
const HOLDING = creditCode('MA1B00008');
const ASSOC = creditCode('MA1B00009');

describe('ties: affiliations of people and ownerships between organisations', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    for (const [ref, name] of [
      ['P1', '张建国'],
      ['P1W', '李秀英'],
    ]) {
      expect((await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref, name } })).status).toBe(201);
    }
    for (const [code, kind] of [
      [FIRM, 'technical_service_maintenance'],
      [HOLDING, 'other'],
      [ASSOC, 'industry_association'],
    ] as const) {
      const res = await t.call('POST', '/api/v1/organizations', {
        as: 'admin',
        body: { creditCode: code, name: `机构${code.slice(-4)}`, kind, region: '230502' },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  describe('affiliations', () => {
    let shareholderId: number;

    it('records a shareholding with share, interval and source, named by natural keys', async () => {
      const res = await t.call('POST', '/api/v1/affiliations', {
        as: 'investigator',
        body: {
          person: 'P1W',
          org: FIRM,
          role: 'shareholder',
          share: 40,
          from: '2019-04-01',
          source: 'registry',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        person: 'P1W',
        org: FIRM,
        role: 'shareholder',
        share: 40,
        paid: false,
        from: '2019-04-01',
        to: null,
        source: 'registry',
        version: 1,
      });
      expect(res.headers.get('location')).toBe(`/api/v1/affiliations/${res.body.id}`);
      shareholderId = res.body.id;
      const post = await t.call('POST', '/api/v1/affiliations', {
        as: 'hr',
        body: { person: 'P1', org: ASSOC, role: 'director', paid: true, from: '2022-01-01', source: 'hr' },
      });
      expect(post.status).toBe(201);
    });

    it('refuses an empty interval, unknown keys and a share over 100, all reported at once', async () => {
      const res = await t.call('POST', '/api/v1/affiliations', {
        as: 'investigator',
        body: {
          person: 'NOBODY',
          org: creditCode('MA1B00099'),
          role: 'owner',
          from: '2020-01-01',
          to: '2020-01-01',
          source: 'registry',
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.path)).toEqual(['/person', '/org', '/to']);
      const share = await t.call('POST', '/api/v1/affiliations', {
        as: 'investigator',
        body: { person: 'P1', org: FIRM, role: 'owner', share: 120, source: 'registry' },
      });
      expect(share.status).toBe(400);
      expect(share.body.errors).toEqual([expect.objectContaining({ path: '/share' })]);
    });

    it('refuses the same person, organisation, role and start twice (409)', async () => {
      const res = await t.call('POST', '/api/v1/affiliations', {
        as: 'investigator',
        body: { person: 'P1W', org: FIRM, role: 'shareholder', from: '2019-04-01', source: 'declaration' },
      });
      expect(res.status).toBe(409);
      expect(res.body.existing).toBe(shareholderId);
    });

    it('closes a tie by setting its `to` (no deletion), keeping the open version in its history', async () => {
      const path = `/api/v1/affiliations/${shareholderId}`;
      const read = await t.call('GET', path, { as: 'discipline' });
      expect((await t.call('PATCH', path, { as: 'discipline', body: { to: '2026-03-01' } })).status).toBe(
        428,
      );
      const early = await t.call('PATCH', path, {
        as: 'discipline',
        headers: { 'if-match': read.headers.get('etag')! },
        body: { to: '2019-04-01' },
      });
      expect(early.status).toBe(400);
      const res = await t.call('PATCH', path, {
        as: 'discipline',
        headers: { 'if-match': read.headers.get('etag')! },
        body: { to: '2026-03-01' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ to: '2026-03-01', version: 2 });
      const stale = await t.call('PATCH', path, {
        as: 'discipline',
        headers: { 'if-match': read.headers.get('etag')! },
        body: { to: null },
      });
      expect(stale.status).toBe(412);
      expect((await t.call('DELETE', path, { as: 'admin' })).status).toBe(404);
      const history = await t.call('GET', `${path}/history`, { as: 'hr' });
      expect(history.body.items.map((v: any) => [v.version, v.to])).toEqual([
        [1, null],
        [2, '2026-03-01'],
      ]);
    });

    it('filters by person, organisation, role, source and the day a tie is active', async () => {
      const ids = async (query: string) =>
        (await t.call('GET', `/api/v1/affiliations?${query}`, { as: 'investigator' })).body.items.map(
          (a: any) => `${a.person}@${a.role}`,
        );
      expect(await ids('person=P1W')).toEqual(['P1W@shareholder']);
      expect(await ids(`org=${ASSOC}`)).toEqual(['P1@director']);
      expect(await ids('role=director')).toEqual(['P1@director']);
      expect(await ids('source=registry')).toEqual(['P1W@shareholder']);
      expect(await ids('activeOn=2026-02-28')).toEqual(['P1W@shareholder', 'P1@director']);
      expect(await ids('activeOn=2026-03-01')).toEqual(['P1@director']);
      expect(await ids('activeOn=2019-03-31')).toEqual([]);
      expect(await ids('person=NOBODY')).toEqual([]);
    });

    it('refuses to move a tie to another person or organisation (400: not updatable)', async () => {
      const path = `/api/v1/affiliations/${shareholderId}`;
      const read = await t.call('GET', path, { as: 'admin' });
      const res = await t.call('PATCH', path, {
        as: 'admin',
        headers: { 'if-match': read.headers.get('etag')! },
        body: { person: 'P1', org: ASSOC },
      });
      expect(res.status).toBe(400);
    });
  });

  describe('ownerships', () => {
    let ownershipId: number;

    it('records that one organisation owns another', async () => {
      const res = await t.call('POST', '/api/v1/ownerships', {
        as: 'investigator',
        body: { owner: HOLDING, org: FIRM, share: 70, from: '2018-01-01' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ owner: HOLDING, org: FIRM, share: 70, from: '2018-01-01', to: null });
      ownershipId = res.body.id;
      expect(
        (
          await t.call('POST', '/api/v1/ownerships', {
            as: 'investigator',
            body: { owner: HOLDING, org: FIRM, from: '2018-01-01' },
          })
        ).status,
      ).toBe(409);
    });

    it('refuses an organisation owning itself and an unknown owner', async () => {
      const self = await t.call('POST', '/api/v1/ownerships', {
        as: 'admin',
        body: { owner: FIRM, org: FIRM },
      });
      expect(self.status).toBe(400);
      expect(self.body.errors).toEqual([expect.objectContaining({ path: '/org' })]);
      const unknown = await t.call('POST', '/api/v1/ownerships', {
        as: 'admin',
        body: { owner: creditCode('MA1B00098'), org: FIRM },
      });
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/owner' })]);
    });

    it('closes an ownership by its `to` and filters by owner, organisation and day', async () => {
      const path = `/api/v1/ownerships/${ownershipId}`;
      const read = await t.call('GET', path, { as: 'discipline' });
      const res = await t.call('PATCH', path, {
        as: 'discipline',
        headers: { 'if-match': read.headers.get('etag')! },
        body: { to: '2025-12-31', share: 51 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ to: '2025-12-31', share: 51, version: 2 });
      const list = async (query: string) =>
        (await t.call('GET', `/api/v1/ownerships?${query}`, { as: 'hr' })).body.items.length;
      expect(await list(`owner=${HOLDING}`)).toBe(1);
      expect(await list(`org=${FIRM}&activeOn=2025-12-30`)).toBe(1);
      expect(await list(`org=${FIRM}&activeOn=2025-12-31`)).toBe(0);
      expect(await list(`owner=${FIRM}`)).toBe(0);
      const history = await t.call('GET', `${path}/history`, { as: 'hr' });
      expect(history.body.items.map((v: any) => [v.share, v.to])).toEqual([
        [70, null],
        [51, '2025-12-31'],
      ]);
    });

    it('is written by admin, discipline and investigator only; HR reads', async () => {
      expect(
        (await t.call('POST', '/api/v1/ownerships', { as: 'hr', body: { owner: ASSOC, org: FIRM } })).status,
      ).toBe(403);
      expect((await t.call('GET', '/api/v1/ownerships', { as: 'hr' })).status).toBe(200);
    });
  });
});
