import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/test-app.ts';

const LIMIT = 4096;

describe('errors: one problem+json shape everywhere, and nothing internal leaks', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ config: { bodyMaxBytes: LIMIT } });
    // Failures no real route should produce, to see what a client gets when the unexpected happens.
    t.app.get('/api/v1/test-only/throws', () => {
      throw new Error('secret detail at /work/main/src/somewhere.ts:42');
    });
    t.app.get('/api/v1/test-only/bad-sql', async () => {
      await sql`select secret_column from secret_table`.execute(t.db);
      return new Response('unreachable');
    });
  });
  afterAll(() => t.close());

  const expectProblem = (res: { status: number; body: any; headers: Headers }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.body.stack).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|at [A-Za-z]+ \(/);
  };

  it('answers 400 with every problem and its JSON path', async () => {
    const res = await t.call('POST', '/api/v1/staff', {
      as: 'hr',
      body: {
        staffNo: '',
        person: 'P1',
        category: 'chief',
        unit: '机关',
        jurisdiction: 'x',
        hiredOn: 'yesterday',
      },
    });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual([
      '/category',
      '/hiredOn',
      '/jurisdiction',
      '/staffNo',
    ]);
  });

  it('answers malformed JSON and a non-JSON body as problems too (400, 415)', async () => {
    expectProblem(await t.call('POST', '/api/v1/people', { as: 'hr', body: '{"ref": "P1", ' }), 400);
    const text = await t.call('POST', '/api/v1/people', {
      as: 'hr',
      body: 'ref=P1&name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(text, 415);
  });

  it('does not let a PATCH without a JSON body pass as an empty change', async () => {
    await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'P1', name: '张建国' } });
    const res = await t.call('PATCH', '/api/v1/people/P1', {
      as: 'hr',
      headers: { 'if-match': '"1"', 'content-type': 'text/plain' },
      body: '{"name":"王"}',
    });
    expectProblem(res, 415);
  });

  it('answers 401, 403, 404, 412 and 428 as problems', async () => {
    expectProblem(await t.call('GET', '/api/v1/people'), 401);
    expectProblem(await t.call('GET', '/api/v1/audit', { as: 'hr' }), 403);
    expectProblem(await t.call('GET', '/api/v1/people/NOBODY', { as: 'hr' }), 404);
    expectProblem(await t.call('GET', '/api/v1/no-such-route', { as: 'hr' }), 404);
    expectProblem(await t.call('PATCH', '/api/v1/people/P1', { as: 'hr', body: { name: 'x' } }), 428);
    expectProblem(
      await t.call('PATCH', '/api/v1/people/P1', {
        as: 'hr',
        headers: { 'if-match': '"9"' },
        body: { name: 'x' },
      }),
      412,
    );
  });

  it('answers an unexpected failure with a 500 that says nothing of its cause', async () => {
    const res = await t.call('GET', '/api/v1/test-only/throws', { as: 'admin' });
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const db = await t.call('GET', '/api/v1/test-only/bad-sql', { as: 'admin' });
    expectProblem(db, 500);
    expect(JSON.stringify(db.body)).not.toMatch(/secret|select/i);
  });

  it('refuses a body over the limit with 413, whether or not it declares its length', async () => {
    const big = JSON.stringify({ ref: 'BIG', name: 'x'.repeat(LIMIT) });
    const declared = await t.call('POST', '/api/v1/people', {
      as: 'hr',
      body: big,
      headers: { 'content-length': String(Buffer.byteLength(big)) },
    });
    expectProblem(declared, 413);
    const streamed = await t.app.request('/api/v1/people', {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.token('hr')}`, 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await t.call('GET', '/api/v1/people/BIG', { as: 'hr' })).status).toBe(404);
    // Just under the limit is an ordinary request (400 here: the name is too long).
    const under = JSON.stringify({ ref: 'BIG', name: 'x'.repeat(LIMIT - 40) });
    expect((await t.call('POST', '/api/v1/people', { as: 'hr', body: under })).status).toBe(400);
  });

  it('sends the secure headers on answers and on errors', async () => {
    for (const res of [
      await t.call('GET', '/api/v1/people/P1', { as: 'hr' }),
      await t.call('GET', '/api/v1/people/NOBODY', { as: 'hr' }),
      await t.call('GET', '/api/v1/people'),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('echoes a caller’s request id so a report can quote it', async () => {
    const res = await t.call('GET', '/api/v1/people/NOBODY', {
      as: 'hr',
      headers: { 'x-request-id': 'case-42' },
    });
    expect(res.body.requestId).toBe('case-42');
  });
});
