import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database, QualificationKind, QualificationTable } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError, type ProblemItem } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import { addDaysToDay, daysBetween, isActiveOn, type Day } from '../lib/days.ts';
import type { NewQualification, Qualification, QualificationCorrection, Renewal } from './schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<QualificationTable> & { staffNo: string };

function certificateQuery(db: Db) {
  return db
    .selectFrom('qualification as q')
    .innerJoin('staff as s', 's.id', 'q.staffId')
    .selectAll('q')
    .select('s.staffNo');
}

/** The later certificate of the same holder and kind that outlasts `q`, if any: `q` has been renewed. */
export function renewalOf<
  C extends {
    certNo: string;
    staffId: number;
    kind: QualificationKind;
    passedOn: Day;
    expiresOn: Day | null;
  },
>(q: C, all: readonly C[]): C | null {
  if (q.expiresOn === null) return null;
  const later = all.filter(
    (o) =>
      o.certNo !== q.certNo &&
      o.staffId === q.staffId &&
      o.kind === q.kind &&
      o.passedOn >= q.passedOn &&
      (o.expiresOn === null || o.expiresOn > q.expiresOn!),
  );
  later.sort((a, b) =>
    a.passedOn === b.passedOn ? a.certNo.localeCompare(b.certNo) : a.passedOn < b.passedOn ? -1 : 1,
  );
  return later[0] ?? null;
}

async function siblingsOf(db: Db, staffIds: number[]) {
  if (staffIds.length === 0) return [];
  return db
    .selectFrom('qualification')
    .select(['certNo', 'staffId', 'kind', 'passedOn', 'expiresOn'])
    .where('staffId', 'in', [...new Set(staffIds)])
    .execute();
}

function toQualification(row: Row, siblings: Awaited<ReturnType<typeof siblingsOf>>): Qualification {
  return {
    certNo: row.certNo,
    staffNo: row.staffNo,
    kind: row.kind,
    level: row.level,
    issuer: row.issuer,
    passedOn: row.passedOn,
    expiresOn: row.expiresOn,
    renewedBy: renewalOf(row, siblings)?.certNo ?? null,
    version: row.version,
  };
}

export async function getQualification(db: Db, certNo: string): Promise<Qualification> {
  const row = await certificateQuery(db).where('q.certNo', '=', certNo).executeTakeFirst();
  if (!row) throw new NotFoundError(`certificate ${certNo}`);
  return toQualification(row, await siblingsOf(db, [row.staffId]));
}

function checkInterval(passedOn: Day, expiresOn: Day | null | undefined, problems: ProblemItem[]) {
  if (expiresOn != null && expiresOn <= passedOn) {
    problems.push({
      path: '/expiresOn',
      message: 'must be after passedOn (valid on d when passedOn <= d < expiresOn)',
    });
  }
}

async function insertCertificate(
  tx: Transaction<Database>,
  staffId: number,
  kind: QualificationKind,
  input: Renewal,
) {
  if (
    await tx.selectFrom('qualification').select('id').where('certNo', '=', input.certNo).executeTakeFirst()
  ) {
    throw new ConflictError(`certificate ${input.certNo} is already recorded`);
  }
  return tx
    .insertInto('qualification')
    .values({
      staffId,
      kind,
      certNo: input.certNo,
      level: input.level ?? null,
      issuer: input.issuer ?? null,
      passedOn: input.passedOn,
      expiresOn: input.expiresOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Records a certificate (执法资格 or auxiliary) for a staff member. */
export async function recordQualification(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: NewQualification,
): Promise<Qualification> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const problems: ProblemItem[] = [];
    const staff = await tx
      .selectFrom('staff')
      .select('id')
      .where('staffNo', '=', input.staffNo)
      .executeTakeFirst();
    if (!staff) problems.push({ path: '/staffNo', message: `no staff member ${input.staffNo} is recorded` });
    checkInterval(input.passedOn, input.expiresOn, problems);
    if (problems.length || !staff) throw new ValidationError(problems);
    await insertCertificate(tx, staff.id, input.kind, input);
    await audit({
      action: 'qualification.record',
      objectKeys: { certNo: input.certNo, staffNo: input.staffNo },
      change: input,
    });
    return getQualification(tx, input.certNo);
  });
}

/** Renews a certificate: a new certificate for the same holder and kind. The old one is kept as it was. */
export async function renewQualification(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  previousCertNo: string,
  input: Renewal,
): Promise<Qualification> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const previous = await certificateQuery(tx).where('q.certNo', '=', previousCertNo).executeTakeFirst();
    if (!previous) throw new NotFoundError(`certificate ${previousCertNo}`);
    const problems: ProblemItem[] = [];
    checkInterval(input.passedOn, input.expiresOn, problems);
    if (input.passedOn < previous.passedOn) {
      problems.push({
        path: '/passedOn',
        message: `must not be before the renewed certificate's ${previous.passedOn}`,
      });
    }
    if (previous.expiresOn !== null && input.expiresOn != null && input.expiresOn <= previous.expiresOn) {
      problems.push({
        path: '/expiresOn',
        message: `must be after the renewed certificate's ${previous.expiresOn}`,
      });
    }
    if (problems.length) throw new ValidationError(problems);
    await insertCertificate(tx, previous.staffId, previous.kind, input);
    await audit({
      action: 'qualification.renew',
      objectKeys: { certNo: input.certNo, renews: previousCertNo, staffNo: previous.staffNo },
      change: input,
    });
    return getQualification(tx, input.certNo);
  });
}

/** Corrects a mistyped certificate (If-Match); the previous version stays in the revision history. */
export async function correctQualification(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  certNo: string,
  accepted: number[],
  change: QualificationCorrection,
): Promise<Qualification> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await tx
      .selectFrom('qualification')
      .selectAll()
      .where('certNo', '=', certNo)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError(`certificate ${certNo}`);
    assertVersion(current.version, accepted);
    const values = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const problems: ProblemItem[] = [];
    checkInterval(
      (values.passedOn as Day | undefined) ?? current.passedOn,
      'expiresOn' in values ? (values.expiresOn as Day | null) : current.expiresOn,
      problems,
    );
    if (problems.length) throw new ValidationError(problems);
    if (Object.keys(values).length) {
      await tx.updateTable('qualification').set(values).where('id', '=', current.id).execute();
      await audit({ action: 'qualification.correct', objectKeys: { certNo }, change: values });
    }
    return getQualification(tx, certNo);
  });
}

const isCertNo = (v: unknown): v is string => typeof v === 'string';

export async function listQualifications(
  db: Kysely<Database>,
  query: {
    limit: number;
    cursor?: string | undefined;
    staffNo?: string | undefined;
    kind?: QualificationKind | undefined;
    validOn?: Day | undefined;
  },
): Promise<{ items: Qualification[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, isCertNo);
  let q = certificateQuery(db)
    .orderBy('q.certNo')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('q.certNo', '>', after);
  if (query.staffNo) q = q.where('s.staffNo', '=', query.staffNo);
  if (query.kind) q = q.where('q.kind', '=', query.kind);
  if (query.validOn) {
    const day = query.validOn;
    q = q
      .where('q.passedOn', '<=', day)
      .where(({ eb, or }) => or([eb('q.expiresOn', 'is', null), eb('q.expiresOn', '>', day)]));
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const siblings = await siblingsOf(
    db,
    page.map((r) => r.staffId),
  );
  const items = page.map((r) => toQualification(r, siblings));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.certNo) : null };
}

/**
 * Certificates of serving staff that stop being valid within the next `withinDays` days: asOf < expiresOn <=
 * asOf + withinDays (the expiry day is the first invalid day). Renewed ones are left out unless asked for.
 */
export async function expiringQualifications(
  db: Kysely<Database>,
  query: { asOf: Day; withinDays: number; includeRenewed: boolean; kind?: QualificationKind | undefined },
) {
  const until = addDaysToDay(query.asOf, query.withinDays);
  let q = certificateQuery(db)
    .select(['s.unit', 's.category', 's.hiredOn', 's.departedOn'])
    .where('q.expiresOn', '>', query.asOf)
    .where('q.expiresOn', '<=', until)
    .orderBy('q.expiresOn')
    .orderBy('q.certNo');
  if (query.kind) q = q.where('q.kind', '=', query.kind);
  const rows = (await q.execute()).filter((r) => isActiveOn(r.hiredOn, r.departedOn, query.asOf));
  const siblings = await siblingsOf(
    db,
    rows.map((r) => r.staffId),
  );
  const items = rows
    .map((r) => ({
      ...toQualification(r, siblings),
      unit: r.unit,
      category: r.category,
      daysLeft: daysBetween(query.asOf, r.expiresOn!),
    }))
    .filter((item) => query.includeRenewed || item.renewedBy === null);
  return { asOf: query.asOf, withinDays: query.withinDays, items };
}
