import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/test-app.ts';

describe('kinship: who is whose relative', () => {
  let t: TestContext;
  let spouseId: number;
  beforeAll(async () => {
    t = await createTestContext();
    for (const [ref, name] of [
      ['P1', '张建国'],
      ['P1W', '李秀英'],
      ['P1S', '张小军'],
      ['P3', '刘洋'],
      ['P3F', '马国富'],
    ]) {
      expect((await t.call('POST', '/api/v1/people', { as: 'hr', body: { ref, name } })).status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const audits = async (action: string) =>
    (await t.call('GET', `/api/v1/audit?action=${action}`, { as: 'admin' })).body.items;

  it('records that P1W is P1’s spouse', async () => {
    const res = await t.call('POST', '/api/v1/kinship', {
      as: 'hr',
      body: { person: 'P1', relative: 'P1W', relation: 'spouse' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ person: 'P1', relative: 'P1W', relation: 'spouse', version: 1 });
    expect(res.headers.get('location')).toBe(`/api/v1/kinship/${res.body.id}`);
    spouseId = res.body.id;
    for (const [person, relative, relation] of [
      ['P1', 'P1S', 'child'],
      ['P3', 'P3F', 'spouse_parent'],
    ]) {
      const more = await t.call('POST', '/api/v1/kinship', {
        as: 'investigator',
        body: { person, relative, relation },
      });
      expect(more.status).toBe(201);
    }
  });

  it('refuses a person as their own relative, and names every unknown person at once', async () => {
    const self = await t.call('POST', '/api/v1/kinship', {
      as: 'hr',
      body: { person: 'P1', relative: 'P1', relation: 'sibling' },
    });
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ path: '/relative' })]);
    const unknown = await t.call('POST', '/api/v1/kinship', {
      as: 'hr',
      body: { person: 'NOBODY', relative: 'NOONE', relation: 'sibling' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: any) => e.path)).toEqual(['/person', '/relative']);
    const relation = await t.call('POST', '/api/v1/kinship', {
      as: 'hr',
      body: { person: 'P1', relative: 'P3', relation: 'cousin' },
    });
    expect(relation.status).toBe(400);
  });

  it('keeps one record per pair: the same pair in either direction is a 409', async () => {
    const again = await t.call('POST', '/api/v1/kinship', {
      as: 'hr',
      body: { person: 'P1', relative: 'P1W', relation: 'spouse' },
    });
    expect(again.status).toBe(409);
    const reversed = await t.call('POST', '/api/v1/kinship', {
      as: 'hr',
      body: { person: 'P1W', relative: 'P1', relation: 'spouse' },
    });
    expect(reversed.status).toBe(409);
    expect(reversed.body.existing).toBe(spouseId);
  });

  it('lists every relative of a person, on either side of the record, and audits the disclosure', async () => {
    const before = (await audits('read-kinship')).length;
    const res = await t.call('GET', '/api/v1/kinship?involving=P1W', { as: 'discipline' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.items.map((k: any) => [k.person, k.relative, k.relation])).toEqual([
      ['P1', 'P1W', 'spouse'],
    ]);
    const trail = await audits('read-kinship');
    expect(trail).toHaveLength(before + 1);
    expect(trail[0]).toMatchObject({
      actor: 'discipline',
      objectKeys: { filter: { involving: 'P1W' }, kinship: [spouseId], people: ['P1', 'P1W'] },
    });

    const ofP1 = await t.call('GET', '/api/v1/kinship?person=P1', { as: 'hr' });
    expect(ofP1.body.items.map((k: any) => k.relative)).toEqual(['P1W', 'P1S']);
    const asRelative = await t.call('GET', '/api/v1/kinship?relative=P3F', { as: 'hr' });
    expect(asRelative.body.items.map((k: any) => k.person)).toEqual(['P3']);
    const spouses = await t.call('GET', '/api/v1/kinship?relation=spouse', { as: 'hr' });
    expect(spouses.body.items).toHaveLength(1);
    expect((await audits('read-kinship')).length).toBe(before + 4);
  });

  it('audits reading one kinship record too', async () => {
    const res = await t.call('GET', `/api/v1/kinship/${spouseId}`, { as: 'investigator' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect((await audits('read-kinship'))[0]).toMatchObject({
      actor: 'investigator',
      objectKeys: { kinship: [spouseId], people: ['P1', 'P1W'] },
    });
  });

  it('does not audit a read that found nothing to disclose by id (404 leaves no trace of a record)', async () => {
    const before = (await audits('read-kinship')).length;
    expect((await t.call('GET', '/api/v1/kinship/999999', { as: 'hr' })).status).toBe(404);
    expect((await audits('read-kinship')).length).toBe(before);
  });

  it('corrects a relation under If-Match and keeps the earlier one in the history', async () => {
    const path = `/api/v1/kinship/${spouseId}`;
    const read = await t.call('GET', path, { as: 'hr' });
    expect((await t.call('PATCH', path, { as: 'hr', body: { relation: 'other' } })).status).toBe(428);
    const res = await t.call('PATCH', path, {
      as: 'hr',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { relation: 'other' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ relation: 'other', version: 2 });
    const stale = await t.call('PATCH', path, {
      as: 'hr',
      headers: { 'if-match': read.headers.get('etag')! },
      body: { relation: 'spouse' },
    });
    expect(stale.status).toBe(412);
    const moved = await t.call('PATCH', path, {
      as: 'hr',
      headers: { 'if-match': res.headers.get('etag')! },
      body: { relative: 'P3' },
    });
    expect(moved.status).toBe(400);
    const history = await t.call('GET', `${path}/history`, { as: 'discipline' });
    expect(history.body.items.map((v: any) => v.relation)).toEqual(['spouse', 'other']);
  });

  it('is closed to a staff-only token (403), whoever’s relatives are asked for', async () => {
    expect((await t.call('GET', '/api/v1/kinship?person=P1', { as: 'staff', sub: 'S001' })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/kinship/${spouseId}`, { as: 'staff', sub: 'S001' })).status).toBe(
      403,
    );
  });
});
