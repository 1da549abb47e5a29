import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import { hasAnyRole, type Role } from '../auth/roles.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import type { Day } from '../lib/days.ts';
import { getCurrentPolicy } from '../policy/policy-store.ts';
import { checkAction } from './check.ts';
import type { CheckResult, EnforcementActionView, NewAction } from './schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Who may let a failing check through. The discipline office supervises enforcement (纪检监督) and an admin
 * runs the system; HR composes teams but may not waive the rules they are checked against.
 */
export const OVERRIDE_ROLES: readonly Role[] = ['admin', 'discipline'];

/** The stored actions with these refs, with officers and overrides, in three queries; in the order given. */
export async function actionViews(db: Db, refs: readonly string[]): Promise<EnforcementActionView[]> {
  if (refs.length === 0) return [];
  const actions = await db
    .selectFrom('enforcementAction as a')
    .innerJoin('organization as o', 'o.id', 'a.orgId')
    .select([
      'a.id',
      'a.ref',
      'a.kind',
      'o.creditCode as org',
      'o.name as orgName',
      'a.onDate as on',
      'a.version',
    ])
    .where('a.ref', 'in', [...refs])
    .execute();
  const ids = actions.map((a) => a.id);
  const officers = ids.length
    ? await db
        .selectFrom('actionOfficer as ao')
        .innerJoin('staff as s', 's.id', 'ao.staffId')
        .select(['ao.actionId', 's.staffNo'])
        .where('ao.actionId', 'in', ids)
        .orderBy('ao.actionId')
        .orderBy('ao.position')
        .execute()
    : [];
  const overrides = ids.length
    ? await db
        .selectFrom('enforcementOverride')
        .selectAll()
        .where('actionId', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const byRef = new Map(
    actions.map(({ id, ...view }) => [
      view.ref,
      {
        ...view,
        officers: officers.filter((o) => o.actionId === id).map((o) => o.staffNo),
        overrides: overrides
          .filter((o) => o.actionId === id)
          .map((o) => ({
            reason: o.reason,
            authorisedBy: o.authorisedBy,
            authorisedRoles: o.authorisedRoles,
            at: new Date(o.createdAt).toISOString(),
            violations: o.violations,
          })),
      },
    ]),
  );
  return refs.flatMap((ref) => byRef.get(ref) ?? []);
}

export async function getAction(db: Db, ref: string): Promise<EnforcementActionView> {
  const [view] = await actionViews(db, [ref]);
  if (!view) throw new NotFoundError(`enforcement action ${ref}`);
  return view;
}

/** A violation as the override record keeps it: the rule, the person and what was found, without paths. */
const summary = (check: CheckResult) =>
  check.violations.map((v) => ({ rule: v.rule, article: v.article, staffNo: v.staffNo, message: v.message }));

/**
 * Records an enforcement action after checking two-person enforcement, every participant's qualification and
 * recusal on its day. A failing check is a 422 naming each rule and person, unless an admin or discipline
 * officer gives an override with a reason: then the action is stored as it is (so the next screening still
 * raises the ENF-* flags) together with the override, both audited.
 */
export async function recordAction(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: NewAction,
): Promise<{ action: EnforcementActionView; check: CheckResult }> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    if (
      await tx.selectFrom('enforcementAction').select('id').where('ref', '=', input.ref).executeTakeFirst()
    ) {
      throw new ConflictError(`enforcement action ${input.ref} is already recorded`);
    }
    const check = await checkAction(tx, input, await getCurrentPolicy(tx));
    const overriding = !check.ok && input.override !== undefined;
    if (!check.ok && !overriding) {
      throw new RuleViolationError(
        `the team breaks ${check.violations.length} rule${check.violations.length === 1 ? '' : 's'} of enforcement; ` +
          `change the team, or have an admin or discipline officer record an override with a reason`,
        check.violations.map((v) => ({
          rule: v.rule,
          article: v.article,
          message: v.message,
          ...(v.staffNo ? { staffNo: v.staffNo } : {}),
        })),
      );
    }
    if (overriding && !hasAnyRole({ sub: actor.sub, roles: actor.roles }, OVERRIDE_ROLES)) {
      throw new ForbiddenError(
        'only an admin or a discipline officer may override a failing enforcement check',
      );
    }
    const org = await tx
      .selectFrom('organization')
      .select('id')
      .where('creditCode', '=', input.org)
      .executeTakeFirstOrThrow();
    const action = await tx
      .insertInto('enforcementAction')
      .values({ ref: input.ref, kind: input.kind, orgId: org.id, onDate: input.on })
      .returning('id')
      .executeTakeFirstOrThrow();
    const staff = await tx
      .selectFrom('staff')
      .select(['id', 'staffNo'])
      .where('staffNo', 'in', input.officers)
      .execute();
    const idOf = new Map(staff.map((s) => [s.staffNo, s.id]));
    await tx
      .insertInto('actionOfficer')
      .values(
        input.officers.map((staffNo, position) => ({
          actionId: action.id,
          staffId: idOf.get(staffNo)!,
          position,
        })),
      )
      .execute();
    await audit({
      action: 'enforcement-action.record',
      objectKeys: { action: input.ref, org: input.org, officers: input.officers },
      change: { kind: input.kind, on: input.on, officers: input.officers, violations: summary(check) },
    });
    if (overriding) {
      await tx
        .insertInto('enforcementOverride')
        .values({
          actionId: action.id,
          violations: JSON.stringify(summary(check)),
          reason: input.override!.reason,
          authorisedBy: actor.sub,
          authorisedRoles: [...actor.roles],
        })
        .execute();
      await audit({
        action: 'enforcement-action.override',
        objectKeys: { action: input.ref, rules: [...new Set(check.violations.map((v) => v.rule))] },
        change: { reason: input.override!.reason, violations: summary(check) },
      });
    }
    return { action: await getAction(tx, input.ref), check };
  });
}

const isRef = (v: unknown): v is [Day, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';

/** Actions, newest first; filters by organisation, officer and period. */
export async function listActions(
  db: Kysely<Database>,
  query: {
    limit: number;
    cursor?: string | undefined;
    org?: string | undefined;
    staffNo?: string | undefined;
    from?: Day | undefined;
    to?: Day | undefined;
  },
): Promise<{ items: EnforcementActionView[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, isRef);
  let q = db
    .selectFrom('enforcementAction as a')
    .innerJoin('organization as o', 'o.id', 'a.orgId')
    .select(['a.ref', 'a.onDate'])
    .orderBy('a.onDate', 'desc')
    .orderBy('a.ref', 'desc')
    .limit(query.limit + 1);
  if (after) {
    q = q.where(({ eb, or, and }) =>
      or([eb('a.onDate', '<', after[0]), and([eb('a.onDate', '=', after[0]), eb('a.ref', '<', after[1])])]),
    );
  }
  if (query.org) q = q.where('o.creditCode', '=', query.org);
  if (query.from) q = q.where('a.onDate', '>=', query.from);
  if (query.to) q = q.where('a.onDate', '<', query.to);
  if (query.staffNo) {
    const staffNo = query.staffNo;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('actionOfficer as ao')
          .innerJoin('staff as s', 's.id', 'ao.staffId')
          .select('ao.actionId')
          .whereRef('ao.actionId', '=', 'a.id')
          .where('s.staffNo', '=', staffNo),
      ),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const items = await actionViews(
    db,
    page.map((r) => r.ref),
  );
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.onDate, last.ref]) : null,
  };
}
