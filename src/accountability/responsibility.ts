import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import type { Finding } from './finding-schema.ts';
import { FINDING_STATUSES, FINDING_TYPES, RESPONSIBILITIES } from './vocabulary.ts';

// 执法质量终身负责: who answers for an enforcement action, of any age, and everything a person answers for,
// whether or not they still serve. Nothing here is bounded by time.

const FindingSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  type: z.enum(FINDING_TYPES),
  date: z.string(),
  status: z.enum(FINDING_STATUSES),
  severe: z.boolean(),
  respondents: z.array(z.object({ staffNo: z.string(), responsibility: z.enum(RESPONSIBILITIES) })),
});

const OfficerSchema = z.object({
  staffNo: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  position: z.number().int(),
  hiredOn: z.string(),
  departedOn: z.string().nullable(),
  departureKind: z.string().nullable(),
  former: z.boolean().openapi({ description: 'Departed on or before today; still answers for the action' }),
});

const ActionSchema = z.object({
  ref: z.string(),
  kind: z.string(),
  on: z.string(),
  org: z.object({ creditCode: z.string(), name: z.string() }),
});

export const ActionResponsibilitySchema = z
  .object({
    action: ActionSchema,
    officers: z.array(OfficerSchema),
    findings: z
      .array(FindingSummarySchema)
      .openapi({ description: 'Findings concerning the action directly or through one of its flags' }),
  })
  .openapi('ActionResponsibility');

export const PersonResponsibilitySchema = z
  .object({
    person: z.object({ ref: z.string(), name: z.string() }),
    staff: z.array(
      z.object({
        staffNo: z.string(),
        category: z.string(),
        unit: z.string(),
        hiredOn: z.string(),
        departedOn: z.string().nullable(),
        departureKind: z.string().nullable(),
        former: z.boolean(),
      }),
    ),
    actions: z.array(
      ActionSchema.extend({
        staffNo: z.string(),
        officers: z.array(z.string()),
        findings: z.array(z.string()).openapi({ description: 'Ids of findings concerning this action' }),
      }),
    ),
    findings: z.array(
      FindingSummarySchema.extend({
        staffNo: z.string(),
        responsibility: z.enum(RESPONSIBILITIES),
        handling: z.array(z.object({ measure: z.string(), on: z.string() })),
        sanctions: z.array(z.object({ measure: z.string(), from: z.string(), until: z.string().nullable() })),
      }),
    ),
  })
  .openapi('PersonResponsibility');

const summaryOf = (f: Finding) => ({
  id: f.id,
  version: f.version,
  type: f.type,
  date: f.date,
  status: f.status,
  severe: f.severe,
  respondents: f.respondents.map((r) => ({ staffNo: r.staffNo, responsibility: r.responsibility })),
});

/** Current versions of findings naming these actions, directly or through a flag on them, by action id. */
async function findingsOnActions(db: Kysely<Database>, actionIds: number[]): Promise<Map<number, Finding[]>> {
  const result = new Map<number, Finding[]>();
  if (actionIds.length === 0) return result;
  const base = () =>
    db
      .selectFrom('findingSubject as sub')
      .innerJoin('finding as f', (j) =>
        j.onRef('f.id', '=', 'sub.findingId').onRef('f.version', '=', 'sub.version'),
      )
      .innerJoin('findingVersion as v', (j) =>
        j.onRef('v.findingId', '=', 'f.id').onRef('v.version', '=', 'f.version'),
      );
  const direct = await base()
    .select(['sub.actionId as actionId', 'v.snapshot', 'f.foundOn', 'f.id'])
    .where('sub.actionId', 'in', actionIds)
    .execute();
  const viaFlag = await base()
    .innerJoin('flag as fl', 'fl.id', 'sub.flagId')
    .innerJoin('enforcementAction as a', 'a.ref', 'fl.action')
    .select(['a.id as actionId', 'v.snapshot', 'f.foundOn', 'f.id'])
    .where('a.id', 'in', actionIds)
    .execute();
  const rows = [...direct, ...viaFlag].sort(
    (a, b) => a.foundOn.localeCompare(b.foundOn) || a.id.localeCompare(b.id),
  );
  for (const row of rows) {
    if (row.actionId === null) continue;
    const list = result.get(row.actionId) ?? [];
    if (!list.some((f) => f.id === row.id)) list.push(row.snapshot as Finding);
    result.set(row.actionId, list);
  }
  return result;
}

/** An enforcement action's officers, forever (former staff included), and the findings on it. */
export async function actionResponsibility(db: Kysely<Database>, ref: string, today: Day) {
  const action = await db
    .selectFrom('enforcementAction as a')
    .innerJoin('organization as o', 'o.id', 'a.orgId')
    .select(['a.id', 'a.ref', 'a.kind', 'a.onDate', 'o.creditCode', 'o.name as orgName'])
    .where('a.ref', '=', ref)
    .executeTakeFirst();
  if (!action) throw new NotFoundError(`enforcement action ${ref}`);
  const officers = await db
    .selectFrom('actionOfficer as ao')
    .innerJoin('staff as s', 's.id', 'ao.staffId')
    .innerJoin('person as p', 'p.id', 's.personId')
    .select([
      's.staffNo',
      'p.name',
      's.category',
      's.unit',
      'ao.position',
      's.hiredOn',
      's.departedOn',
      's.departureKind',
    ])
    .where('ao.actionId', '=', action.id)
    .orderBy('ao.position')
    .execute();
  const findings = (await findingsOnActions(db, [action.id])).get(action.id) ?? [];
  return {
    action: {
      ref: action.ref,
      kind: action.kind,
      on: action.onDate,
      org: { creditCode: action.creditCode, name: action.orgName },
    },
    officers: officers.map((o) => ({ ...o, former: o.departedOn !== null && o.departedOn <= today })),
    findings: findings.map(summaryOf),
  };
}

async function responsibilityOf(
  db: Kysely<Database>,
  person: { id: number; ref: string; name: string },
  staffFilter: string | null,
  today: Day,
) {
  let staffQuery = db
    .selectFrom('staff')
    .select(['id', 'staffNo', 'category', 'unit', 'hiredOn', 'departedOn', 'departureKind'])
    .where('personId', '=', person.id)
    .orderBy('hiredOn');
  if (staffFilter !== null) staffQuery = staffQuery.where('staffNo', '=', staffFilter);
  const staff = await staffQuery.execute();
  const staffIds = staff.map((s) => s.id);
  const staffNoById = new Map(staff.map((s) => [s.id, s.staffNo]));

  const actions = staffIds.length
    ? await db
        .selectFrom('actionOfficer as ao')
        .innerJoin('enforcementAction as a', 'a.id', 'ao.actionId')
        .innerJoin('organization as o', 'o.id', 'a.orgId')
        .select(['a.id', 'a.ref', 'a.kind', 'a.onDate', 'o.creditCode', 'o.name as orgName', 'ao.staffId'])
        .where('ao.staffId', 'in', staffIds)
        .orderBy('a.onDate', 'desc')
        .orderBy('a.ref')
        .execute()
    : [];
  const actionIds = [...new Set(actions.map((a) => a.id))];
  const coOfficers = actionIds.length
    ? await db
        .selectFrom('actionOfficer as ao')
        .innerJoin('staff as s', 's.id', 'ao.staffId')
        .select(['ao.actionId', 's.staffNo'])
        .where('ao.actionId', 'in', actionIds)
        .orderBy('ao.actionId')
        .orderBy('ao.position')
        .execute()
    : [];
  const officersOf = new Map<number, string[]>();
  for (const o of coOfficers) officersOf.set(o.actionId, [...(officersOf.get(o.actionId) ?? []), o.staffNo]);
  const onActions = await findingsOnActions(db, actionIds);

  const against = staffIds.length
    ? await db
        .selectFrom('findingRespondent as r')
        .innerJoin('finding as f', (j) =>
          j.onRef('f.id', '=', 'r.findingId').onRef('f.version', '=', 'r.version'),
        )
        .innerJoin('findingVersion as v', (j) =>
          j.onRef('v.findingId', '=', 'f.id').onRef('v.version', '=', 'f.version'),
        )
        .select(['r.staffId', 'r.responsibility', 'v.snapshot'])
        .where('r.staffId', 'in', staffIds)
        .orderBy('f.foundOn', 'desc')
        .orderBy('f.id')
        .execute()
    : [];

  return {
    person: { ref: person.ref, name: person.name },
    staff: staff.map(({ id: _id, ...s }) => ({
      ...s,
      former: s.departedOn !== null && s.departedOn <= today,
    })),
    actions: actions.map((a) => ({
      ref: a.ref,
      kind: a.kind,
      on: a.onDate,
      org: { creditCode: a.creditCode, name: a.orgName },
      staffNo: staffNoById.get(a.staffId) ?? '',
      officers: officersOf.get(a.id) ?? [],
      findings: (onActions.get(a.id) ?? []).map((f) => f.id),
    })),
    findings: against.map((row) => {
      const f = row.snapshot as Finding;
      const staffNo = staffNoById.get(row.staffId) ?? '';
      const mine = f.respondents.find((r) => r.staffNo === staffNo);
      return {
        ...summaryOf(f),
        staffNo,
        responsibility: row.responsibility,
        handling: (mine?.handling ?? []).map((h) => ({ measure: h.measure, on: h.on })),
        sanctions: (mine?.sanctions ?? []).map((s) => ({ measure: s.measure, from: s.from, until: s.until })),
      };
    }),
  };
}

/** Everything one staff record answers for: its actions and the findings against it, even after departure. */
export async function staffResponsibility(db: Kysely<Database>, staffNo: string, today: Day) {
  const row = await db
    .selectFrom('staff as s')
    .innerJoin('person as p', 'p.id', 's.personId')
    .select(['p.id', 'p.ref', 'p.name'])
    .where('s.staffNo', '=', staffNo)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`staff member ${staffNo}`);
  return responsibilityOf(db, row, staffNo, today);
}

/** Everything a natural person answers for, across every staff record they have held. */
export async function personResponsibility(db: Kysely<Database>, ref: string, today: Day) {
  const row = await db
    .selectFrom('person')
    .select(['id', 'ref', 'name'])
    .where('ref', '=', ref)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`person ${ref}`);
  return responsibilityOf(db, row, null, today);
}
