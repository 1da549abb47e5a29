import type { Kysely } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import { todayIn, type Clock } from '../clock.ts';
import type { CampaignPopulation, Database } from '../db/schema.ts';
import { ConflictError, ValidationError, type ProblemItem } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import type { Day } from '../lib/days.ts';
import {
  findCampaign,
  loadCampaign,
  membersOf,
  populationOf,
  standingsOf,
  type CampaignRow,
  type MemberStanding,
} from './campaign-members.ts';
import type { Standing } from './standing.ts';

export interface CampaignView {
  year: number;
  dueOn: Day;
  population: CampaignPopulation;
  /** True when the campaign covers the default population (everyone serving on 31 December). */
  defaultPopulation: boolean;
  openedBy: string | null;
  openedOn: Day | null;
  version: number;
}

export function presentCampaign(row: CampaignRow): CampaignView {
  return {
    year: row.year,
    dueOn: row.dueOn,
    population: populationOf(row),
    defaultPopulation: row.population === null,
    openedBy: row.openedBy,
    openedOn: row.openedOn,
    version: row.version,
  };
}

export interface OpenCampaignInput {
  year: number;
  dueOn?: Day | undefined;
  population?: CampaignPopulation | undefined;
}

/** 31 January of the next year. */
export const defaultDueOn = (year: number) => `${String(year + 1).padStart(4, '0')}-01-31`;

/** Opens the declaration campaign of a year; one per year. */
export async function openCampaign(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: OpenCampaignInput,
): Promise<CampaignView> {
  const dueOn = input.dueOn ?? defaultDueOn(input.year);
  const problems: ProblemItem[] = [];
  if (dueOn <= `${String(input.year).padStart(4, '0')}-01-01`) {
    problems.push({
      path: '/dueOn',
      message: `must fall after the start of ${input.year}, the year declared`,
    });
  }
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const population = input.population;
    if (population && 'staffNos' in population) {
      const seen = new Set<string>();
      population.staffNos.forEach((no, i) => {
        if (seen.has(no))
          problems.push({ path: `/population/staffNos/${i}`, message: `${no} is listed twice` });
        seen.add(no);
      });
      const known = new Set(
        population.staffNos.length
          ? (
              await tx
                .selectFrom('staff')
                .select('staffNo')
                .where('staffNo', 'in', population.staffNos)
                .execute()
            ).map((s) => s.staffNo)
          : [],
      );
      population.staffNos.forEach((no, i) => {
        if (!known.has(no))
          problems.push({ path: `/population/staffNos/${i}`, message: `no staff ${no} is recorded` });
      });
    }
    if (problems.length) throw new ValidationError(problems);
    const existing = await findCampaign(tx, input.year);
    if (existing) {
      throw new ConflictError(
        `the declaration campaign for ${input.year} is already open (due ${existing.dueOn})`,
      );
    }
    const row = await tx
      .insertInto('campaign')
      .values({
        year: input.year,
        dueOn,
        population: population ? JSON.stringify(population) : null,
        openedBy: actor.sub,
        openedOn: todayIn(clock),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentCampaign(row);
    const covered = (await membersOf(tx, row)).length;
    await audit({
      action: 'open-campaign',
      objectKeys: { campaign: input.year, dueOn, covered },
      change: view,
    });
    return view;
  });
}

export async function getCampaign(db: Kysely<Database>, year: number): Promise<CampaignView> {
  return presentCampaign(await loadCampaign(db, year));
}

export async function listCampaigns(db: Kysely<Database>): Promise<CampaignView[]> {
  const rows = await db.selectFrom('campaign').selectAll().orderBy('year', 'desc').execute();
  return rows.map(presentCampaign);
}

/** Whether `staffNo` is in the campaign's population. */
export async function covers(db: Kysely<Database>, campaign: CampaignRow, staffNo: string): Promise<boolean> {
  return (await membersOf(db, campaign, { onlyStaffNo: staffNo })).length > 0;
}

export interface StandingCounts {
  population: number;
  submitted: number;
  submittedLate: number;
  overdue: number;
  inTime: number;
  /** submittedLate + overdue. */
  late: number;
}

function countStandings(rows: MemberStanding[]): StandingCounts {
  const n: Record<Standing, number> = { submitted: 0, submitted_late: 0, overdue: 0, in_time: 0 };
  for (const r of rows) n[r.standing] += 1;
  return {
    population: rows.length,
    submitted: n.submitted,
    submittedLate: n.submitted_late,
    overdue: n.overdue,
    inTime: n.in_time,
    late: n.submitted_late + n.overdue,
  };
}

/** Rows grouped by unit, in the order they come (members are sorted by unit). */
export function byUnit<T extends { unit: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const group = groups.get(r.unit);
    if (group) group.push(r);
    else groups.set(r.unit, [r]);
  }
  return groups;
}

/** Live progress on `asOf`: who submitted, who is late, who is still in time, in total and by unit. */
export async function campaignProgress(db: Kysely<Database>, year: number, asOf: Day) {
  const campaign = await loadCampaign(db, year);
  const rows = await standingsOf(db, campaign, asOf);
  return {
    campaign: presentCampaign(campaign),
    asOf,
    totals: countStandings(rows),
    byUnit: [...byUnit(rows)].map(([unit, group]) => ({ unit, ...countStandings(group) })),
  };
}

type UnitStaffKey = [string, string];
const isUnitStaffKey = (v: unknown): v is UnitStaffKey =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

/** Pages of a list ordered by (unit, staff number). */
export function pageByUnitAndStaff<T extends { unit: string; staffNo: string }>(
  rows: T[],
  limit: number,
  cursor: string | undefined,
) {
  const after = decodeCursor(cursor, isUnitStaffKey);
  const rest = after
    ? rows.filter((r) => r.unit > after[0] || (r.unit === after[0] && r.staffNo > after[1]))
    : rows;
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rest.length > limit && last ? encodeCursor([last.unit, last.staffNo]) : null,
  };
}

export function presentStanding(r: MemberStanding) {
  return {
    staffNo: r.staffNo,
    name: r.name,
    unit: r.unit,
    category: r.category,
    standing: r.standing,
    dueOn: r.dueOn,
    submittedOn: r.submittedOn,
    amendedOn: r.amendedOn,
    daysLeft: r.daysLeft,
    daysOverdue: r.daysOverdue,
    daysLate: r.daysLate,
    lastRemindedOn: r.lastRemindedOn,
    reminders: r.reminders,
  };
}

export async function campaignMembers(
  db: Kysely<Database>,
  year: number,
  query: {
    asOf: Day;
    standing?: Standing | undefined;
    unit?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const campaign = await loadCampaign(db, year);
  let rows = await standingsOf(
    db,
    campaign,
    query.asOf,
    query.unit !== undefined ? { unit: query.unit } : {},
  );
  if (query.standing) rows = rows.filter((r) => r.standing === query.standing);
  const page = pageByUnitAndStaff(rows, query.limit, query.cursor);
  return { asOf: query.asOf, items: page.items.map(presentStanding), nextCursor: page.nextCursor };
}
