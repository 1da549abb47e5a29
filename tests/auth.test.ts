import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../src/app.ts';
import type { Role } from '../src/auth/roles.ts';
import { creditCodeCheckChar } from '../src/lib/gb32100.ts';
import { createTestContext, TEST_SECRET, type TestContext } from './support/test-app.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const ISSUER = 'qinglian';
const AUDIENCE = 'qinglian-api';

function claims(overrides: Record<string, unknown> = {}) {
  return {
    sub: 'a1',
    roles: ['admin'],
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  };
}

/** A token signed with HMAC-SHA256 over any header, whatever `alg` it claims. */
function hmacToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | Buffer,
) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const hs256 = (payload: Record<string, unknown>, secret = TEST_SECRET) =>
  hmacToken({ alg: 'HS256', typ: 'JWT' }, payload, secret);

const rs256 = (payload: Record<string, unknown>, key: KeyObject, kid: string) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);

const creditCode = (serial: number) => {
  const body = `91230502${String(serial).padStart(9, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
};

async function call(app: App, path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  const res = await app.request(path, { ...init, headers });
  return { status: res.status, body: (await res.json()) as any, type: res.headers.get('content-type') };
}

describe('who may call the API', () => {
  let t: TestContext;
  const idp = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = idp.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  let jwks: Server;
  let jwksApp: App;

  beforeAll(async () => {
    t = await createTestContext();
    await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'P1', name: '张建国' } });
    await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref: 'P2', name: '王磊' } });
    for (const [staffNo, person] of [
      ['S001', 'P1'],
      ['S002', 'P2'],
    ]) {
      await t.call('POST', '/api/v1/staff', {
        as: 'hr',
        body: {
          staffNo,
          person,
          category: 'cadre',
          unit: '支队机关',
          jurisdiction: '230500',
          hiredOn: '2010-01-01',
        },
      });
    }
    await t.call('POST', '/api/v1/organizations', {
      as: 'admin',
      body: { creditCode: creditCode(1), name: '安泰消防工程', kind: 'fire_engineering', region: '230502' },
    });

    const jwk = { ...(await exportJWK(idp.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((done) => jwks.listen(0, '127.0.0.1', done));
    const { port } = jwks.address() as AddressInfo;
    jwksApp = createApp({
      db: t.db,
      config: {
        ...t.deps.config,
        jwt: {
          secret: undefined,
          jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
          issuer: 'https://idp.example',
          audience: AUDIENCE,
        },
      },
    }).app;
  });
  afterAll(async () => {
    await new Promise<void>((done) => jwks.close(() => done()));
    await t.close();
  });

  describe('with the shared HS256 secret', () => {
    const path = '/api/v1/people/P1';

    it('accepts a well-formed token (the control for every refusal below)', async () => {
      expect((await call(t.app, path, hs256(claims()))).status).toBe(200);
    });

    const refusals: Array<[string, () => string | Promise<string> | undefined]> = [
      ['no token at all', () => undefined],
      ['an expired token', () => hs256(claims({ iat: now() - 7200, exp: now() - 3600 }))],
      [
        'a token signed with another secret',
        () => hs256(claims(), 'another-secret-of-at-least-32-characters!!'),
      ],
      ['an unsigned token (alg: none)', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
      [
        'an HS256 token whose secret is the RSA public key (algorithm confusion)',
        () => hmacToken({ alg: 'HS256', typ: 'JWT' }, claims(), publicPem),
      ],
      [
        'an RS256 token signed by a key the server does not know',
        () => rs256(claims(), stranger.privateKey, 'x'),
      ],
      ['a token for another audience', () => hs256(claims({ aud: 'some-other-api' }))],
      ['a token from another issuer', () => hs256(claims({ iss: 'someone-else' }))],
      ['a token without exp', () => hs256(claims({ exp: undefined }))],
      ['a token without sub', () => hs256(claims({ sub: undefined }))],
      ['a token naming no known role', () => hs256(claims({ roles: ['superuser'] }))],
      ['a token dated in the future (nbf)', () => hs256(claims({ nbf: now() + 3600 }))],
      ['garbage', () => 'not.a.token'],
    ];
    for (const [what, make] of refusals) {
      it(`refuses ${what} with 401 problem+json`, async () => {
        const res = await call(t.app, path, await make());
        expect(res.status).toBe(401);
        expect(res.type).toContain('application/problem+json');
        expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
        expect(res.body.name).toBeUndefined();
      });
    }

    it('refuses a credential under another scheme than Bearer', async () => {
      const res = await t.app.request(path, { headers: { authorization: `Basic ${hs256(claims())}` } });
      expect(res.status).toBe(401);
    });
  });

  describe('with an identity provider’s keys (JWT_JWKS_URL)', () => {
    const path = '/api/v1/people/P1';
    const idpClaims = (o: Record<string, unknown> = {}) => claims({ iss: 'https://idp.example', ...o });

    it('accepts an RS256 token signed by the provider (the control)', async () => {
      expect((await call(jwksApp, path, await rs256(idpClaims(), idp.privateKey, 'idp-1'))).status).toBe(200);
    });

    it('refuses an RS256 token whose signature was made with the RSA public key as an HMAC secret', async () => {
      const token = hmacToken({ alg: 'RS256', kid: 'idp-1', typ: 'JWT' }, idpClaims(), publicPem);
      expect((await call(jwksApp, path, token)).status).toBe(401);
    });

    it('refuses an HS256 token keyed with the public key, whatever it is keyed with', async () => {
      const jwk = JSON.stringify(await exportJWK(idp.publicKey));
      for (const secret of [publicPem, jwk, TEST_SECRET]) {
        const token = hmacToken({ alg: 'HS256', kid: 'idp-1', typ: 'JWT' }, idpClaims(), secret);
        expect((await call(jwksApp, path, token)).status).toBe(401);
      }
    });

    it('refuses an RS256 token signed by an unknown key, with or without the provider’s key id', async () => {
      for (const kid of ['idp-1', 'other']) {
        expect((await call(jwksApp, path, await rs256(idpClaims(), stranger.privateKey, kid))).status).toBe(
          401,
        );
      }
    });

    it('refuses the provider’s token for another audience or from another issuer, and one without exp', async () => {
      for (const c of [
        idpClaims({ aud: 'other' }),
        idpClaims({ iss: ISSUER }),
        idpClaims({ exp: undefined }),
      ]) {
        expect((await call(jwksApp, path, await rs256(c, idp.privateKey, 'idp-1'))).status).toBe(401);
      }
    });
  });

  it('answers 503, not 401 or 500, while the identity provider cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    const { app } = createApp({
      db: t.db,
      config: {
        ...t.deps.config,
        jwt: {
          secret: undefined,
          jwksUrl: `http://127.0.0.1:${port}/jwks`,
          issuer: 'https://idp.example',
          audience: AUDIENCE,
        },
      },
    });
    const token = await rs256(claims({ iss: 'https://idp.example' }), idp.privateKey, 'idp-1');
    const res = await call(app, '/api/v1/people/P1', token);
    expect(res.status).toBe(503);
    expect(res.type).toContain('application/problem+json');
  });

  describe('each role on each route group', () => {
    const ROLES: Role[] = ['admin', 'hr', 'discipline', 'investigator', 'staff'];
    const OFFICE: Role[] = ['admin', 'hr', 'discipline', 'investigator'];
    let serial = 100;
    const as = (role: Role) => ({ as: role, sub: role === 'staff' ? 'S001' : role });

    // A fresh, valid body per call, so an allowed role gets 201 and a refused one is refused for its role alone.
    const groups: Array<{
      name: string;
      read: string;
      write: string;
      writers: Role[];
      body: () => Promise<unknown>;
    }> = [
      {
        name: 'people',
        read: '/api/v1/people',
        write: '/api/v1/people',
        writers: ['admin', 'hr'],
        body: async () => ({ ref: `R${++serial}`, name: '测试' }),
      },
      {
        name: 'staff',
        read: '/api/v1/staff',
        write: '/api/v1/staff',
        writers: ['admin', 'hr'],
        body: async () => {
          const ref = `R${++serial}`;
          await t.call('POST', '/api/v1/people', { as: 'admin', body: { ref, name: '测试' } });
          return {
            staffNo: `X${serial}`,
            person: ref,
            category: 'firefighter',
            unit: '尖山区大队',
            jurisdiction: '230502',
            hiredOn: '2020-01-01',
          };
        },
      },
      {
        name: 'kinship',
        read: '/api/v1/kinship',
        write: '/api/v1/kinship',
        writers: ['admin', 'hr', 'discipline', 'investigator'],
        body: async () => {
          const ref = `R${++serial}`;
          await t.call('POST', '/api/v1/people', { as: 'admin', body: { ref, name: '亲属' } });
          return { person: 'P1', relative: ref, relation: 'sibling' };
        },
      },
      {
        name: 'organizations',
        read: '/api/v1/organizations',
        write: '/api/v1/organizations',
        writers: ['admin', 'discipline', 'investigator'],
        body: async () => ({
          creditCode: creditCode(++serial),
          name: '测试公司',
          kind: 'other',
          region: '230502',
        }),
      },
      {
        name: 'affiliations',
        read: '/api/v1/affiliations',
        write: '/api/v1/affiliations',
        writers: ['admin', 'hr', 'discipline', 'investigator'],
        body: async () => ({
          person: 'P2',
          org: creditCode(1),
          role: 'employee',
          from: `2020-01-${String((++serial % 28) + 1).padStart(2, '0')}`,
          source: 'investigation',
        }),
      },
      {
        name: 'ownerships',
        read: '/api/v1/ownerships',
        write: '/api/v1/ownerships',
        writers: ['admin', 'discipline', 'investigator'],
        body: async () => {
          const owner = creditCode(++serial);
          await t.call('POST', '/api/v1/organizations', {
            as: 'admin',
            body: { creditCode: owner, name: '控股', kind: 'other', region: '230502' },
          });
          return { owner, org: creditCode(1), share: 10 };
        },
      },
    ];

    for (const group of groups) {
      for (const role of ROLES) {
        const readable = OFFICE.includes(role);
        it(`${group.name}: ${role} ${readable ? 'may' : 'may not'} list`, async () => {
          expect((await t.call('GET', group.read, as(role))).status).toBe(readable ? 200 : 403);
        });
        const writable = group.writers.includes(role);
        it(`${group.name}: ${role} ${writable ? 'may' : 'may not'} record`, async () => {
          const res = await t.call('POST', group.write, { ...as(role), body: await group.body() });
          expect(res.status, JSON.stringify(res.body)).toBe(writable ? 201 : 403);
        });
      }
    }

    it('refuses a role before it looks at the body: a refused role never learns what is wrong with it', async () => {
      const res = await t.call('POST', '/api/v1/people', { as: 'investigator', body: { nonsense: true } });
      expect(res.status).toBe(403);
      expect(res.body.errors).toBeUndefined();
    });

    it('gives the audit trail to the admin alone', async () => {
      for (const role of ROLES) {
        expect((await t.call('GET', '/api/v1/audit', as(role))).status).toBe(role === 'admin' ? 200 : 403);
        expect((await t.call('GET', '/api/v1/audit/verify', as(role))).status).toBe(
          role === 'admin' ? 200 : 403,
        );
      }
    });

    it('shows a staff member their own records and 404s every other one, exactly like a missing one', async () => {
      const me = { as: 'staff' as const, sub: 'S001' };
      expect((await t.call('GET', '/api/v1/staff/S001', me)).status).toBe(200);
      expect((await t.call('GET', '/api/v1/people/P1', me)).status).toBe(200);
      const other = await t.call('GET', '/api/v1/staff/S002', me);
      const missing = await t.call('GET', '/api/v1/staff/S999', me);
      expect([other.status, missing.status]).toEqual([404, 404]);
      expect({ ...other.body, detail: '', instance: '', requestId: '' }).toEqual({
        ...missing.body,
        detail: '',
        instance: '',
        requestId: '',
      });
      expect((await t.call('GET', '/api/v1/people/P2', me)).status).toBe(404);
      // A staff token whose number matches no record sees nothing at all.
      expect((await t.call('GET', '/api/v1/people/P1', { as: 'staff', sub: 'S404' })).status).toBe(404);
    });
  });
});

describe('a token the server has already verified', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => {
    vi.useRealTimers();
    return t.close();
  });
  const me = (token: string) =>
    t.call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });

  it('is refused once it expires, though it was accepted before', async () => {
    const token = hs256(claims({ exp: now() + 60 }));
    expect((await me(token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 120_000);
    const later = await me(token);
    expect(later.status).toBe(401);
    expect(later.body.detail).toMatch(/expired/);
  });

  it('is refused before its not-before time, though a copy was accepted within the tolerance', async () => {
    vi.useRealTimers();
    const token = hs256(claims({ nbf: now() + 20 }));
    expect((await me(token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 120_000);
    expect((await me(token)).status).toBe(401);
  });
});
