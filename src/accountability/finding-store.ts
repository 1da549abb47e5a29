import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction, type WriteContext } from '../audit/audit-log.ts';
import { todayIn, type Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
  type ProblemItem,
} from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import type { Day } from '../lib/days.ts';
import {
  assertFindingRules,
  referralViolation,
  resolveFindingInput,
  type ResolvedFinding,
} from './finding-input.ts';
import type { Finding, FindingClose, FindingInput, FindingRevision } from './finding-schema.ts';
import { loadSanctionMonths, sanctionEndDay, type SanctionMonths } from './sanction-policy.ts';
import { requiresReferral, type FindingType } from './vocabulary.ts';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The current header of a finding, or 404 (a malformed id is simply not found). */
export async function findingHeader(db: Kysely<Database>, id: string) {
  const row = UUID_RE.test(id)
    ? await db.selectFrom('finding').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError(`finding ${id}`);
  return row;
}

type Sanction = Finding['respondents'][number]['sanctions'][number];
type Suspension = Finding['suspensions'][number];

const sanctionKey = (staffNo: string, measure: string, from: Day) => `${staffNo}|${measure}|${from}`;

/**
 * Each sanction with its effect period. A sanction already recorded in an earlier version keeps the months it
 * was recorded with (a later policy change does not move its end); a new one takes the policy in force.
 */
async function withPeriods(
  tx: Transaction<Database>,
  finding: ResolvedFinding,
  policy: SanctionMonths,
  previous: { findingId: string; version: number } | null,
): Promise<Sanction[][]> {
  const earlier = new Map<string, number | null>();
  if (previous) {
    const rows = await tx
      .selectFrom('findingOutcome as o')
      .innerJoin('staff as s', 's.id', 'o.staffId')
      .select(['s.staffNo', 'o.measure', 'o.startsOn', 'o.months'])
      .where('o.findingId', '=', previous.findingId)
      .where('o.version', '=', previous.version)
      .where('o.category', '=', 'sanction')
      .execute();
    for (const r of rows) earlier.set(sanctionKey(r.staffNo, r.measure, r.startsOn), r.months);
  }
  return finding.respondents.map((r) =>
    r.sanctions.map((s) => {
      const key = sanctionKey(r.staffNo, s.measure, s.from);
      const months = earlier.has(key) ? (earlier.get(key) ?? null) : policy[s.measure];
      return {
        measure: s.measure,
        from: s.from,
        months,
        until: months === null ? null : sanctionEndDay(s.from, months),
        note: s.note,
      };
    }),
  );
}

/**
 * 停职查办: every direct respondent of an improper_gain finding who is not a former staff member on its date is
 * suspended from that date, in this transaction and in the same `suspension` table the qualification check
 * reads. An open-ended suspension already covering the date is kept as it is; one starting that same day but
 * ending is extended (the old row goes to `revision`).
 */
async function suspendDirectRespondents(
  { tx, audit }: WriteContext,
  findingId: string,
  finding: ResolvedFinding,
): Promise<Suspension[]> {
  if (finding.type !== 'improper_gain') return [];
  const result: Suspension[] = [];
  for (const r of finding.respondents) {
    if (r.responsibility !== 'direct') continue;
    if (r.departedOn !== null && r.departedOn <= finding.date) continue;
    const covering = await tx
      .selectFrom('suspension')
      .select(['id', 'validFrom'])
      .where('staffId', '=', r.staffId)
      .where('validFrom', '<=', finding.date)
      .where('validTo', 'is', null)
      .orderBy('validFrom')
      .limit(1)
      .executeTakeFirst();
    if (covering) {
      result.push({ staffNo: r.staffNo, from: covering.validFrom });
      continue;
    }
    const sameDay = await tx
      .selectFrom('suspension')
      .select(['id', 'validTo'])
      .where('staffId', '=', r.staffId)
      .where('validFrom', '=', finding.date)
      .executeTakeFirst();
    if (sameDay) {
      await tx
        .updateTable('suspension')
        .set({ validTo: null, findingId })
        .where('id', '=', sameDay.id)
        .execute();
      await audit({
        action: 'extend-suspension',
        objectKeys: { staffNo: r.staffNo, from: finding.date, finding: findingId },
        change: { validTo: { from: sameDay.validTo, to: null } },
      });
    } else {
      const reason = `停职查办：利用职权谋取不正当利益（问责记录 ${findingId}）`;
      await tx
        .insertInto('suspension')
        .values({ staffId: r.staffId, validFrom: finding.date, validTo: null, reason, findingId })
        .execute();
      await audit({
        action: 'create-suspension',
        objectKeys: { staffNo: r.staffNo, from: finding.date, finding: findingId },
        change: { reason },
      });
    }
    result.push({ staffNo: r.staffNo, from: finding.date });
  }
  return result;
}

function snapshotOf(
  id: string,
  version: number,
  f: ResolvedFinding,
  state: { status: 'open' | 'closed'; closedOn: Day | null },
  sanctions: Sanction[][],
  suspensions: Suspension[],
  recordedAt: Date,
  recordedBy: string,
): Finding {
  return {
    id,
    version,
    type: f.type,
    date: f.date,
    narrative: f.narrative,
    severe: f.severe,
    suspectedCriminal: f.suspectedCriminal,
    status: state.status,
    closedOn: state.closedOn,
    referral: f.referral,
    concerns: {
      actions: f.subjects.flatMap((s) => (s.kind === 'action' ? [s.key] : [])),
      flags: f.subjects.flatMap((s) => (s.kind === 'flag' ? [s.key] : [])),
      declarations: f.subjects.flatMap((s) => (s.kind === 'declaration' ? [s.key] : [])),
      rules: f.subjects.flatMap((s) => (s.kind === 'rule' ? [s.key] : [])),
    },
    respondents: f.respondents.map((r, i) => ({
      staffNo: r.staffNo,
      responsibility: r.responsibility,
      handling: r.handling,
      sanctions: sanctions[i] ?? [],
    })),
    suspensions,
    recordedAt: recordedAt.toISOString(),
    recordedBy,
  };
}

/** Writes one whole version: its snapshot and its per-version rows (respondents, outcomes, subjects). */
async function insertVersion(
  tx: Transaction<Database>,
  snapshot: Finding,
  f: ResolvedFinding,
  reason: string | null,
  recordedAt: Date,
): Promise<void> {
  const { id: findingId, version } = snapshot;
  await tx
    .insertInto('findingVersion')
    .values({
      findingId,
      version,
      snapshot: JSON.stringify(snapshot),
      reason,
      actor: snapshot.recordedBy,
      recordedAt,
    })
    .execute();
  if (f.respondents.length > 0) {
    await tx
      .insertInto('findingRespondent')
      .values(
        f.respondents.map((r, position) => ({
          findingId,
          version,
          staffId: r.staffId,
          responsibility: r.responsibility,
          position,
        })),
      )
      .execute();
  }
  const outcomes = f.respondents.flatMap((r, i) => [
    ...r.handling.map((h) => ({
      category: 'handling' as const,
      staffId: r.staffId,
      measure: h.measure,
      startsOn: h.on,
      months: null,
      endsOn: null,
      note: h.note,
    })),
    ...(snapshot.respondents[i]?.sanctions ?? []).map((s) => ({
      category: 'sanction' as const,
      staffId: r.staffId,
      measure: s.measure,
      startsOn: s.from,
      months: s.months,
      endsOn: s.until,
      note: s.note,
    })),
  ]);
  const positions = new Map<number, number>();
  if (outcomes.length > 0) {
    await tx
      .insertInto('findingOutcome')
      .values(
        outcomes.map((o) => {
          const position = positions.get(o.staffId) ?? 0;
          positions.set(o.staffId, position + 1);
          return { findingId, version, position, ...o };
        }),
      )
      .execute();
  }
  if (f.subjects.length > 0) {
    await tx
      .insertInto('findingSubject')
      .values(
        f.subjects.map((s, position) => ({
          findingId,
          version,
          position,
          actionId: s.kind === 'action' ? s.id : null,
          flagId: s.kind === 'flag' ? s.id : null,
          declarationId: s.kind === 'declaration' ? s.id : null,
          rule: s.kind === 'rule' ? s.key : null,
        })),
      )
      .execute();
  }
}

const staffNosOf = (f: { respondents: { staffNo: string }[] }) => f.respondents.map((r) => r.staffNo);

/** Records a new finding (version 1), enforcing (十三); an improper_gain one suspends its direct respondents. */
export async function createFinding(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: FindingInput,
): Promise<Finding> {
  return inWriteTransaction(db, clock, actor, async (ctx) => {
    const { tx, audit } = ctx;
    const resolved = await resolveFindingInput(tx, input);
    assertFindingRules(resolved, false);
    const now = clock.now();
    const { id } = await tx
      .insertInto('finding')
      .values({
        type: resolved.type,
        foundOn: resolved.date,
        narrative: resolved.narrative,
        severe: resolved.severe,
        suspectedCriminal: resolved.suspectedCriminal,
        status: 'open',
        closedOn: null,
        referralOn: resolved.referral?.on ?? null,
        referralReference: resolved.referral?.reference ?? null,
        referralAuthority: resolved.referral?.authority ?? null,
        version: 1,
        createdBy: actor.sub,
        updatedBy: actor.sub,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sanctions = await withPeriods(tx, resolved, await loadSanctionMonths(tx), null);
    const suspensions = await suspendDirectRespondents(ctx, id, resolved);
    const snapshot = snapshotOf(
      id,
      1,
      resolved,
      { status: 'open', closedOn: null },
      sanctions,
      suspensions,
      now,
      actor.sub,
    );
    await insertVersion(tx, snapshot, resolved, null, now);
    await audit({
      action: 'create-finding',
      objectKeys: { finding: id, version: 1, type: resolved.type, staffNos: staffNosOf(resolved) },
      change: snapshot,
    });
    return snapshot;
  });
}

/**
 * A correction: the whole finding again, as a new version (the earlier ones are kept). An omitted `referral`
 * keeps the recorded one; `null` withdraws it. A closed finding stays closed and must still satisfy closing.
 */
export async function reviseFinding(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: string,
  acceptedVersions: number[],
  input: FindingRevision,
): Promise<Finding> {
  return inWriteTransaction(db, clock, actor, async (ctx) => {
    const { tx, audit } = ctx;
    const current = await findingHeader(tx, id);
    assertVersion(current.version, acceptedVersions);
    const keepReferral =
      input.referral === undefined && current.referralOn !== null && current.referralReference !== null
        ? {
            on: current.referralOn,
            reference: current.referralReference,
            authority: current.referralAuthority,
          }
        : undefined;
    const resolved = await resolveFindingInput(tx, {
      ...input,
      referral: input.referral ?? keepReferral ?? null,
    });
    const problems: ProblemItem[] = [];
    if (current.closedOn !== null && resolved.date > current.closedOn) {
      problems.push({
        path: '/date',
        message: `must not be after the day the finding was closed (${current.closedOn})`,
      });
    }
    if (current.closedOn !== null && resolved.referral && resolved.referral.on > current.closedOn) {
      problems.push({
        path: '/referral/on',
        message: `must not be after the day the finding was closed (${current.closedOn})`,
      });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    assertFindingRules(resolved, current.status === 'closed');

    const version = current.version + 1;
    const now = clock.now();
    await tx
      .updateTable('finding')
      .set({
        type: resolved.type,
        foundOn: resolved.date,
        narrative: resolved.narrative,
        severe: resolved.severe,
        suspectedCriminal: resolved.suspectedCriminal,
        referralOn: resolved.referral?.on ?? null,
        referralReference: resolved.referral?.reference ?? null,
        referralAuthority: resolved.referral?.authority ?? null,
        version,
        updatedBy: actor.sub,
        updatedAt: now,
      })
      .where('id', '=', current.id)
      .execute();
    const sanctions = await withPeriods(tx, resolved, await loadSanctionMonths(tx), {
      findingId: current.id,
      version: current.version,
    });
    const suspensions = await suspendDirectRespondents(ctx, current.id, resolved);
    const state = { status: current.status, closedOn: current.closedOn };
    const snapshot = snapshotOf(current.id, version, resolved, state, sanctions, suspensions, now, actor.sub);
    await insertVersion(tx, snapshot, resolved, input.reason, now);
    await audit({
      action: 'revise-finding',
      objectKeys: { finding: current.id, version, type: resolved.type, staffNos: staffNosOf(resolved) },
      change: { reason: input.reason, finding: snapshot },
    });
    return snapshot;
  });
}

/**
 * Closes a finding as a new version. corruption, dereliction and suspected-criminal improper_gain findings close
 * only with a referral to the supervisory commission (移交监察机关), given here or recorded before.
 */
export async function closeFinding(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  id: string,
  acceptedVersions: number[] | null,
  body: FindingClose,
): Promise<Finding> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findingHeader(tx, id);
    if (acceptedVersions !== null) assertVersion(current.version, acceptedVersions);
    if (current.status === 'closed') throw new ConflictError(`the finding was closed on ${current.closedOn}`);
    const closedOn = body.closedOn ?? todayIn(clock);
    const referral = body.referral
      ? {
          on: body.referral.on,
          reference: body.referral.reference,
          authority: body.referral.authority ?? null,
        }
      : current.referralOn !== null && current.referralReference !== null
        ? {
            on: current.referralOn,
            reference: current.referralReference,
            authority: current.referralAuthority,
          }
        : null;

    const problems: ProblemItem[] = [];
    if (closedOn < current.foundOn) {
      problems.push({
        path: '/closedOn',
        message: `must be on or after the finding's date (${current.foundOn})`,
      });
    }
    if (body.referral && body.referral.on < current.foundOn) {
      problems.push({
        path: '/referral/on',
        message: `must be on or after the finding's date (${current.foundOn})`,
      });
    }
    if (referral && referral.on > closedOn) {
      problems.push({ path: '/referral/on', message: 'must be on or before the day the finding is closed' });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const type = current.type as FindingType;
    if (referral === null && requiresReferral(type, current.suspectedCriminal)) {
      const violation = referralViolation(type);
      throw new RuleViolationError(violation.message, [violation]);
    }

    const version = current.version + 1;
    const now = clock.now();
    await tx
      .updateTable('finding')
      .set({
        status: 'closed',
        closedOn,
        referralOn: referral?.on ?? null,
        referralReference: referral?.reference ?? null,
        referralAuthority: referral?.authority ?? null,
        version,
        updatedBy: actor.sub,
        updatedAt: now,
      })
      .where('id', '=', current.id)
      .execute();
    const previous = await tx
      .selectFrom('findingVersion')
      .select('snapshot')
      .where('findingId', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirstOrThrow();
    const snapshot: Finding = {
      ...(previous.snapshot as Finding),
      version,
      status: 'closed',
      closedOn,
      referral,
      recordedAt: now.toISOString(),
      recordedBy: actor.sub,
    };
    await tx
      .insertInto('findingVersion')
      .values({
        findingId: current.id,
        version,
        snapshot: JSON.stringify(snapshot),
        reason: 'closed',
        actor: actor.sub,
        recordedAt: now,
      })
      .execute();
    await copyVersionRows(tx, current.id, current.version, version);
    await audit({
      action: 'close-finding',
      objectKeys: { finding: current.id, version, closedOn, referral: referral?.reference ?? null },
      change: snapshot,
    });
    return snapshot;
  });
}

/** Closing changes no respondent, outcome or subject: the new version repeats the rows of the one before. */
async function copyVersionRows(tx: Transaction<Database>, findingId: string, from: number, to: number) {
  await sql`
    insert into finding_respondent (finding_id, version, staff_id, responsibility, position)
    select finding_id, ${to}, staff_id, responsibility, position from finding_respondent
    where finding_id = ${findingId} and version = ${from}`.execute(tx);
  await sql`
    insert into finding_outcome
      (finding_id, version, staff_id, position, category, measure, starts_on, months, ends_on, note)
    select finding_id, ${to}, staff_id, position, category, measure, starts_on, months, ends_on, note
    from finding_outcome where finding_id = ${findingId} and version = ${from}`.execute(tx);
  await sql`
    insert into finding_subject (finding_id, version, position, action_id, flag_id, declaration_id, rule)
    select finding_id, ${to}, position, action_id, flag_id, declaration_id, rule from finding_subject
    where finding_id = ${findingId} and version = ${from}`.execute(tx);
}
