import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Database, StaffCategory, StaffTable } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError, type ProblemItem } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import type { Viewer } from '../http/visibility.ts';
import type { Day } from '../lib/days.ts';
import { isoTime, versionsOf } from './history.ts';
import { pageOf, textCursor, type PageRequest } from './pagination.ts';
import { KeyResolver, refMaps, type RefMaps } from './refs.ts';
import type { StaffCreate, StaffPatch, StaffView } from './schemas.ts';

type StaffRow = Selectable<StaffTable>;

function presentStaff(row: StaffRow, refs: RefMaps): StaffView {
  return {
    staffNo: row.staffNo,
    person: refs.person(row.personId),
    category: row.category,
    unit: row.unit,
    jurisdiction: row.jurisdiction,
    hiredOn: row.hiredOn,
    departedOn: row.departedOn,
    departureKind: row.departureKind,
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

async function presentAll(db: Kysely<Database>, rows: StaffRow[]): Promise<StaffView[]> {
  const refs = await refMaps(db, { personIds: rows.map((r) => r.personId) });
  return rows.map((r) => presentStaff(r, refs));
}

// A staff-only viewer sees only the record of its own staff number.
function visibleStaff(db: Kysely<Database>, viewer: Viewer) {
  let q = db.selectFrom('staff').selectAll();
  if (viewer.selfStaffNo !== null) q = q.where('staffNo', '=', viewer.selfStaffNo);
  return q;
}

async function findStaff(db: Kysely<Database>, viewer: Viewer, staffNo: string): Promise<StaffRow> {
  const row = await visibleStaff(db, viewer).where('staffNo', '=', staffNo).executeTakeFirst();
  if (!row) throw new NotFoundError(`staff ${staffNo}`);
  return row;
}

/** Departure facts that must hold together, checked on the record as it would be stored. */
function departureProblems(row: {
  hiredOn: Day;
  departedOn: Day | null;
  departureKind: string | null;
}): ProblemItem[] {
  const problems: ProblemItem[] = [];
  if (row.departedOn !== null && row.departedOn <= row.hiredOn) {
    problems.push({ path: '/departedOn', message: 'must be after hiredOn' });
  }
  if (row.departureKind !== null && row.departedOn === null) {
    problems.push({ path: '/departureKind', message: 'needs departedOn' });
  }
  return problems;
}

export async function getStaff(db: Kysely<Database>, viewer: Viewer, staffNo: string): Promise<StaffView> {
  const row = await findStaff(db, viewer, staffNo);
  const [view] = await presentAll(db, [row]);
  return view!;
}

export interface StaffQuery {
  unit?: string | undefined;
  category?: StaffCategory | undefined;
  jurisdiction?: string | undefined;
  person?: string | undefined;
  servingOn?: Day | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listStaff(db: Kysely<Database>, viewer: Viewer, query: StaffQuery) {
  const after = textCursor(query.cursor);
  let q = visibleStaff(db, viewer)
    .orderBy('staffNo')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('staffNo', '>', after);
  if (query.unit) q = q.where('unit', '=', query.unit);
  if (query.category) q = q.where('category', '=', query.category);
  if (query.jurisdiction) q = q.where('jurisdiction', '=', query.jurisdiction);
  if (query.person) {
    const ref = query.person;
    q = q.where('personId', '=', (eb) => eb.selectFrom('person').select('id').where('ref', '=', ref));
  }
  if (query.servingOn) {
    const day = query.servingOn;
    q = q
      .where('hiredOn', '<=', day)
      .where((eb) => eb.or([eb('departedOn', 'is', null), eb('departedOn', '>', day)]));
  }
  const page = pageOf(await q.execute(), query.limit, (r) => r.staffNo);
  return { items: await presentAll(db, page.items), nextCursor: page.nextCursor };
}

export async function staffHistory(
  db: Kysely<Database>,
  viewer: Viewer,
  staffNo: string,
  page: PageRequest,
): Promise<{ items: StaffView[]; nextCursor: string | null }> {
  const current = await findStaff(db, viewer, staffNo);
  const versions = await versionsOf(db, 'staff', current, current.id, page);
  return { items: await presentAll(db, versions.items), nextCursor: versions.nextCursor };
}

export async function createStaff(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: StaffCreate,
): Promise<StaffView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const keys = new KeyResolver(tx);
    const personId = await keys.person(input.person, '/person');
    const row = {
      staffNo: input.staffNo,
      personId,
      category: input.category,
      unit: input.unit,
      jurisdiction: input.jurisdiction,
      hiredOn: input.hiredOn,
      departedOn: input.departedOn ?? null,
      departureKind: input.departureKind ?? null,
    };
    keys.check(departureProblems(row));
    const existing = await tx
      .selectFrom('staff')
      .select('id')
      .where('staffNo', '=', input.staffNo)
      .executeTakeFirst();
    if (existing) throw new ConflictError(`staff ${input.staffNo} is already recorded`);
    const stored = await tx.insertInto('staff').values(row).returningAll().executeTakeFirstOrThrow();
    await audit({
      action: 'create-staff',
      objectKeys: { staff: input.staffNo, person: input.person },
      change: input,
    });
    const [view] = await presentAll(tx, [stored]);
    return view!;
  });
}

const PATCHABLE = ['category', 'unit', 'jurisdiction', 'hiredOn', 'departedOn', 'departureKind'] as const;

export async function updateStaff(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  staffNo: string,
  acceptedVersions: number[],
  patch: StaffPatch,
): Promise<StaffView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findStaff(tx, { selfStaffNo: null }, staffNo);
    assertVersion(current.version, acceptedVersions);
    const changes: Partial<Pick<StaffRow, (typeof PATCHABLE)[number]>> = {};
    for (const field of PATCHABLE) {
      const value = patch[field];
      if (value !== undefined && value !== current[field]) Object.assign(changes, { [field]: value });
    }
    const problems = departureProblems({ ...current, ...changes });
    if (problems.length) throw new ValidationError(problems);
    if (Object.keys(changes).length === 0) {
      const [view] = await presentAll(tx, [current]);
      return view!;
    }
    const row = await tx
      .updateTable('staff')
      .set(changes)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'update-staff',
      objectKeys: { staff: staffNo, version: row.version },
      change: changes,
    });
    const [view] = await presentAll(tx, [row]);
    return view!;
  });
}
