import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction, type WriteContext } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import { isActiveOn, type Day } from '../lib/days.ts';
import type { Assignment, MoveRequest, NewAssignment } from './schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;

function assignmentQuery(db: Db) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('staff as s', 's.id', 'a.staffId')
    .innerJoin('post as p', 'p.id', 'a.postId')
    .select([
      'a.id',
      's.staffNo',
      'p.code as post',
      'p.unit',
      'p.kind as postKind',
      'a.validFrom as from',
      'a.validTo as to',
      'a.version',
    ]);
}

export async function getAssignment(db: Db, id: number): Promise<Assignment> {
  const row = await assignmentQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`assignment ${id}`);
  return row;
}

type Cursor = [Day, number];
const isCursor = (v: unknown): v is Cursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isSafeInteger(v[1]);

/** Assignment history, oldest first; filters by staff member, post and the day it is active on. */
export async function listAssignments(
  db: Kysely<Database>,
  query: {
    limit: number;
    cursor?: string | undefined;
    staffNo?: string | undefined;
    post?: string | undefined;
    unit?: string | undefined;
    activeOn?: Day | undefined;
  },
): Promise<{ items: Assignment[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, isCursor);
  let q = assignmentQuery(db)
    .orderBy('a.validFrom')
    .orderBy('a.id')
    .limit(query.limit + 1);
  if (after) {
    q = q.where(({ eb, or, and }) =>
      or([
        eb('a.validFrom', '>', after[0]),
        and([eb('a.validFrom', '=', after[0]), eb('a.id', '>', after[1])]),
      ]),
    );
  }
  if (query.staffNo) q = q.where('s.staffNo', '=', query.staffNo);
  if (query.post) q = q.where('p.code', '=', query.post);
  if (query.unit) q = q.where('p.unit', '=', query.unit);
  if (query.activeOn) {
    const day = query.activeOn;
    q = q
      .where('a.validFrom', '<=', day)
      .where(({ eb, or }) => or([eb('a.validTo', 'is', null), eb('a.validTo', '>', day)]));
  }
  const rows = await q.execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.from, last.id]) : null,
  };
}

async function staffForWrite(tx: Transaction<Database>, staffNo: string, path: string) {
  const row = await tx
    .selectFrom('staff')
    .select(['id', 'staffNo', 'hiredOn', 'departedOn'])
    .where('staffNo', '=', staffNo)
    .executeTakeFirst();
  if (!row) throw new ValidationError([{ path, message: `no staff member ${staffNo} is recorded` }]);
  return row;
}

async function postForWrite(tx: Transaction<Database>, code: string, path: string) {
  const row = await tx.selectFrom('post').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
  if (!row) throw new ValidationError([{ path, message: `no post ${code} is recorded` }]);
  return row;
}

/**
 * Opens an assignment inside the caller's write transaction. Refuses an interval that overlaps another of the
 * same person on the same post (one current assignment per person per post) or starts outside their service.
 */
export async function openAssignment(
  ctx: WriteContext,
  staff: { id: number; staffNo: string; hiredOn: Day; departedOn: Day | null },
  post: { id: number; code: string },
  from: Day,
  to: Day | null,
): Promise<number> {
  if (to !== null && to <= from) {
    throw new ValidationError([{ path: '/to', message: 'must be after from (intervals are [from, to))' }]);
  }
  if (!isActiveOn(staff.hiredOn, staff.departedOn, from)) {
    throw new UnprocessableError(
      `${staff.staffNo} is not serving on ${from} (hired ${staff.hiredOn}` +
        `${staff.departedOn ? `, departed ${staff.departedOn}` : ''}); an assignment starts while serving`,
    );
  }
  const overlapping = await ctx.tx
    .selectFrom('assignment')
    .select(['id', 'validFrom', 'validTo'])
    .where('staffId', '=', staff.id)
    .where('postId', '=', post.id)
    .where(({ eb, or }) => or([eb('validTo', 'is', null), eb('validTo', '>', from)]))
    .$if(to !== null, (q) => q.where('validFrom', '<', to as Day))
    .executeTakeFirst();
  if (overlapping) {
    throw new ConflictError(
      `${staff.staffNo} already holds ${post.code} in [${overlapping.validFrom}, ${overlapping.validTo ?? '…'})`,
      { assignment: overlapping.id },
    );
  }
  const row = await ctx.tx
    .insertInto('assignment')
    .values({ staffId: staff.id, postId: post.id, validFrom: from, validTo: to })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.audit({
    action: 'assignment.open',
    objectKeys: { assignment: row.id, staffNo: staff.staffNo, post: post.code },
    change: { from, to },
  });
  return row.id;
}

/** Closes an open assignment on `on` (its last day is the day before), inside the caller's transaction. */
export async function closeAssignment(ctx: WriteContext, id: number, on: Day): Promise<void> {
  const row = await ctx.tx
    .selectFrom('assignment as a')
    .innerJoin('staff as s', 's.id', 'a.staffId')
    .innerJoin('post as p', 'p.id', 'a.postId')
    .select(['a.id', 'a.validFrom', 'a.validTo', 's.staffNo', 'p.code'])
    .where('a.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`assignment ${id}`);
  if (row.validTo !== null) {
    throw new ConflictError(
      `assignment ${id} (${row.staffNo} on ${row.code}) already ended on ${row.validTo}`,
    );
  }
  if (on <= row.validFrom) {
    throw new ValidationError([
      { path: '/on', message: `must be after the assignment's first day ${row.validFrom}` },
    ]);
  }
  await ctx.tx.updateTable('assignment').set({ validTo: on }).where('id', '=', id).execute();
  await ctx.audit({
    action: 'assignment.close',
    objectKeys: { assignment: id, staffNo: row.staffNo, post: row.code },
    change: { to: on },
  });
}

export async function createAssignment(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: NewAssignment,
): Promise<Assignment> {
  return inWriteTransaction(db, clock, actor, async (ctx) => {
    const staff = await staffForWrite(ctx.tx, input.staffNo, '/staffNo');
    const post = await postForWrite(ctx.tx, input.post, '/post');
    const id = await openAssignment(ctx, staff, post, input.from, input.to ?? null);
    return getAssignment(ctx.tx, id);
  });
}

export async function endAssignment(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: number,
  on: Day,
): Promise<Assignment> {
  return inWriteTransaction(db, clock, actor, async (ctx) => {
    await closeAssignment(ctx, id, on);
    return getAssignment(ctx.tx, id);
  });
}

/** The open assignment of a staff member on a post, or undefined. */
export async function currentAssignment(tx: Db, staffId: number, postId: number) {
  return tx
    .selectFrom('assignment')
    .select(['id', 'validFrom'])
    .where('staffId', '=', staffId)
    .where('postId', '=', postId)
    .where('validTo', 'is', null)
    .executeTakeFirst();
}

/**
 * Moves a staff member inside the caller's transaction: closes the open assignment `fromAssignmentId` on `on`
 * and opens one on `toPostId` from `on`. Both or neither.
 */
export async function applyMove(
  ctx: WriteContext,
  move: { fromAssignmentId: number; toPostId: number; on: Day },
): Promise<{ closed: number; opened: number }> {
  const from = await ctx.tx
    .selectFrom('assignment as a')
    .innerJoin('staff as s', 's.id', 'a.staffId')
    .select(['a.id', 'a.postId', 's.id as staffId', 's.staffNo', 's.hiredOn', 's.departedOn'])
    .where('a.id', '=', move.fromAssignmentId)
    .executeTakeFirst();
  if (!from) throw new NotFoundError(`assignment ${move.fromAssignmentId}`);
  if (from.postId === move.toPostId) {
    throw new ValidationError([{ path: '/toPost', message: 'must differ from the post they leave' }]);
  }
  const to = await ctx.tx
    .selectFrom('post')
    .select(['id', 'code'])
    .where('id', '=', move.toPostId)
    .executeTakeFirstOrThrow();
  await closeAssignment(ctx, from.id, move.on);
  const opened = await openAssignment(
    ctx,
    { id: from.staffId, staffNo: from.staffNo, hiredOn: from.hiredOn, departedOn: from.departedOn },
    to,
    move.on,
    null,
  );
  return { closed: from.id, opened };
}

const BULK = 5000;

/**
 * Many moves on one day inside the caller's transaction, in a handful of statements whatever their number
 * (an accepted rotation plan): every assignment left must be open and begun before `on`, no one may already
 * hold the post they move to from `on`; then all are closed and all new ones opened. Returns the new
 * assignment id of each move, in order. The caller audits the whole.
 */
export async function applyMoves(
  ctx: WriteContext,
  on: Day,
  moves: readonly { fromAssignmentId: number; toPostId: number }[],
): Promise<number[]> {
  const { tx } = ctx;
  const fromIds = moves.map((m) => m.fromAssignmentId);
  const left = new Map<number, { staffId: number; postId: number; validFrom: Day; validTo: Day | null }>();
  for (let i = 0; i < fromIds.length; i += BULK) {
    const rows = await tx
      .selectFrom('assignment')
      .select(['id', 'staffId', 'postId', 'validFrom', 'validTo'])
      .where('id', 'in', fromIds.slice(i, i + BULK))
      .forUpdate()
      .execute();
    for (const r of rows) left.set(r.id, r);
  }
  const opened = moves.map((m) => {
    const from = left.get(m.fromAssignmentId);
    if (!from || from.validTo !== null || from.validFrom >= on) {
      throw new ConflictError(`assignment ${m.fromAssignmentId} is not open, or does not begin before ${on}`);
    }
    if (from.postId === m.toPostId)
      throw new ConflictError(`assignment ${m.fromAssignmentId} is already on that post`);
    return { staffId: from.staffId, postId: m.toPostId };
  });
  const staffIds = [...new Set(opened.map((o) => o.staffId))];
  const wanted = new Set(opened.map((o) => `${o.staffId}:${o.postId}`));
  for (let i = 0; i < staffIds.length; i += BULK) {
    const clash = (
      await tx
        .selectFrom('assignment')
        .select(['id', 'staffId', 'postId'])
        .where('staffId', 'in', staffIds.slice(i, i + BULK))
        .where(({ eb, or }) => or([eb('validTo', 'is', null), eb('validTo', '>', on)]))
        .execute()
    ).find((r) => wanted.has(`${r.staffId}:${r.postId}`) && !left.has(r.id));
    if (clash)
      throw new ConflictError(`assignment ${clash.id} already holds the post moved to`, {
        assignment: clash.id,
      });
  }
  for (let i = 0; i < fromIds.length; i += BULK) {
    await tx
      .updateTable('assignment')
      .set({ validTo: on })
      .where('id', 'in', fromIds.slice(i, i + BULK))
      .execute();
  }
  const idOf = new Map<string, number>();
  for (let i = 0; i < opened.length; i += BULK) {
    const rows = await tx
      .insertInto('assignment')
      .values(opened.slice(i, i + BULK).map((o) => ({ ...o, validFrom: on, validTo: null })))
      .returning(['id', 'staffId', 'postId'])
      .execute();
    for (const r of rows) idOf.set(`${r.staffId}:${r.postId}`, r.id);
  }
  return opened.map((o) => idOf.get(`${o.staffId}:${o.postId}`)!);
}

/** Moves a staff member from one post to another on a day: one transaction, audited. */
export async function moveStaff(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: MoveRequest,
): Promise<{ closed: Assignment; opened: Assignment }> {
  return inWriteTransaction(db, clock, actor, async (ctx) => {
    const problems: { path: string; message: string }[] = [];
    const staff = await ctx.tx
      .selectFrom('staff')
      .select('id')
      .where('staffNo', '=', input.staffNo)
      .executeTakeFirst();
    if (!staff) problems.push({ path: '/staffNo', message: `no staff member ${input.staffNo} is recorded` });
    const postByCode = (code: string) =>
      ctx.tx.selectFrom('post').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
    const fromPost = await postByCode(input.fromPost);
    const toPost = await postByCode(input.toPost);
    if (!fromPost) problems.push({ path: '/fromPost', message: `no post ${input.fromPost} is recorded` });
    if (!toPost) problems.push({ path: '/toPost', message: `no post ${input.toPost} is recorded` });
    if (input.fromPost === input.toPost) {
      problems.push({ path: '/toPost', message: 'must differ from the post they leave' });
    }
    if (problems.length || !staff || !fromPost || !toPost) throw new ValidationError(problems);
    const current = await currentAssignment(ctx.tx, staff.id, fromPost.id);
    if (!current)
      throw new ConflictError(`${input.staffNo} holds no current assignment on ${input.fromPost}`);
    const { closed, opened } = await applyMove(ctx, {
      fromAssignmentId: current.id,
      toPostId: toPost.id,
      on: input.on,
    });
    await ctx.audit({
      action: 'assignment.move',
      objectKeys: { staffNo: input.staffNo, fromPost: input.fromPost, toPost: input.toPost },
      change: { on: input.on, closed, opened },
    });
    return { closed: await getAssignment(ctx.tx, closed), opened: await getAssignment(ctx.tx, opened) };
  });
}
