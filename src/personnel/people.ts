import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Database, PersonTable } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import type { Viewer } from '../http/visibility.ts';
import { maskIdNumber } from '../lib/id-mask.ts';
import { readAudited } from './audited-read.ts';
import { isoTime, versionsOf } from './history.ts';
import { containsPattern, pageOf, textCursor, type PageRequest } from './pagination.ts';
import type { PersonCreate, PersonPatch, PersonView } from './schemas.ts';

type PersonRow = Selectable<PersonTable>;

/** How a read shows ID numbers: masked, or in full for a stated (and audited) purpose. */
export interface ReadOptions {
  viewer: Viewer;
  /** Set only after `revealPurpose` allowed it. */
  revealFor: string | null;
}

export function presentPerson(row: PersonRow, reveal: boolean): PersonView {
  return {
    ref: row.ref,
    name: row.name,
    idNumber: reveal ? row.idNumber : maskIdNumber(row.idNumber),
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

// A staff-only viewer sees a person only through a staff record of their own staff number.
function visiblePeople(db: Kysely<Database>, viewer: Viewer) {
  let q = db.selectFrom('person').selectAll('person');
  if (viewer.selfStaffNo !== null) {
    const self = viewer.selfStaffNo;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('staff')
          .select('staff.id')
          .whereRef('staff.personId', '=', 'person.id')
          .where('staff.staffNo', '=', self),
      ),
    );
  }
  return q;
}

async function findPerson(db: Kysely<Database>, viewer: Viewer, ref: string): Promise<PersonRow> {
  const row = await visiblePeople(db, viewer).where('person.ref', '=', ref).executeTakeFirst();
  if (!row) throw new NotFoundError(`person ${ref}`);
  return row;
}

const revealEntry = (purpose: string, objectKeys: Record<string, unknown>) => ({
  action: 'reveal-id-number',
  objectKeys: { ...objectKeys, purpose },
});

export async function getPerson(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  ref: string,
  options: ReadOptions,
): Promise<PersonView> {
  const purpose = options.revealFor;
  const row = await readAudited(
    db,
    clock,
    actor,
    (q) => findPerson(q, options.viewer, ref),
    purpose === null ? null : (r) => revealEntry(purpose, { person: r.ref }),
  );
  return presentPerson(row, purpose !== null);
}

export async function listPeople(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  query: { name?: string | undefined; limit: number; cursor?: string | undefined },
  options: ReadOptions,
) {
  const after = textCursor(query.cursor);
  const purpose = options.revealFor;
  const rows = await readAudited(
    db,
    clock,
    actor,
    async (q) => {
      let sel = visiblePeople(q, options.viewer)
        .orderBy('person.ref')
        .limit(query.limit + 1);
      if (after !== undefined) sel = sel.where('person.ref', '>', after);
      if (query.name) sel = sel.where('person.name', 'ilike', containsPattern(query.name));
      return sel.execute();
    },
    purpose === null
      ? null
      : (found) => revealEntry(purpose, { people: found.slice(0, query.limit).map((r) => r.ref) }),
  );
  const page = pageOf(rows, query.limit, (r) => r.ref);
  return { items: page.items.map((r) => presentPerson(r, purpose !== null)), nextCursor: page.nextCursor };
}

/** Every version of a person, oldest first, from the revision trail. */
export async function personHistory(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  ref: string,
  options: ReadOptions,
  page: PageRequest,
): Promise<{ items: PersonView[]; nextCursor: string | null }> {
  const purpose = options.revealFor;
  const versions = await readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const current = await findPerson(q, options.viewer, ref);
      return versionsOf(q, 'person', current, current.id, page);
    },
    purpose === null ? null : () => revealEntry(purpose, { person: ref, history: true }),
  );
  return {
    items: versions.items.map((v) => presentPerson(v, purpose !== null)),
    nextCursor: versions.nextCursor,
  };
}

async function assertIdNumberFree(db: Kysely<Database>, idNumber: string, exceptId: number | null) {
  let q = db.selectFrom('person').select('ref').where('idNumber', '=', idNumber);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw new ConflictError(`this ID number is already recorded for person ${other.ref}`);
}

export async function createPerson(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: PersonCreate,
): Promise<PersonView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const existing = await tx
      .selectFrom('person')
      .select('id')
      .where('ref', '=', input.ref)
      .executeTakeFirst();
    if (existing) throw new ConflictError(`person ${input.ref} is already recorded`);
    if (input.idNumber) await assertIdNumberFree(tx, input.idNumber, null);
    const row = await tx
      .insertInto('person')
      .values({ ref: input.ref, name: input.name, idNumber: input.idNumber ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({ action: 'create-person', objectKeys: { person: row.ref }, change: input });
    return presentPerson(row, false);
  });
}

export async function updatePerson(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  ref: string,
  acceptedVersions: number[],
  patch: PersonPatch,
): Promise<PersonView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findPerson(tx, { selfStaffNo: null }, ref);
    assertVersion(current.version, acceptedVersions);
    const changes: Partial<Pick<PersonRow, 'name' | 'idNumber'>> = {};
    if (patch.name !== undefined && patch.name !== current.name) changes.name = patch.name;
    if (patch.idNumber !== undefined && patch.idNumber !== current.idNumber) {
      if (patch.idNumber !== null) await assertIdNumberFree(tx, patch.idNumber, current.id);
      changes.idNumber = patch.idNumber;
    }
    if (Object.keys(changes).length === 0) return presentPerson(current, false);
    const row = await tx
      .updateTable('person')
      .set(changes)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'update-person',
      objectKeys: { person: ref, version: row.version },
      change: changes,
    });
    return presentPerson(row, false);
  });
}
