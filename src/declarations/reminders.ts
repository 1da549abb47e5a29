import type { Kysely } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import { todayIn, type Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { ValidationError, type ProblemItem } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import type { Table } from '../lib/tabular-export.ts';
import { idCursor, pageOf } from '../personnel/pagination.ts';
import { loadCampaign, standingsOf, type MemberStanding } from './campaign-members.ts';
import { byUnit, pageByUnitAndStaff } from './campaigns.ts';
import { owes } from './standing.ts';

// Who still owes a declaration, how long they have left or how long they are overdue, and a record of every
// reminder sent, so that "reminded on …" can be shown.

export type Urgency = 'overdue' | 'due_soon' | 'not_yet_due';
export const URGENCIES = ['overdue', 'due_soon', 'not_yet_due'] as const;
export const URGENCY_LABEL: Record<Urgency, string> = {
  overdue: '逾期未报',
  due_soon: '即将到期',
  not_yet_due: '未到期',
};

export const DEFAULT_DUE_SOON_DAYS = 14;
const REMINDER_BATCH = 1000;

export interface OwedDeclaration {
  staffNo: string;
  name: string;
  unit: string;
  urgency: Urgency;
  dueOn: Day;
  daysLeft: number | null;
  daysOverdue: number | null;
  lastRemindedOn: Day | null;
  reminders: number;
}

function urgencyOf(m: MemberStanding, withinDays: number): Urgency {
  if (m.standing === 'overdue') return 'overdue';
  return m.daysLeft !== null && m.daysLeft <= withinDays ? 'due_soon' : 'not_yet_due';
}

const presentOwed = (m: MemberStanding, withinDays: number): OwedDeclaration => ({
  staffNo: m.staffNo,
  name: m.name,
  unit: m.unit,
  urgency: urgencyOf(m, withinDays),
  dueOn: m.dueOn,
  daysLeft: m.daysLeft,
  daysOverdue: m.daysOverdue,
  lastRemindedOn: m.lastRemindedOn,
  reminders: m.reminders,
});

export interface OwedQuery {
  asOf: Day;
  withinDays: number;
  unit?: string | undefined;
  urgency?: Urgency | undefined;
}

async function owedOf(db: Kysely<Database>, year: number, query: OwedQuery) {
  const campaign = await loadCampaign(db, year);
  const members = await standingsOf(
    db,
    campaign,
    query.asOf,
    query.unit !== undefined ? { unit: query.unit } : {},
  );
  const owed = members.filter((m) => owes(m.standing)).map((m) => presentOwed(m, query.withinDays));
  return { campaign, owed };
}

function countsOf(rows: OwedDeclaration[]) {
  const n: Record<Urgency, number> = { overdue: 0, due_soon: 0, not_yet_due: 0 };
  for (const r of rows) n[r.urgency] += 1;
  return { owing: rows.length, overdue: n.overdue, dueSoon: n.due_soon, notYetDue: n.not_yet_due };
}

/** The reminder list: who owes (a page of them), and the due-soon and overdue counts per unit. */
export async function owedDeclarations(
  db: Kysely<Database>,
  year: number,
  query: OwedQuery & { limit: number; cursor?: string | undefined },
) {
  const { campaign, owed } = await owedOf(db, year, query);
  const listed = query.urgency ? owed.filter((r) => r.urgency === query.urgency) : owed;
  const page = pageByUnitAndStaff(listed, query.limit, query.cursor);
  return {
    year,
    dueOn: campaign.dueOn,
    asOf: query.asOf,
    withinDays: query.withinDays,
    totals: countsOf(owed),
    byUnit: [...byUnit(owed)].map(([unit, group]) => ({ unit, ...countsOf(group) })),
    items: page.items,
    nextCursor: page.nextCursor,
  };
}

/** The whole reminder list as a table to hand out (CSV or XLSX), headed in Chinese. */
export async function owedTable(db: Kysely<Database>, year: number, query: OwedQuery): Promise<Table> {
  const { owed } = await owedOf(db, year, query);
  const rows = query.urgency ? owed.filter((r) => r.urgency === query.urgency) : owed;
  return {
    sheet: `${year}年度申报提醒`,
    columns: [
      { key: 'staffNo', header: '工号' },
      { key: 'name', header: '姓名' },
      { key: 'unit', header: '单位' },
      { key: 'urgency', header: '状态' },
      { key: 'dueOn', header: '截止日期' },
      { key: 'daysLeft', header: '剩余天数' },
      { key: 'daysOverdue', header: '逾期天数' },
      { key: 'lastRemindedOn', header: '最近提醒日期' },
      { key: 'reminders', header: '已提醒次数' },
    ],
    rows: rows.map((r) => ({ ...r, urgency: URGENCY_LABEL[r.urgency] })),
  };
}

export interface SendInput {
  /** Exactly these staff (each must still owe); default: everyone owing with one of `urgencies`. */
  staffNos?: string[] | undefined;
  urgencies?: Urgency[] | undefined;
  withinDays?: number | undefined;
  note?: string | undefined;
}

export interface SentReminder {
  id: number;
  staffNo: string;
  name: string;
  unit: string;
  urgency: Urgency;
  daysLeft: number;
  sentOn: Day;
}

/**
 * Sends a reminder to each staff member who still owes the declaration of `year`: one `reminder` record each
 * (in-app; the staff member sees it with the campaign). Without an explicit list, anyone already reminded today
 * is skipped.
 */
export async function sendReminders(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  year: number,
  input: SendInput,
): Promise<{ sentOn: Day; sent: SentReminder[]; skipped: { staffNo: string; reason: string }[] }> {
  const today = todayIn(clock);
  const withinDays = input.withinDays ?? DEFAULT_DUE_SOON_DAYS;
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const campaign = await loadCampaign(tx, year);
    const members = await standingsOf(tx, campaign, today);
    const byStaffNo = new Map(members.map((m) => [m.staffNo, m]));
    const skipped: { staffNo: string; reason: string }[] = [];
    let targets: MemberStanding[];
    if (input.staffNos) {
      const problems: ProblemItem[] = [];
      const seen = new Set<string>();
      input.staffNos.forEach((no, i) => {
        const m = byStaffNo.get(no);
        if (seen.has(no)) problems.push({ path: `/staffNos/${i}`, message: `${no} is listed twice` });
        else if (!m)
          problems.push({ path: `/staffNos/${i}`, message: `${no} is not covered by the ${year} campaign` });
        else if (!owes(m.standing)) {
          problems.push({ path: `/staffNos/${i}`, message: `${no} has already declared (${m.submittedOn})` });
        }
        seen.add(no);
      });
      if (problems.length) throw new ValidationError(problems);
      targets = input.staffNos.map((no) => byStaffNo.get(no)!);
    } else {
      const wanted = new Set<Urgency>(input.urgencies ?? URGENCIES);
      targets = [];
      for (const m of members) {
        if (!owes(m.standing) || !wanted.has(urgencyOf(m, withinDays))) continue;
        if (m.lastRemindedOn === today)
          skipped.push({ staffNo: m.staffNo, reason: `already reminded on ${today}` });
        else targets.push(m);
      }
    }
    const sent: SentReminder[] = [];
    const sentAt = clock.now();
    const daysLeftOf = (m: MemberStanding) =>
      m.standing === 'overdue' ? -(m.daysOverdue ?? 0) : (m.daysLeft ?? 0);
    // Batched: 9 parameters a row keeps a statement well under PostgreSQL's 65535.
    for (let at = 0; at < targets.length; at += REMINDER_BATCH) {
      const batch = targets.slice(at, at + REMINDER_BATCH);
      const rows = await tx
        .insertInto('reminder')
        .values(
          batch.map((m) => ({
            campaignId: campaign.id,
            staffId: m.staffId,
            sentOn: today,
            sentAt,
            sentBy: actor.sub,
            channel: 'in_app' as const,
            standing: m.standing === 'overdue' ? ('overdue' as const) : ('in_time' as const),
            daysLeft: daysLeftOf(m),
            note: input.note ?? null,
          })),
        )
        .returning(['id', 'staffId'])
        .execute();
      const idOf = new Map(rows.map((r) => [r.staffId, r.id]));
      for (const m of batch) {
        sent.push({
          id: idOf.get(m.staffId)!,
          staffNo: m.staffNo,
          name: m.name,
          unit: m.unit,
          urgency: urgencyOf(m, withinDays),
          daysLeft: daysLeftOf(m),
          sentOn: today,
        });
      }
    }
    await audit({
      action: 'send-declaration-reminders',
      objectKeys: {
        campaign: year,
        sentOn: today,
        staffNos: sent.map((s) => s.staffNo),
        reminders: sent.map((s) => s.id),
      },
      change: { note: input.note ?? null, skipped },
    });
    return { sentOn: today, sent, skipped };
  });
}

/** The reminders sent for a campaign (optionally to one staff member), oldest first. */
export async function sentReminders(
  db: Kysely<Database>,
  year: number,
  query: { staffNo?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const campaign = await loadCampaign(db, year);
  const after = idCursor(query.cursor);
  let q = db
    .selectFrom('reminder')
    .innerJoin('staff', 'staff.id', 'reminder.staffId')
    .select([
      'reminder.id',
      'staff.staffNo',
      'reminder.sentOn',
      'reminder.sentAt',
      'reminder.sentBy',
      'reminder.channel',
      'reminder.standing',
      'reminder.daysLeft',
      'reminder.note',
    ])
    .where('reminder.campaignId', '=', campaign.id)
    .orderBy('reminder.id')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('reminder.id', '>', after);
  if (query.staffNo !== undefined) q = q.where('staff.staffNo', '=', query.staffNo);
  const page = pageOf(await q.execute(), query.limit, (r) => r.id);
  return {
    items: page.items.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
    nextCursor: page.nextCursor,
  };
}

/** The reminders one staff member received for a campaign, for their own view. */
export async function remindersTo(db: Kysely<Database>, campaignId: number, staffId: number) {
  const rows = await db
    .selectFrom('reminder')
    .select(['sentOn', 'standing', 'daysLeft', 'note'])
    .where('campaignId', '=', campaignId)
    .where('staffId', '=', staffId)
    .orderBy('id')
    .execute();
  return rows;
}
