import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSignInEnabled } from '../src/auth/dev-sign-in.ts';
import { loadConfig } from '../src/config.ts';
import {
  createTestContext,
  importFixture,
  loadFixture,
  TEST_SECRET,
  testConfig,
  type TestContext,
} from './support/test-app.ts';

describe('who the caller is (GET /me)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importFixture(t, loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  it('names the staff member behind a staff token', async () => {
    const res = await t.call('GET', '/api/v1/me', { as: 'staff', sub: 'S001' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sub: 'S001', roles: ['staff'], staff: { staffNo: 'S001' } });
    expect(res.body.staff.name).toEqual(expect.any(String));
  });

  it('has no staff record for an office token whose subject is not a staff number', async () => {
    const res = await t.call('GET', '/api/v1/me', { as: ['discipline', 'investigator'], sub: 'officer-7' });
    expect(res.body).toEqual({ sub: 'officer-7', roles: ['discipline', 'investigator'], staff: null });
  });

  it('needs a token', async () => {
    expect((await t.call('GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('the development sign-in', () => {
  it('is on by default only with the secret the server generated for itself', () => {
    expect(devSignInEnabled(loadConfig({}))).toBe(true);
    expect(devSignInEnabled(loadConfig({ JWT_SECRET: TEST_SECRET }))).toBe(false);
    expect(devSignInEnabled(loadConfig({ JWT_SECRET: TEST_SECRET, DEV_SIGNIN: 'on' }))).toBe(true);
    expect(devSignInEnabled(loadConfig({ DEV_SIGNIN: 'off' }))).toBe(false);
  });

  it('cannot be turned on when tokens come from an identity provider', () => {
    expect(() =>
      loadConfig({
        JWT_JWKS_URL: 'https://idp.example/jwks',
        JWT_ISSUER: 'idp',
        JWT_AUDIENCE: 'qinglian',
        DEV_SIGNIN: 'on',
      }),
    ).toThrow(/DEV_SIGNIN/);
  });

  describe('when off', () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext();
    });
    afterAll(() => t.close());

    it('answers 404 as if it did not exist, even to a malformed request', async () => {
      expect((await t.call('GET', '/auth/dev-sign-in')).status).toBe(404);
      expect(
        (await t.call('POST', '/auth/dev-sign-in', { body: { roles: ['admin'], sub: 'x' } })).status,
      ).toBe(404);
      expect((await t.call('POST', '/auth/dev-sign-in', { body: 'nonsense' })).status).toBe(404);
    });
  });

  describe('with the secret generated in DATA_DIR (auto)', () => {
    let t: TestContext;
    const from = (address: string) => ({
      incoming: { socket: { remoteAddress: address, remoteFamily: 'IPv4' } },
    });
    beforeAll(async () => {
      // The server was started without JWT_SECRET: the secret is its own (the out-of-the-box npm start).
      t = await createTestContext({
        config: { devSignIn: 'auto', jwt: { ...testConfig().jwt, secret: undefined } },
      });
    });
    afterAll(() => t.close());

    it('mints for a browser on this machine', async () => {
      const res = await t.app.request(
        '/auth/dev-sign-in',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"roles":["hr"],"sub":"dev-hr"}',
        },
        from('127.0.0.1'),
      );
      expect(res.status).toBe(201);
    });

    it('is not there for a request from another machine, though the server listens on every interface', async () => {
      expect((await t.app.request('/auth/dev-sign-in', {}, from('192.168.1.20'))).status).toBe(404);
      const minted = await t.app.request(
        '/auth/dev-sign-in',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"roles":["admin"],"sub":"x"}',
        },
        from('10.0.0.5'),
      );
      expect(minted.status).toBe(404);
    });
  });

  describe('when on', () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext({ config: { devSignIn: 'on' } });
      expect(
        (await t.call('POST', '/api/v1/import', { as: 'admin', body: loadFixture('world-small.json') }))
          .status,
      ).toBe(200);
    });
    afterAll(() => t.close());

    it('lists every role and serving staff to sign in as', async () => {
      const res = await t.call('GET', '/auth/dev-sign-in');
      expect(res.status).toBe(200);
      expect(res.body.roles).toEqual(['admin', 'hr', 'discipline', 'investigator', 'staff']);
      expect(res.body.staff.map((s: any) => s.staffNo)).toContain('S001');
    });

    it('mints a token the API accepts, and the audit trail records who it was minted for', async () => {
      const res = await t.call('POST', '/auth/dev-sign-in', { body: { roles: ['hr'], sub: 'dev-hr' } });
      expect(res.status).toBe(201);
      const me = await t.app.request('/api/v1/me', {
        headers: { authorization: `Bearer ${res.body.token}` },
      });
      expect(await me.json()).toMatchObject({ sub: 'dev-hr', roles: ['hr'] });
      const audit = await t.call('GET', '/api/v1/audit?action=auth.dev-token.mint', { as: 'admin' });
      expect(audit.body.items).toEqual([
        expect.objectContaining({ actor: 'dev-sign-in', objectKeys: { sub: 'dev-hr', roles: ['hr'] } }),
      ]);
    });

    it('refuses a staff token for a staff number that is not recorded', async () => {
      const res = await t.call('POST', '/auth/dev-sign-in', { body: { roles: ['staff'], sub: 'S999' } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: '/sub', message: expect.any(String) }]);
    });

    it('refuses an unknown role and an empty role list, naming each problem', async () => {
      const res = await t.call('POST', '/auth/dev-sign-in', { body: { roles: ['root'], sub: '' } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['/roles/0', '/sub']);
    });
  });
});
