import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Database, KinshipTable, Relation } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import { readAudited } from './audited-read.ts';
import { isoTime, versionsOf } from './history.ts';
import { idCursor, pageOf, type PageRequest } from './pagination.ts';
import { KeyResolver, refMaps, type RefMaps } from './refs.ts';
import type { KinshipCreate, KinshipPatch, KinshipView } from './schemas.ts';

// Who is whose relative is personal data: every read of kinship leaves an audit record (`read-kinship`)
// naming the people whose relatives were disclosed, in the same transaction as the read.

type KinshipRow = Selectable<KinshipTable>;

function presentKinship(row: KinshipRow, refs: RefMaps): KinshipView {
  return {
    id: row.id,
    person: refs.person(row.personId),
    relative: refs.person(row.relativeId),
    relation: row.relation,
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

async function presentAll(db: Kysely<Database>, rows: KinshipRow[]): Promise<KinshipView[]> {
  const refs = await refMaps(db, { personIds: rows.flatMap((r) => [r.personId, r.relativeId]) });
  return rows.map((r) => presentKinship(r, refs));
}

const disclosed = (views: KinshipView[]) => [...new Set(views.flatMap((v) => [v.person, v.relative]))].sort();

async function findKinship(db: Kysely<Database>, id: number): Promise<KinshipRow> {
  const row = await db.selectFrom('kinship').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`kinship ${id}`);
  return row;
}

export async function getKinship(db: Kysely<Database>, clock: Clock, actor: Actor, id: number) {
  return readAudited(
    db,
    clock,
    actor,
    async (q) => (await presentAll(q, [await findKinship(q, id)]))[0]!,
    (view) => ({ action: 'read-kinship', objectKeys: { kinship: [view.id], people: disclosed([view]) } }),
  );
}

export interface KinshipQuery {
  /** Records whose `person` is this ref. */
  person?: string | undefined;
  /** Records whose `relative` is this ref. */
  relative?: string | undefined;
  /** Records with this ref on either side: every recorded relative of one person. */
  involving?: string | undefined;
  relation?: Relation | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listKinship(db: Kysely<Database>, clock: Clock, actor: Actor, query: KinshipQuery) {
  const after = idCursor(query.cursor);
  const { limit, cursor: _cursor, ...filter } = query;
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const personId = (ref: string) => q.selectFrom('person').select('id').where('ref', '=', ref);
      let sel = q
        .selectFrom('kinship')
        .selectAll()
        .orderBy('id')
        .limit(limit + 1);
      if (after !== undefined) sel = sel.where('id', '>', after);
      if (query.person) sel = sel.where('personId', '=', personId(query.person));
      if (query.relative) sel = sel.where('relativeId', '=', personId(query.relative));
      if (query.involving) {
        const ref = query.involving;
        sel = sel.where((eb) =>
          eb.or([eb('personId', '=', personId(ref)), eb('relativeId', '=', personId(ref))]),
        );
      }
      if (query.relation) sel = sel.where('relation', '=', query.relation);
      const page = pageOf(await sel.execute(), limit, (r) => r.id);
      return { items: await presentAll(q, page.items), nextCursor: page.nextCursor };
    },
    (result) => ({
      action: 'read-kinship',
      objectKeys: {
        filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
        kinship: result.items.map((v) => v.id),
        people: disclosed(result.items),
      },
    }),
  );
}

export async function kinshipHistory(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: number,
  page: PageRequest,
) {
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const current = await findKinship(q, id);
      const versions = await versionsOf(q, 'kinship', current, current.id, page);
      return { items: await presentAll(q, versions.items), nextCursor: versions.nextCursor };
    },
    (result) => ({
      action: 'read-kinship',
      objectKeys: { kinship: [id], people: disclosed(result.items), history: true },
    }),
  );
}

export async function createKinship(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: KinshipCreate,
): Promise<KinshipView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const keys = new KeyResolver(tx);
    const personId = await keys.person(input.person, '/person');
    const relativeId = await keys.person(input.relative, '/relative');
    keys.check(
      input.person === input.relative
        ? [{ path: '/relative', message: 'a person is not their own relative' }]
        : [],
    );
    // One record per pair, in either direction: "B is A's child" and "A is B's child" cannot both stand.
    const existing = await tx
      .selectFrom('kinship')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('personId', '=', personId), eb('relativeId', '=', relativeId)]),
          eb.and([eb('personId', '=', relativeId), eb('relativeId', '=', personId)]),
        ]),
      )
      .executeTakeFirst();
    if (existing) {
      throw new ConflictError(
        `a kinship between ${input.person} and ${input.relative} is already recorded (id ${existing.id})`,
        { existing: existing.id },
      );
    }
    const row = await tx
      .insertInto('kinship')
      .values({ personId, relativeId, relation: input.relation })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'create-kinship',
      objectKeys: { kinship: row.id, person: input.person, relative: input.relative },
      change: input,
    });
    return (await presentAll(tx, [row]))[0]!;
  });
}

export async function updateKinship(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: number,
  acceptedVersions: number[],
  patch: KinshipPatch,
): Promise<KinshipView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findKinship(tx, id);
    assertVersion(current.version, acceptedVersions);
    if (patch.relation === undefined || patch.relation === current.relation) {
      return (await presentAll(tx, [current]))[0]!;
    }
    const row = await tx
      .updateTable('kinship')
      .set({ relation: patch.relation })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [view] = await presentAll(tx, [row]);
    await audit({
      action: 'update-kinship',
      objectKeys: { kinship: id, person: view!.person, relative: view!.relative, version: row.version },
      change: patch,
    });
    return view!;
  });
}
