import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { AffiliationRole, AffiliationTable, Database, TieSource } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import type { Day } from '../lib/days.ts';
import { isoTime, shareOf, versionsOf } from './history.ts';
import { intervalProblems } from './intervals.ts';
import { idCursor, pageOf, type PageRequest } from './pagination.ts';
import { KeyResolver, refMaps, type RefMaps } from './refs.ts';
import type { AffiliationCreate, AffiliationPatch, AffiliationView } from './schemas.ts';

type AffiliationRow = Selectable<AffiliationTable>;

function presentAffiliation(row: AffiliationRow, refs: RefMaps): AffiliationView {
  return {
    id: row.id,
    person: refs.person(row.personId),
    org: refs.org(row.orgId),
    role: row.role,
    share: shareOf(row.share),
    paid: row.paid,
    from: row.validFrom,
    to: row.validTo,
    source: row.source,
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

async function presentAll(db: Kysely<Database>, rows: AffiliationRow[]): Promise<AffiliationView[]> {
  const refs = await refMaps(db, {
    personIds: rows.map((r) => r.personId),
    orgIds: rows.map((r) => r.orgId),
  });
  return rows.map((r) => presentAffiliation(r, refs));
}

async function findAffiliation(db: Kysely<Database>, id: number): Promise<AffiliationRow> {
  const row = await db.selectFrom('affiliation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`affiliation ${id}`);
  return row;
}

export async function getAffiliation(db: Kysely<Database>, id: number): Promise<AffiliationView> {
  return (await presentAll(db, [await findAffiliation(db, id)]))[0]!;
}

export interface AffiliationQuery {
  person?: string | undefined;
  org?: string | undefined;
  role?: AffiliationRole | undefined;
  source?: TieSource | undefined;
  activeOn?: Day | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listAffiliations(db: Kysely<Database>, query: AffiliationQuery) {
  const after = idCursor(query.cursor);
  let q = db
    .selectFrom('affiliation')
    .selectAll()
    .orderBy('id')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('id', '>', after);
  if (query.person) {
    const ref = query.person;
    q = q.where('personId', '=', (eb) => eb.selectFrom('person').select('id').where('ref', '=', ref));
  }
  if (query.org) {
    const code = query.org;
    q = q.where('orgId', '=', (eb) =>
      eb.selectFrom('organization').select('id').where('creditCode', '=', code),
    );
  }
  if (query.role) q = q.where('role', '=', query.role);
  if (query.source) q = q.where('source', '=', query.source);
  if (query.activeOn) {
    const day = query.activeOn;
    q = q
      .where((eb) => eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', day)]))
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', day)]));
  }
  const page = pageOf(await q.execute(), query.limit, (r) => r.id);
  return { items: await presentAll(db, page.items), nextCursor: page.nextCursor };
}

export async function affiliationHistory(db: Kysely<Database>, id: number, page: PageRequest) {
  const current = await findAffiliation(db, id);
  const versions = await versionsOf(db, 'affiliation', current, id, page);
  return { items: await presentAll(db, versions.items), nextCursor: versions.nextCursor };
}

export async function createAffiliation(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: AffiliationCreate,
): Promise<AffiliationView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const keys = new KeyResolver(tx);
    const personId = await keys.person(input.person, '/person');
    const orgId = await keys.org(input.org, '/org');
    const validFrom = input.from ?? null;
    const validTo = input.to ?? null;
    keys.check(intervalProblems(validFrom, validTo));
    const existing = await tx
      .selectFrom('affiliation')
      .select('id')
      .where('personId', '=', personId)
      .where('orgId', '=', orgId)
      .where('role', '=', input.role)
      .where('validFrom', 'is not distinct from', validFrom)
      .executeTakeFirst();
    if (existing) {
      throw new ConflictError(
        `${input.person} as ${input.role} of ${input.org} from ${validFrom ?? 'the start'} is already recorded ` +
          `(affiliation ${existing.id}); update it instead`,
        { existing: existing.id },
      );
    }
    const row = await tx
      .insertInto('affiliation')
      .values({
        personId,
        orgId,
        role: input.role,
        share: input.share == null ? null : String(input.share),
        paid: input.paid ?? false,
        validFrom,
        validTo,
        source: input.source,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'create-affiliation',
      objectKeys: { affiliation: row.id, person: input.person, org: input.org, role: input.role },
      change: input,
    });
    return (await presentAll(tx, [row]))[0]!;
  });
}

export async function updateAffiliation(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: number,
  acceptedVersions: number[],
  patch: AffiliationPatch,
): Promise<AffiliationView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findAffiliation(tx, id);
    assertVersion(current.version, acceptedVersions);
    const changes: Partial<Pick<AffiliationRow, 'share' | 'paid' | 'validFrom' | 'validTo' | 'source'>> = {};
    if (patch.share !== undefined && shareOf(patch.share) !== shareOf(current.share)) {
      changes.share = patch.share === null ? null : String(patch.share);
    }
    if (patch.paid !== undefined && patch.paid !== current.paid) changes.paid = patch.paid;
    if (patch.from !== undefined && patch.from !== current.validFrom) changes.validFrom = patch.from;
    if (patch.to !== undefined && patch.to !== current.validTo) changes.validTo = patch.to;
    if (patch.source !== undefined && patch.source !== current.source) changes.source = patch.source;
    const merged = { ...current, ...changes };
    const problems = intervalProblems(merged.validFrom, merged.validTo);
    if (problems.length) throw new ValidationError(problems);
    if (Object.keys(changes).length === 0) return (await presentAll(tx, [current]))[0]!;
    if (changes.validFrom !== undefined) {
      const clash = await tx
        .selectFrom('affiliation')
        .select('id')
        .where('personId', '=', current.personId)
        .where('orgId', '=', current.orgId)
        .where('role', '=', current.role)
        .where('validFrom', 'is not distinct from', changes.validFrom)
        .where('id', '<>', id)
        .executeTakeFirst();
      if (clash) {
        throw new ConflictError(
          `affiliation ${clash.id} already has this person, organisation, role and from`,
          {
            existing: clash.id,
          },
        );
      }
    }
    const row = await tx
      .updateTable('affiliation')
      .set(changes)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [view] = await presentAll(tx, [row]);
    await audit({
      action: 'update-affiliation',
      objectKeys: { affiliation: id, person: view!.person, org: view!.org, version: row.version },
      change: patch,
    });
    return view!;
  });
}
