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

  it('refuses a non-JSON change to the policy instead of applying it as an empty one', async () => {
    const res = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: 'maxOwnershipHops=9',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
  });

  it('refuses a non-JSON body even where the body is optional', async () => {
    const res = await t.call('POST', '/api/v1/screenings', {
      as: 'discipline',
      body: 'asOf=2026-06-30',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
  });

  it('checks the role before the body: a refused caller learns nothing about it', async () => {
    const res = await t.call('POST', '/api/v1/people', {
      as: 'investigator',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(403);
  });

  it('lets a route with an optional body be called without one', async () => {
    const res = await t.call('POST', '/api/v1/screenings', { as: 'discipline' });
    expect(res.status).toBe(201);
  });
});
