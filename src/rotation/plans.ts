import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database, RotationPlanMoveTable, RotationPlanTable } from '../db/schema.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../errors.ts';
import { worldCacheFor } from '../graph/world-store.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import { applyMoves } from '../posts/assignments.ts';
import { loadPlannerInput, type PlanParams } from './plan-input.ts';
import { CONSTRAINTS, type ProposedMove } from './plan-model.ts';
import type { MoveEdit, PlanMoveView, PlanView } from './plan-schemas.ts';
import { planRotations, validateMoves } from './planner.ts';

type Db = Kysely<Database> | Transaction<Database>;

const ACTIVE = ['proposed', 'edited'] as const;
const INSERT_CHUNK = 2000;

/** What a stored move keeps of its proposal besides the columns: who, from where, and the explanation. */
type StoredExplanation = Omit<
  ProposedMove,
  'staffId' | 'fromAssignmentId' | 'toPost' | 'toUnit' | 'toJurisdiction' | 'status'
> & {
  editedBy?: string;
};

function toPlanView(row: Selectable<RotationPlanTable>): PlanView {
  return {
    id: row.id,
    asOf: row.asOf,
    horizonDays: row.horizonDays,
    maxUnitShare: Number(row.maxUnitShare),
    status: row.status,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    acceptedBy: row.acceptedBy,
    acceptedAt: row.acceptedAt ? new Date(row.acceptedAt).toISOString() : null,
    summary: row.summary as PlanView['summary'],
    version: row.version,
  };
}

export async function getPlan(db: Db, id: number): Promise<PlanView> {
  const row = await db.selectFrom('rotationPlan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`rotation plan ${id}`);
  return toPlanView(row);
}

export async function listPlans(db: Kysely<Database>, query: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor, (v): v is number => Number.isSafeInteger(v));
  let q = db
    .selectFrom('rotationPlan')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('id', '<', after);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toPlanView);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}

function moveQuery(db: Db) {
  return db
    .selectFrom('rotationPlanMove as m')
    .innerJoin('staff as s', 's.id', 'm.staffId')
    .leftJoin('post as p', 'p.id', 'm.toPostId')
    .selectAll('m')
    .select(['s.staffNo', 'p.code as toPost', 'p.unit as toUnit', 'p.jurisdiction as toJurisdiction']);
}

type MoveRow = Selectable<RotationPlanMoveTable> & {
  staffNo: string;
  toPost: string | null;
  toUnit: string | null;
  toJurisdiction: string | null;
};

function toMoveView(row: MoveRow): PlanMoveView {
  const e = row.explanation as unknown as StoredExplanation;
  return {
    id: row.id,
    position: row.position,
    staffNo: row.staffNo,
    name: e.name,
    fromPost: e.fromPost,
    fromUnit: e.fromUnit,
    since: e.since,
    dueOn: e.dueOn,
    dueStatus: e.dueStatus,
    toPost: row.toPost,
    toUnit: row.toUnit,
    toJurisdiction: row.toJurisdiction,
    status: row.status,
    explanation: e.explanation as PlanMoveView['explanation'],
    note: row.note,
    openedAssignmentId: row.openedAssignmentId,
    version: row.version,
  };
}

export async function listPlanMoves(
  db: Kysely<Database>,
  planId: number,
  query: {
    limit: number;
    cursor?: string | undefined;
    status?: PlanMoveView['status'] | undefined;
    staffNo?: string | undefined;
  },
) {
  await getPlan(db, planId);
  const after = decodeCursor(query.cursor, (v): v is number => Number.isSafeInteger(v));
  let q = moveQuery(db)
    .where('m.planId', '=', planId)
    .orderBy('m.position')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('m.position', '>', after);
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.staffNo) q = q.where('s.staffNo', '=', query.staffNo);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toMoveView);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.position) : null };
}

/** Every move of a plan, in order (for exports). */
export async function allPlanMoves(db: Kysely<Database>, planId: number): Promise<PlanMoveView[]> {
  return (await moveQuery(db).where('m.planId', '=', planId).orderBy('m.position').execute()).map(toMoveView);
}

/**
 * Plans the rotation of everyone overdue or due within the horizon and stores the plan with every move and
 * its explanation. The plan is computed from one snapshot of the world before the write transaction.
 */
export async function createPlan(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  params: PlanParams,
): Promise<PlanView> {
  const started = performance.now();
  const snapshot = await worldCacheFor(db).fresh(db);
  const input = await loadPlannerInput(db, snapshot, params);
  const loaded = performance.now();
  const result = planRotations(input);
  const planned = performance.now();
  const summary = {
    counts: result.counts,
    blockedBy: result.blockedBy,
    units: result.units,
    constraints: { ...CONSTRAINTS },
    policy: { ...input.policy, worldSeq: snapshot.stamp.seq },
    durationMs: { load: Math.round(loaded - started), plan: Math.round(planned - loaded) },
  };
  const postId = new Map(input.posts.map((p) => [p.code, p.id]));
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const plan = await tx
      .insertInto('rotationPlan')
      .values({
        asOf: params.asOf,
        horizonDays: params.horizonDays,
        maxUnitShare: String(params.maxUnitShare),
        status: 'proposed',
        summary: JSON.stringify(summary),
        createdBy: actor.sub,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const rows = result.moves.map((m, position) => {
      const { staffId, fromAssignmentId, toPost, toUnit: _u, toJurisdiction: _j, status, ...kept } = m;
      return {
        planId: plan.id,
        position,
        staffId,
        fromAssignmentId,
        toPostId: toPost === null ? null : postId.get(toPost)!,
        status,
        explanation: JSON.stringify(kept satisfies StoredExplanation),
      };
    });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx
        .insertInto('rotationPlanMove')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    await audit({
      action: 'rotation-plan.create',
      objectKeys: { plan: plan.id, asOf: params.asOf },
      change: { params, counts: result.counts },
    });
    return toPlanView(plan);
  });
}

async function lockProposedPlan(tx: Transaction<Database>, planId: number) {
  const plan = await tx
    .selectFrom('rotationPlan')
    .selectAll()
    .where('id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
  if (!plan) throw new NotFoundError(`rotation plan ${planId}`);
  if (plan.status !== 'proposed') {
    throw new ConflictError(
      `rotation plan ${planId} was accepted on ${new Date(plan.acceptedAt!).toISOString()}`,
    );
  }
  return plan;
}

async function inputFor(
  db: Kysely<Database>,
  tx: Transaction<Database>,
  plan: Selectable<RotationPlanTable>,
) {
  const snapshot = await worldCacheFor(db).freshWithin(tx);
  return loadPlannerInput(tx, snapshot, {
    asOf: plan.asOf,
    horizonDays: plan.horizonDays,
    maxUnitShare: Number(plan.maxUnitShare),
  });
}

/**
 * HR edits one move: another post (checked against every constraint, given the plan's other moves) or
 * none (the move is dropped). A post that breaks a constraint is refused with 422 naming it.
 */
export async function editMove(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  planId: number,
  moveId: number,
  edit: MoveEdit,
): Promise<PlanMoveView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const plan = await lockProposedPlan(tx, planId);
    const move = await moveQuery(tx)
      .where('m.planId', '=', planId)
      .where('m.id', '=', moveId)
      .executeTakeFirst();
    if (!move) throw new NotFoundError(`move ${moveId} of rotation plan ${planId}`);
    const stored = move.explanation as unknown as StoredExplanation;
    if (edit.toPost === null) {
      await tx
        .updateTable('rotationPlanMove')
        .set({ status: 'dropped', toPostId: null, note: edit.note ?? move.note })
        .where('id', '=', moveId)
        .execute();
      await audit({
        action: 'rotation-plan.move.drop',
        objectKeys: { plan: planId, move: moveId, staffNo: move.staffNo },
        change: edit,
      });
    } else {
      const post = await tx
        .selectFrom('post')
        .select(['id', 'code'])
        .where('code', '=', edit.toPost)
        .executeTakeFirst();
      if (!post)
        throw new ValidationError([{ path: '/toPost', message: `no post ${edit.toPost} is recorded` }]);
      const others = await tx
        .selectFrom('rotationPlanMove as m')
        .innerJoin('post as p', 'p.id', 'm.toPostId')
        .select(['m.id', 'm.position', 'm.fromAssignmentId', 'p.code'])
        .where('m.planId', '=', planId)
        .where('m.status', 'in', ACTIVE)
        .where('m.id', '!=', moveId)
        .execute();
      const ordered = [
        ...others.map((o) => ({
          key: o.id,
          position: o.position,
          fromAssignmentId: o.fromAssignmentId,
          toPost: o.code,
        })),
        { key: moveId, position: move.position, fromAssignmentId: move.fromAssignmentId, toPost: post.code },
      ].sort((a, b) => a.position - b.position);
      const verdict = validateMoves(await inputFor(db, tx, plan), ordered).get(moveId)!;
      if (verdict.failed.length) {
        throw new UnprocessableError(
          `moving ${move.staffNo} to ${post.code} breaks ${verdict.failed.map((c) => c.constraint).join(', ')}: ` +
            verdict.failed.map((c) => c.detail).join('; '),
          { failed: verdict.failed },
        );
      }
      const explanation: StoredExplanation = {
        ...stored,
        editedBy: actor.sub,
        explanation: {
          checks: verdict.checks,
          why: [`chosen by ${actor.sub} in place of ${move.toPost ?? 'no post'}`],
          candidates: stored.explanation.candidates,
          blockedBy: null,
        },
      };
      await tx
        .updateTable('rotationPlanMove')
        .set({
          toPostId: post.id,
          status: 'edited',
          explanation: JSON.stringify(explanation),
          note: edit.note ?? move.note,
        })
        .where('id', '=', moveId)
        .execute();
      await audit({
        action: 'rotation-plan.move.edit',
        objectKeys: { plan: planId, move: moveId, staffNo: move.staffNo, toPost: post.code },
        change: { from: move.toPost, to: post.code, note: edit.note ?? null },
      });
    }
    return toMoveView((await moveQuery(tx).where('m.id', '=', moveId).executeTakeFirstOrThrow()) as MoveRow);
  });
}

/**
 * Accepts a plan: every proposed or edited move is checked again against the state of today's records and,
 * if all hold, carried out in one transaction (old assignment closed and new one opened on the plan's day),
 * audited. A move that no longer holds rejects the whole acceptance with 422 naming it.
 */
export async function acceptPlan(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  planId: number,
): Promise<PlanView> {
  return inWriteTransaction(db, clock, actor, async (ctx) => {
    const { tx, audit } = ctx;
    const plan = await lockProposedPlan(tx, planId);
    const moves = await tx
      .selectFrom('rotationPlanMove as m')
      .innerJoin('post as p', 'p.id', 'm.toPostId')
      .innerJoin('staff as s', 's.id', 'm.staffId')
      .select(['m.id', 'm.position', 'm.fromAssignmentId', 'm.toPostId', 'p.code', 's.staffNo'])
      .where('m.planId', '=', planId)
      .where('m.status', 'in', ACTIVE)
      .orderBy('m.position')
      .execute();
    const verdicts = validateMoves(
      await inputFor(db, tx, plan),
      moves.map((m) => ({ key: m.id, fromAssignmentId: m.fromAssignmentId, toPost: m.code })),
    );
    const failures = moves.flatMap((m) => {
      const failed = verdicts.get(m.id)?.failed ?? [];
      return failed.length ? [{ move: m.id, staffNo: m.staffNo, toPost: m.code, failed }] : [];
    });
    if (failures.length) {
      throw new UnprocessableError(
        `${failures.length} move(s) no longer satisfy the constraints; edit or drop them, then accept again: ` +
          failures
            .map((f) => `${f.staffNo} → ${f.toPost} (${f.failed.map((c) => c.constraint).join(', ')})`)
            .join('; '),
        { failures },
      );
    }
    const opened = await applyMoves(
      ctx,
      plan.asOf,
      moves.map((m) => ({ fromAssignmentId: m.fromAssignmentId, toPostId: m.toPostId! })),
    );
    if (moves.length) {
      await sql`
        update rotation_plan_move as m
        set status = 'applied', opened_assignment_id = v.opened
        from unnest(${moves.map((m) => m.id)}::bigint[], ${opened}::bigint[]) as v (id, opened)
        where m.id = v.id`.execute(tx);
    }
    const accepted = await tx
      .updateTable('rotationPlan')
      .set({ status: 'accepted', acceptedBy: actor.sub, acceptedAt: clock.now() })
      .where('id', '=', planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'rotation-plan.accept',
      objectKeys: { plan: planId, asOf: plan.asOf, moves: moves.length },
      change: {
        moves: moves.map((m, i) => ({
          staffNo: m.staffNo,
          closedAssignment: m.fromAssignmentId,
          toPost: m.code,
          openedAssignment: opened[i],
        })),
      },
    });
    return toPlanView(accepted);
  });
}
