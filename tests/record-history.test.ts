import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../src/bundle/schema.ts';
import { encodeCursor } from '../src/http/schemas.ts';
import { versionsOf } from '../src/personnel/history.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const fixture = loadFixture<Bundle>('world-small.json');
const [person, org, staff, kinship, affiliation, ownership] = [
  fixture.people![0]!,
  fixture.organizations![0]!,
  fixture.staff![0]!,
  fixture.kinship![0]!,
  fixture.affiliations![0]!,
  fixture.ownerships![0]!,
];
const NAMES = ['张建华', '张建民', '张建军'];

/** The six versioned records again, each with one field changed: round 1, 2, 3 make versions 2, 3, 4. */
const changed = (round: number): Bundle => ({
  format: 'coi-bundle/1',
  people: [{ ...person, name: NAMES[round - 1]! }],
  organizations: [{ ...org, name: `${org.name}${'一二三'[round - 1]}` }],
  staff: [{ ...staff, unit: `${staff.unit}${'一二三'[round - 1]}大队` }],
  kinship: [{ ...kinship, relation: round % 2 === 1 ? 'other' : kinship.relation }],
  affiliations: [{ ...affiliation, share: affiliation.share! + round }],
  ownerships: [{ ...ownership, share: ownership.share! + round }],
});

describe('the history of a versioned record, page by page', () => {
  let t: TestContext;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const body of [fixture, changed(1), changed(2), changed(3)]) {
      const res = await t.call('POST', '/api/v1/import', { as: 'admin', body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const idOf = async (query: RawBuilder<{ id: number }>) => (await query.execute(t.db)).rows[0]!.id;
    const kinshipId = await idOf(sql`
      select k.id from kinship k join person p on p.id = k.person_id join person r on r.id = k.relative_id
      where p.ref = ${kinship.person} and r.ref = ${kinship.relative}`);
    const affiliationId = await idOf(sql`
      select a.id from affiliation a join person p on p.id = a.person_id join organization o on o.id = a.org_id
      where p.ref = ${affiliation.person} and o.credit_code = ${affiliation.org} and a.role = ${affiliation.role}`);
    const ownershipId = await idOf(sql`
      select w.id from ownership w join organization o on o.id = w.owner_org_id
      join organization t on t.id = w.org_id
      where o.credit_code = ${ownership.owner} and t.credit_code = ${ownership.org}`);
    Object.assign(paths, {
      person: `/api/v1/people/${person.ref}/history`,
      organization: `/api/v1/organizations/${org.creditCode}/history`,
      staff: `/api/v1/staff/${staff.staffNo}/history`,
      kinship: `/api/v1/kinship/${kinshipId}/history`,
      affiliation: `/api/v1/affiliations/${affiliationId}/history`,
      ownership: `/api/v1/ownerships/${ownershipId}/history`,
    });
  }, 120_000);
  afterAll(() => t?.close());

  /** Every page at `limit`, following nextCursor to the end. */
  async function pages(path: string, limit: number) {
    const found: Array<{ items: any[]; nextCursor: string | null }> = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await t.call(
        'GET',
        `${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        { as: 'discipline' },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      found.push(res.body);
      cursor = res.body.nextCursor;
    } while (cursor && found.length < 10);
    return found;
  }

  it.each(['person', 'organization', 'staff', 'kinship', 'affiliation', 'ownership'])(
    'lists every version of a %s oldest first, the current one last, in pages of any size',
    async (kind) => {
      for (const limit of [1, 2, 3, 4, 100]) {
        const got = await pages(paths[kind]!, limit);
        expect(
          got.map((p) => p.items.map((v) => v.version)),
          `limit ${limit}`,
        ).toEqual(limit === 100 ? [[1, 2, 3, 4]] : chunk([1, 2, 3, 4], limit));
        expect(got.at(-1)!.nextCursor).toBeNull();
      }
    },
  );

  it('shows what each version held: the replaced ones from the revision trail, then the record as stored', async () => {
    const [all] = await pages(paths.person!, 100);
    expect(all!.items.map((v) => v.name)).toEqual([person.name, ...NAMES]);
    const [shares] = await pages(paths.ownership!, 100);
    expect(shares!.items.map((v) => v.share)).toEqual([0, 1, 2, 3].map((n) => ownership.share! + n));
  });

  it('lists the versions before the one it read as current: one saved meanwhile is not listed twice', async () => {
    const row = await t.db
      .selectFrom('person')
      .selectAll()
      .where('ref', '=', person.ref)
      .executeTakeFirstOrThrow();
    // The record as a reader saw it just before versions 3 and 4 were saved.
    const seen = { ...row, version: 2, name: NAMES[0]! };
    const { items } = await versionsOf(t.db, 'person', seen, row.id, { limit: 100 });
    expect(items.map((v) => [v.version, v.name])).toEqual([
      [1, person.name],
      [2, NAMES[0]],
    ]);
  });

  it('answers an empty last page after the current version', async () => {
    const res = await t.call('GET', `${paths.affiliation}?cursor=${encodeCursor(4)}`, { as: 'discipline' });
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a cursor this API did not issue, and a limit out of range', async () => {
    const bad = await t.call('GET', `${paths.kinship}?cursor=bm90LWEtY3Vyc29y`, { as: 'discipline' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: '/cursor', message: 'not a cursor issued by this API' }]);
    expect((await t.call('GET', `${paths.staff}?limit=0`, { as: 'discipline' })).status).toBe(400);
    expect((await t.call('GET', `${paths.staff}?limit=1001`, { as: 'discipline' })).status).toBe(400);
  });
});

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
