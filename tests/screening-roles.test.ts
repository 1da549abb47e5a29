import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

describe('who may screen and read the queue', () => {
  let t: TestContext;
  let screeningId: string;
  beforeAll(async () => {
    t = await createTestContext();
    screeningId = (await t.call('POST', '/api/v1/screenings', { as: 'admin', body: { asOf: '2026-06-30' } }))
      .body.id;
  });
  afterAll(() => t.close());

  const routes = () => [
    {
      method: 'POST',
      path: '/api/v1/screenings',
      body: { asOf: '2026-06-30' },
      allowed: ['admin', 'discipline'],
    },
    {
      method: 'GET',
      path: `/api/v1/screenings/${screeningId}`,
      allowed: ['admin', 'discipline', 'investigator'],
    },
    {
      method: 'GET',
      path: `/api/v1/screenings/${screeningId}/flags`,
      allowed: ['admin', 'discipline', 'investigator'],
    },
    { method: 'GET', path: '/api/v1/flags', allowed: ['admin', 'discipline', 'investigator'] },
  ];

  it('refuses a staff member (403) and anyone without a token (401) on every screening route', async () => {
    for (const r of routes()) {
      expect((await t.call(r.method, r.path, { as: 'staff', sub: 'S001', body: r.body })).status).toBe(403);
      expect((await t.call(r.method, r.path, { body: r.body })).status).toBe(401);
    }
  });

  it('lets exactly the listed roles in', async () => {
    for (const r of routes()) {
      for (const role of ['admin', 'hr', 'discipline', 'investigator'] as Role[]) {
        const res = await t.call(r.method, r.path, { as: role, body: r.body });
        expect([role, res.status]).toEqual([
          role,
          r.allowed.includes(role) ? (r.method === 'POST' ? 201 : 200) : 403,
        ]);
      }
    }
  });

  it('screens for today in Shanghai when no day is given', async () => {
    const res = await t.call('POST', '/api/v1/screenings', { as: 'discipline', body: {} });
    expect(res.status).toBe(201);
    expect(res.body.asOf).toBe('2026-06-30');
    const bare = await t.call('POST', '/api/v1/screenings', { as: 'discipline' });
    expect(bare.status).toBe(201);
    expect(bare.body.asOf).toBe('2026-06-30');
  });

  it('rejects a malformed day and unknown fields', async () => {
    const res = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: { asOf: '2026-13-01', extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['/asOf', '/extra']);
  });

  it('answers 404 for a screening it does not know', async () => {
    expect(
      (
        await t.call('GET', '/api/v1/screenings/00000000-0000-4000-8000-000000000000/flags', {
          as: 'discipline',
        })
      ).status,
    ).toBe(404);
  });

  it('rejects an unknown status or rule and a page larger than 1000, naming each', async () => {
    const bad = await t.call('GET', '/api/v1/flags?status=bogus&rule=NOPE&limit=5000', { as: 'discipline' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['/limit', '/rule', '/status']);
  });
});
