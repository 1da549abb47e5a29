import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../src/lib/gb32100.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const creditCode = (region: string, serial: string) => {
  const body = `91${region}${serial.padStart(9, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
};

const ORGS = [
  {
    creditCode: creditCode('230502', 'MA1B0001'),
    name: '双鸭山安泰消防工程有限公司',
    kind: 'fire_engineering',
    region: '230502',
  },
  {
    creditCode: creditCode('230502', 'MA1B0002'),
    name: '尖山消防维保检测中心',
    kind: 'technical_service_maintenance',
    region: '230502',
  },
  {
    creditCode: creditCode('230503', 'MA1B0003'),
    name: '岭东消防设施维保公司',
    kind: 'technical_service_maintenance',
    region: '230503',
  },
  {
    creditCode: creditCode('230500', 'MA1B0004'),
    name: '双鸭山市消防协会',
    kind: 'industry_association',
    region: '230500',
  },
  {
    creditCode: creditCode('230102', 'MA1B0005'),
    name: '哈尔滨安评咨询',
    kind: 'intermediary',
    region: '230102',
  },
] as const;

describe('organisations, named by unified social credit code', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    for (const org of ORGS) {
      const res = await t.call('POST', '/api/v1/organizations', { as: 'investigator', body: org });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('answers a created organisation with its Location, ETag and the record as stored', async () => {
    const res = await t.call('GET', `/api/v1/organizations/${ORGS[0].creditCode}`, { as: 'hr' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ ...ORGS[0], version: 1 });
  });

  it('refuses a credit code with a wrong check character, saying which one was expected', async () => {
    const good = creditCode('230502', 'MA1B0099');
    const wrong = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const res = await t.call('POST', '/api/v1/organizations', {
      as: 'admin',
      body: { creditCode: wrong, name: '冒牌公司', kind: 'other', region: '230502' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/creditCode', message: expect.stringContaining(`gives ${good[17]}`) },
    ]);
    expect((await t.call('GET', `/api/v1/organizations/${wrong}`, { as: 'admin' })).status).toBe(404);
  });

  it('refuses a duplicate credit code (409) and unknown or server-owned fields (400)', async () => {
    expect((await t.call('POST', '/api/v1/organizations', { as: 'admin', body: ORGS[1] })).status).toBe(409);
    const res = await t.call('POST', '/api/v1/organizations', {
      as: 'admin',
      body: { ...ORGS[1], creditCode: creditCode('230502', 'MA1B0098'), version: 3, legalPerson: '某某' },
    });
    expect(res.status).toBe(400);
  });

  it('filters by kind, by region prefix and by part of the name', async () => {
    const codes = async (query: string) =>
      (await t.call('GET', `/api/v1/organizations?${query}`, { as: 'discipline' })).body.items.map(
        (o: any) => o.name,
      );
    expect(await codes('kind=technical_service_maintenance')).toEqual([ORGS[1].name, ORGS[2].name]);
    expect(await codes('region=2305')).toHaveLength(4);
    expect(await codes('region=230502')).toEqual([ORGS[0].name, ORGS[1].name]);
    expect(await codes(`name=${encodeURIComponent('维保')}`)).toEqual([ORGS[1].name, ORGS[2].name]);
    expect(await codes(`region=2305&kind=industry_association`)).toEqual([ORGS[3].name]);
    expect((await t.call('GET', '/api/v1/organizations?region=23%25', { as: 'hr' })).status).toBe(400);
  });

  it('pages through organisations in credit-code order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.call(
        'GET',
        `/api/v1/organizations?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          as: 'investigator',
        },
      );
      seen.push(...page.body.items.map((o: any) => o.creditCode));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ORGS.map((o) => o.creditCode).sort());
  });

  it('reclassifies an organisation under If-Match and keeps the earlier kind in its history', async () => {
    const path = `/api/v1/organizations/${ORGS[4].creditCode}`;
    const read = await t.call('GET', path, { as: 'discipline' });
    const res = await t.call('PATCH', path, {
      as: 'discipline',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { kind: 'technical_service_assessment' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const stale = await t.call('PATCH', path, {
      as: 'discipline',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { kind: 'other' },
    });
    expect(stale.status).toBe(412);
    const history = await t.call('GET', `${path}/history`, { as: 'hr' });
    expect(history.body.items.map((v: any) => v.kind)).toEqual([
      'intermediary',
      'technical_service_assessment',
    ]);
  });

  it('lets HR read organisations but not record them', async () => {
    expect((await t.call('GET', '/api/v1/organizations', { as: 'hr' })).status).toBe(200);
    const res = await t.call('POST', '/api/v1/organizations', {
      as: 'hr',
      body: { ...ORGS[0], creditCode: creditCode('230502', 'MA1B0077') },
    });
    expect(res.status).toBe(403);
  });
});
