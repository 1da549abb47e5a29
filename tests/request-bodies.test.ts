import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/test-app.ts';

describe('request bodies', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('names every unknown field at its own path', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: 'admin',
      body: { ref: 'P9', name: '王五', id: 7, version: 3 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/id', message: 'unknown field' },
        { path: '/version', message: 'unknown field' },
      ]),
    );
  });

  it('refuses a body that is not JSON with 415 instead of reading it as empty', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: 'admin',
      body: 'ref=P9&name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a create without any body', async () => {
    const res = await t.call('POST', '/api/v1/people', { as: 'admin' });
    expect(res.status).toBe(415);
  });

  it('reports malformed JSON as a validation problem', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: 'admin',
      body: '{"ref": "P9",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '/', message: 'the body is not valid JSON' }]);
  });

  it('lets a route with an optional body be called without one', async () => {
    const res = await t.call('POST', '/api/v1/screenings', { as: 'discipline' });
    expect(res.status).toBe(201);
  });
});
