import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../src/lib/gb11643.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;

const ROSTER = [
  { staffNo: 'S001', person: 'P1', category: 'leader_cadre', unit: '支队机关', hiredOn: '1998-07-01' },
  { staffNo: 'S002', person: 'P2', category: 'enforcement_cadre', unit: '尖山区大队', hiredOn: '2008-09-01' },
  { staffNo: 'S003', person: 'P3', category: 'firefighter', unit: '尖山区大队', hiredOn: '2015-03-01' },
  {
    staffNo: 'S004',
    person: 'P4',
    category: 'enforcement_cadre',
    unit: '岭东区大队',
    hiredOn: '2001-07-01',
    departedOn: '2024-03-31',
    departureKind: 'retired',
  },
  { staffNo: 'S005', person: 'P5', category: 'civilian', unit: '尖山区大队', hiredOn: '2026-07-01' },
] as const;

describe('staff records (工号) of recorded people', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    for (const [i, s] of ROSTER.entries()) {
      const person = await t.call('POST', '/api/v1/people', {
        as: 'hr',
        body: { ref: s.person, name: `人员${i + 1}`, idNumber: idNumber(`2305021980010100${i}`) },
      });
      expect(person.status).toBe(201);
      const staff = await t.call('POST', '/api/v1/staff', {
        as: 'hr',
        body: { ...s, jurisdiction: '230500' },
      });
      expect(staff.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('records a staff member with an ETag and a Location', async () => {
    await t.call('POST', '/api/v1/people', { as: 'admin', body: { ref: 'P6', name: '孙强' } });
    const res = await t.call('POST', '/api/v1/staff', {
      as: 'admin',
      body: {
        staffNo: 'S006',
        person: 'P6',
        category: 'cadre',
        unit: '支队机关',
        jurisdiction: '230500',
        hiredOn: '2010-01-01',
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/v1/staff/S006');
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ staffNo: 'S006', person: 'P6', departedOn: null, departureKind: null });
  });

  it('reports every problem of a bad staff record at once, each with its path', async () => {
    const res = await t.call('POST', '/api/v1/staff', {
      as: 'hr',
      body: {
        staffNo: 'S099',
        person: 'NOBODY',
        category: 'cadre',
        unit: '支队机关',
        jurisdiction: '230500',
        hiredOn: '2020-01-01',
        departedOn: '2019-12-31',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['/departedOn', '/person']);

    const shape = await t.call('POST', '/api/v1/staff', {
      as: 'hr',
      body: {
        staffNo: 'S099',
        person: 'P1',
        category: 'chief',
        unit: '',
        jurisdiction: '2305',
        hiredOn: '2020-02-30',
      },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: any) => e.path).sort()).toEqual([
      '/category',
      '/hiredOn',
      '/jurisdiction',
      '/unit',
    ]);
    expect((await t.call('GET', '/api/v1/staff/S099', { as: 'hr' })).status).toBe(404);
  });

  it('refuses a second record with the same staff number (409)', async () => {
    const res = await t.call('POST', '/api/v1/staff', {
      as: 'hr',
      body: { ...ROSTER[0], jurisdiction: '230500' },
    });
    expect(res.status).toBe(409);
  });

  it('filters the roster by unit, category and person, in staff-number order', async () => {
    const unit = await t.call('GET', `/api/v1/staff?unit=${encodeURIComponent('尖山区大队')}`, { as: 'hr' });
    expect(unit.body.items.map((s: any) => s.staffNo)).toEqual(['S002', 'S003', 'S005']);
    const cat = await t.call('GET', '/api/v1/staff?category=enforcement_cadre', { as: 'discipline' });
    expect(cat.body.items.map((s: any) => s.staffNo)).toEqual(['S002', 'S004']);
    const person = await t.call('GET', '/api/v1/staff?person=P3', { as: 'investigator' });
    expect(person.body.items.map((s: any) => s.staffNo)).toEqual(['S003']);
    expect((await t.call('GET', '/api/v1/staff?category=chief', { as: 'hr' })).status).toBe(400);
  });

  it('finds who is serving on a day: hired on or before it and not yet departed', async () => {
    const ids = async (day: string) =>
      (await t.call('GET', `/api/v1/staff?servingOn=${day}`, { as: 'hr' })).body.items.map(
        (s: any) => s.staffNo,
      );
    expect(await ids('2024-03-30')).toEqual(['S001', 'S002', 'S003', 'S004', 'S006']);
    expect(await ids('2024-03-31')).toEqual(['S001', 'S002', 'S003', 'S006']);
    expect(await ids('2026-07-01')).toEqual(['S001', 'S002', 'S003', 'S005', 'S006']);
    expect((await t.call('GET', '/api/v1/staff?servingOn=2024-02-30', { as: 'hr' })).status).toBe(400);
  });

  it('pages through the roster with a cursor', async () => {
    const first = await t.call('GET', '/api/v1/staff?limit=4', { as: 'hr' });
    expect(first.body.items).toHaveLength(4);
    const second = await t.call('GET', `/api/v1/staff?limit=4&cursor=${first.body.nextCursor}`, { as: 'hr' });
    expect(second.body.items.map((s: any) => s.staffNo)).toEqual(['S005', 'S006']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('records a departure as an update under If-Match, keeping the earlier version', async () => {
    const read = await t.call('GET', '/api/v1/staff/S003', { as: 'hr' });
    expect(
      (await t.call('PATCH', '/api/v1/staff/S003', { as: 'hr', body: { departedOn: '2026-05-01' } })).status,
    ).toBe(428);
    const kindless = await t.call('PATCH', '/api/v1/staff/S003', {
      as: 'hr',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { departureKind: 'resigned' },
    });
    expect(kindless.status).toBe(400);
    expect(kindless.body.errors).toEqual([expect.objectContaining({ path: '/departureKind' })]);

    const res = await t.call('PATCH', '/api/v1/staff/S003', {
      as: 'hr',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { departedOn: '2026-05-01', departureKind: 'resigned' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ departedOn: '2026-05-01', departureKind: 'resigned', version: 2 });

    const stale = await t.call('PATCH', '/api/v1/staff/S003', {
      as: 'hr',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { unit: '岭东区大队' },
    });
    expect(stale.status).toBe(412);

    const history = await t.call('GET', '/api/v1/staff/S003/history', { as: 'discipline' });
    expect(history.body.items.map((v: any) => [v.version, v.departedOn, v.person])).toEqual([
      [1, null, 'P3'],
      [2, '2026-05-01', 'P3'],
    ]);
  });

  it('refuses server-owned and unknown fields in a staff update (400)', async () => {
    const read = await t.call('GET', '/api/v1/staff/S001', { as: 'hr' });
    for (const body of [{ person: 'P2' }, { staffNo: 'S999' }, { seq: 1 }, { id: 5 }, { salary: 1 }]) {
      const res = await t.call('PATCH', '/api/v1/staff/S001', {
        as: 'hr',
        headers: { 'if-match': read.headers.get('etag')! },
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.call('GET', '/api/v1/staff/S001', { as: 'hr' })).body).toMatchObject({
      person: 'P1',
      version: 1,
    });
  });

  describe('a staff member looking at their own record', () => {
    it('sees their own staff record and person, with the ID number masked', async () => {
      const own = await t.call('GET', '/api/v1/staff/S002', { as: 'staff', sub: 'S002' });
      expect(own.status).toBe(200);
      expect(own.body.person).toBe('P2');
      const person = await t.call('GET', '/api/v1/people/P2', { as: 'staff', sub: 'S002' });
      expect(person.status).toBe(200);
      expect(person.body.idNumber).toMatch(/^2305\*{10}/);
      expect((await t.call('GET', '/api/v1/people/P2/history', { as: 'staff', sub: 'S002' })).status).toBe(
        200,
      );
    });

    it('gets for another staff member’s records exactly the 404 a missing one gets', async () => {
      const strip = (body: any) => ({ ...body, requestId: undefined, instance: undefined });
      const other = await t.call('GET', '/api/v1/staff/S001', { as: 'staff', sub: 'S002' });
      const missing = await t.call('GET', '/api/v1/staff/S404', { as: 'staff', sub: 'S002' });
      expect(other.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(Object.keys(other.body).sort()).toEqual(Object.keys(missing.body).sort());
      expect(strip(other.body)).toEqual({
        ...strip(missing.body),
        detail: missing.body.detail.replace('S404', 'S001'),
      });

      const otherPerson = await t.call('GET', '/api/v1/people/P1', { as: 'staff', sub: 'S002' });
      const noPerson = await t.call('GET', '/api/v1/people/P404', { as: 'staff', sub: 'S002' });
      expect(otherPerson.status).toBe(404);
      expect(strip(otherPerson.body)).toEqual({
        ...strip(noPerson.body),
        detail: noPerson.body.detail.replace('P404', 'P1'),
      });
      expect((await t.call('GET', '/api/v1/people/P1/history', { as: 'staff', sub: 'S002' })).status).toBe(
        404,
      );
      expect((await t.call('GET', '/api/v1/staff/S001/history', { as: 'staff', sub: 'S002' })).status).toBe(
        404,
      );
    });

    it('may not list, write or reveal (403)', async () => {
      const as = { as: 'staff' as const, sub: 'S002' };
      expect((await t.call('GET', '/api/v1/staff', as)).status).toBe(403);
      expect((await t.call('GET', '/api/v1/people', as)).status).toBe(403);
      expect((await t.call('GET', '/api/v1/people/P2?reveal=mine', as)).status).toBe(403);
      const own = await t.call('GET', '/api/v1/staff/S002', as);
      const patch = await t.call('PATCH', '/api/v1/staff/S002', {
        ...as,
        headers: { 'if-match': own.headers.get('etag')! },
        body: { unit: '支队机关' },
      });
      expect(patch.status).toBe(403);
    });

    it('sees everything again once they also hold an office role', async () => {
      const res = await t.call('GET', '/api/v1/staff/S001', { as: ['staff', 'hr'], sub: 'S002' });
      expect(res.status).toBe(200);
    });
  });
});
