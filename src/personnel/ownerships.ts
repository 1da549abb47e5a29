import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Database, OwnershipTable } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import type { Day } from '../lib/days.ts';
import { isoTime, shareOf, versionsOf } from './history.ts';
import { intervalProblems } from './intervals.ts';
import { idCursor, pageOf, type PageRequest } from './pagination.ts';
import { KeyResolver, refMaps, type RefMaps } from './refs.ts';
import type { OwnershipCreate, OwnershipPatch, OwnershipView } from './schemas.ts';

type OwnershipRow = Selectable<OwnershipTable>;

function presentOwnership(row: OwnershipRow, refs: RefMaps): OwnershipView {
  return {
    id: row.id,
    owner: refs.org(row.ownerOrgId),
    org: refs.org(row.orgId),
    share: shareOf(row.share),
    from: row.validFrom,
    to: row.validTo,
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

async function presentAll(db: Kysely<Database>, rows: OwnershipRow[]): Promise<OwnershipView[]> {
  const refs = await refMaps(db, { orgIds: rows.flatMap((r) => [r.ownerOrgId, r.orgId]) });
  return rows.map((r) => presentOwnership(r, refs));
}

async function findOwnership(db: Kysely<Database>, id: number): Promise<OwnershipRow> {
  const row = await db.selectFrom('ownership').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`ownership ${id}`);
  return row;
}

export async function getOwnership(db: Kysely<Database>, id: number): Promise<OwnershipView> {
  return (await presentAll(db, [await findOwnership(db, id)]))[0]!;
}

export interface OwnershipQuery {
  owner?: string | undefined;
  org?: string | undefined;
  activeOn?: Day | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listOwnerships(db: Kysely<Database>, query: OwnershipQuery) {
  const after = idCursor(query.cursor);
  const orgId = (code: string) => db.selectFrom('organization').select('id').where('creditCode', '=', code);
  let q = db
    .selectFrom('ownership')
    .selectAll()
    .orderBy('id')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('id', '>', after);
  if (query.owner) q = q.where('ownerOrgId', '=', orgId(query.owner));
  if (query.org) q = q.where('orgId', '=', orgId(query.org));
  if (query.activeOn) {
    const day = query.activeOn;
    q = q
      .where((eb) => eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', day)]))
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', day)]));
  }
  const page = pageOf(await q.execute(), query.limit, (r) => r.id);
  return { items: await presentAll(db, page.items), nextCursor: page.nextCursor };
}

export async function ownershipHistory(db: Kysely<Database>, id: number, page: PageRequest) {
  const current = await findOwnership(db, id);
  const versions = await versionsOf(db, 'ownership', current, id, page);
  return { items: await presentAll(db, versions.items), nextCursor: versions.nextCursor };
}

export async function createOwnership(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: OwnershipCreate,
): Promise<OwnershipView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const keys = new KeyResolver(tx);
    const ownerOrgId = await keys.org(input.owner, '/owner');
    const orgId = await keys.org(input.org, '/org');
    const validFrom = input.from ?? null;
    const validTo = input.to ?? null;
    keys.check([
      ...(input.owner === input.org
        ? [{ path: '/org', message: 'an organisation does not own itself' }]
        : []),
      ...intervalProblems(validFrom, validTo),
    ]);
    const existing = await tx
      .selectFrom('ownership')
      .select('id')
      .where('ownerOrgId', '=', ownerOrgId)
      .where('orgId', '=', orgId)
      .where('validFrom', 'is not distinct from', validFrom)
      .executeTakeFirst();
    if (existing) {
      throw new ConflictError(
        `${input.owner} owning ${input.org} from ${validFrom ?? 'the start'} is already recorded ` +
          `(ownership ${existing.id}); update it instead`,
        { existing: existing.id },
      );
    }
    const row = await tx
      .insertInto('ownership')
      .values({
        ownerOrgId,
        orgId,
        share: input.share == null ? null : String(input.share),
        validFrom,
        validTo,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'create-ownership',
      objectKeys: { ownership: row.id, owner: input.owner, org: input.org },
      change: input,
    });
    return (await presentAll(tx, [row]))[0]!;
  });
}

export async function updateOwnership(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: number,
  acceptedVersions: number[],
  patch: OwnershipPatch,
): Promise<OwnershipView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findOwnership(tx, id);
    assertVersion(current.version, acceptedVersions);
    const changes: Partial<Pick<OwnershipRow, 'share' | 'validFrom' | 'validTo'>> = {};
    if (patch.share !== undefined && shareOf(patch.share) !== shareOf(current.share)) {
      changes.share = patch.share === null ? null : String(patch.share);
    }
    if (patch.from !== undefined && patch.from !== current.validFrom) changes.validFrom = patch.from;
    if (patch.to !== undefined && patch.to !== current.validTo) changes.validTo = patch.to;
    const merged = { ...current, ...changes };
    const problems = intervalProblems(merged.validFrom, merged.validTo);
    if (problems.length) throw new ValidationError(problems);
    if (Object.keys(changes).length === 0) return (await presentAll(tx, [current]))[0]!;
    if (changes.validFrom !== undefined) {
      const clash = await tx
        .selectFrom('ownership')
        .select('id')
        .where('ownerOrgId', '=', current.ownerOrgId)
        .where('orgId', '=', current.orgId)
        .where('validFrom', 'is not distinct from', changes.validFrom)
        .where('id', '<>', id)
        .executeTakeFirst();
      if (clash) {
        throw new ConflictError(`ownership ${clash.id} already has this owner, organisation and from`, {
          existing: clash.id,
        });
      }
    }
    const row = await tx
      .updateTable('ownership')
      .set(changes)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [view] = await presentAll(tx, [row]);
    await audit({
      action: 'update-ownership',
      objectKeys: { ownership: id, owner: view!.owner, org: view!.org, version: row.version },
      change: patch,
    });
    return view!;
  });
}
