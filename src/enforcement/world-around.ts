import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { World } from '../graph/world.ts';

// A slice of the world around a few people: their staff records, certificates and suspensions, their kin,
// every affiliation of them and their kin, the ownership chains from those organisations up to the hop
// limit, and the organisations named. Enough for the ENF-* rules and for relatives' ties, built in a fixed
// number of queries whatever the size of the whole world, and read inside the caller's transaction if any.

const CHUNK = 5000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks([...new Set(items)])) out.push(...(await run(chunk)));
  return out;
}

export interface WorldAroundOptions {
  /** Staff whose records (certificates, suspensions) and kin are loaded. */
  staffIds: readonly number[];
  /** Organisations to include even when no tie reaches them (the organisation acted upon). */
  orgIds?: readonly number[];
  maxOwnershipHops: number;
}

export async function loadWorldAround(db: Kysely<Database>, options: WorldAroundOptions): Promise<World> {
  const world = new World();
  const staff = await inChunks(options.staffIds, (ids) =>
    db
      .selectFrom('staff as s')
      .innerJoin('person as p', 'p.id', 's.personId')
      .select([
        's.id',
        's.staffNo',
        's.personId',
        'p.ref',
        'p.name',
        's.category',
        's.unit',
        's.jurisdiction',
        's.hiredOn',
        's.departedOn',
        's.departureKind',
      ])
      .where('s.id', 'in', ids)
      .execute(),
  );
  const staffIds = staff.map((s) => s.id);
  const coreIds = [...new Set(staff.map((s) => s.personId))];

  const kinship = await inChunks(coreIds, (ids) =>
    db
      .selectFrom('kinship as k')
      .innerJoin('person as a', 'a.id', 'k.personId')
      .innerJoin('person as b', 'b.id', 'k.relativeId')
      .select(['k.personId', 'k.relativeId', 'a.ref as person', 'b.ref as relative', 'k.relation'])
      .where(({ eb, or }) => or([eb('k.personId', 'in', ids), eb('k.relativeId', 'in', ids)]))
      .execute(),
  );
  const subjectIds = [...new Set([...coreIds, ...kinship.flatMap((k) => [k.personId, k.relativeId])])];
  const people = await inChunks(subjectIds, (ids) =>
    db.selectFrom('person').select(['id', 'ref', 'name']).where('id', 'in', ids).execute(),
  );
  const affiliations = await inChunks(subjectIds, (ids) =>
    db
      .selectFrom('affiliation as a')
      .innerJoin('person as p', 'p.id', 'a.personId')
      .innerJoin('organization as o', 'o.id', 'a.orgId')
      .select([
        'a.orgId',
        'p.ref as person',
        'o.creditCode as org',
        'a.role',
        'a.share',
        'a.paid',
        'a.validFrom',
        'a.validTo',
        'a.source',
      ])
      .where('a.personId', 'in', ids)
      .execute(),
  );

  // Ownership chains, one level per query, from every organisation a subject is tied to.
  const ownerships: {
    ownerOrgId: number;
    orgId: number;
    owner: string;
    org: string;
    share: string | null;
    validFrom: string | null;
    validTo: string | null;
  }[] = [];
  const seenOwners = new Set<number>();
  let frontier = [...new Set(affiliations.map((a) => a.orgId))];
  for (let hop = 0; hop < options.maxOwnershipHops && frontier.length > 0; hop += 1) {
    frontier.forEach((id) => seenOwners.add(id));
    const level = await inChunks(frontier, (ids) =>
      db
        .selectFrom('ownership as w')
        .innerJoin('organization as a', 'a.id', 'w.ownerOrgId')
        .innerJoin('organization as b', 'b.id', 'w.orgId')
        .select([
          'w.ownerOrgId',
          'w.orgId',
          'a.creditCode as owner',
          'b.creditCode as org',
          'w.share',
          'w.validFrom',
          'w.validTo',
        ])
        .where('w.ownerOrgId', 'in', ids)
        .execute(),
    );
    ownerships.push(...level);
    frontier = [...new Set(level.map((w) => w.orgId))].filter((id) => !seenOwners.has(id));
  }

  const orgIds = [
    ...new Set([
      ...(options.orgIds ?? []),
      ...affiliations.map((a) => a.orgId),
      ...ownerships.flatMap((w) => [w.ownerOrgId, w.orgId]),
    ]),
  ];
  const orgs = await inChunks(orgIds, (ids) =>
    db
      .selectFrom('organization')
      .select(['creditCode', 'name', 'kind', 'region'])
      .where('id', 'in', ids)
      .execute(),
  );
  const qualifications = await inChunks(staffIds, (ids) =>
    db
      .selectFrom('qualification as q')
      .innerJoin('staff as s', 's.id', 'q.staffId')
      .select(['s.staffNo', 'q.kind', 'q.certNo', 'q.passedOn', 'q.expiresOn'])
      .where('q.staffId', 'in', ids)
      .execute(),
  );
  const suspensions = await inChunks(staffIds, (ids) =>
    db
      .selectFrom('suspension as u')
      .innerJoin('staff as s', 's.id', 'u.staffId')
      .select(['s.staffNo', 'u.validFrom', 'u.validTo', 'u.reason'])
      .where('u.staffId', 'in', ids)
      .execute(),
  );

  for (const p of people) world.putPerson({ ref: p.ref, name: p.name });
  for (const o of orgs) world.putOrg(o);
  for (const s of staff) {
    world.putStaff({
      staffNo: s.staffNo,
      person: s.ref,
      category: s.category,
      unit: s.unit,
      jurisdiction: s.jurisdiction,
      hiredOn: s.hiredOn,
      departedOn: s.departedOn,
      departureKind: s.departureKind,
    });
  }
  for (const k of kinship) world.putKinship({ person: k.person, relative: k.relative, relation: k.relation });
  for (const a of affiliations) {
    world.putAffiliation({
      person: a.person,
      org: a.org,
      role: a.role,
      share: a.share === null ? null : Number(a.share),
      paid: a.paid,
      from: a.validFrom,
      to: a.validTo,
      source: a.source,
    });
  }
  for (const w of ownerships) {
    world.putOwnership({
      owner: w.owner,
      org: w.org,
      share: w.share === null ? null : Number(w.share),
      from: w.validFrom,
      to: w.validTo,
    });
  }
  for (const q of qualifications) world.putQualification(q);
  for (const u of suspensions) {
    world.putSuspension({ staffNo: u.staffNo, from: u.validFrom, to: u.validTo, reason: u.reason });
  }
  return world;
}
