import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { CampaignPopulation, CampaignTable, Database, StaffCategory } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import { standingOf, type StandingFacts } from './standing.ts';

export type CampaignRow = Selectable<CampaignTable>;

/** The population a campaign covers; a campaign without one (e.g. imported) covers everyone serving on 31 Dec. */
export function populationOf(campaign: Pick<CampaignRow, 'year' | 'population'>): CampaignPopulation {
  return campaign.population ?? { servingOn: `${String(campaign.year).padStart(4, '0')}-12-31` };
}

export async function findCampaign(db: Kysely<Database>, year: number): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function loadCampaign(db: Kysely<Database>, year: number): Promise<CampaignRow> {
  const campaign = await findCampaign(db, year);
  if (!campaign) throw new NotFoundError(`declaration campaign ${year}`);
  return campaign;
}

export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Member {
  staffId: number;
  staffNo: string;
  personId: number;
  name: string;
  unit: string;
  category: StaffCategory;
}

type MemberFilter = { onlyStaffNo?: string; unit?: string };

/** The population filter of a campaign, on a query over `staff`; null when it covers no one. */
function covered<Q extends SelectQueryBuilder<Database, 'staff' | 'person', any>>(
  q: Q,
  campaign: Pick<CampaignRow, 'year' | 'population'>,
  filter: MemberFilter,
): Q | null {
  const population = populationOf(campaign);
  if ('servingOn' in population) {
    const day = population.servingOn;
    q = q
      .where('staff.hiredOn', '<=', day)
      .where((eb) => eb.or([eb('staff.departedOn', 'is', null), eb('staff.departedOn', '>', day)])) as Q;
  } else {
    if (population.staffNos.length === 0) return null;
    q = q.where('staff.staffNo', 'in', population.staffNos) as Q;
  }
  if (filter.onlyStaffNo !== undefined) q = q.where('staff.staffNo', '=', filter.onlyStaffNo) as Q;
  if (filter.unit !== undefined) q = q.where('staff.unit', '=', filter.unit) as Q;
  return q;
}

// Sorted by code unit, not the database collation, so keyset cursors compare the same way.
const byUnitAndStaff = <T extends { unit: string; staffNo: string }>(rows: T[]) =>
  rows.sort((a, b) => compareText(a.unit, b.unit) || compareText(a.staffNo, b.staffNo));

const memberColumns = [
  'staff.id as staffId',
  'staff.staffNo',
  'staff.personId',
  'person.name',
  'staff.unit',
  'staff.category',
] as const;

/** The staff a campaign covers, by unit then staff number. `onlyStaffNo` narrows to one (membership checks). */
export async function membersOf(
  db: Kysely<Database>,
  campaign: Pick<CampaignRow, 'year' | 'population'>,
  filter: MemberFilter = {},
): Promise<Member[]> {
  const q = covered(
    db.selectFrom('staff').innerJoin('person', 'person.id', 'staff.personId').select(memberColumns),
    campaign,
    filter,
  );
  return q ? byUnitAndStaff(await q.execute()) : [];
}

export interface MemberStanding extends Member, StandingFacts {
  dueOn: Day;
  submittedOn: Day | null;
  amendedOn: Day | null;
  lastRemindedOn: Day | null;
  reminders: number;
}

/** Every member of a campaign with where they stand on `asOf` and the reminders sent to them by then. */
export async function standingsOf(
  db: Kysely<Database>,
  campaign: CampaignRow,
  asOf: Day,
  filter: MemberFilter = {},
): Promise<MemberStanding[]> {
  const reminded = db
    .selectFrom('reminder')
    .select(['staffId', (eb) => eb.fn.max('sentOn').as('last'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('campaignId', '=', campaign.id)
    .where('sentOn', '<=', asOf)
    .groupBy('staffId')
    .as('reminded');
  const q = covered(
    db
      .selectFrom('staff')
      .innerJoin('person', 'person.id', 'staff.personId')
      .leftJoin('declaration', (join) =>
        join.onRef('declaration.staffId', '=', 'staff.id').on('declaration.year', '=', campaign.year),
      )
      .leftJoin(reminded, 'reminded.staffId', 'staff.id')
      .select([
        ...memberColumns,
        'declaration.submittedOn',
        'declaration.amendedOn',
        'reminded.last',
        'reminded.n',
      ]),
    campaign,
    filter,
  );
  if (!q) return [];
  const rows = byUnitAndStaff(await q.execute());
  return rows.map(({ submittedOn: submitted, amendedOn: amended, last, n, ...m }) => {
    // A submission or amendment dated after asOf does not exist yet on asOf.
    const submittedOn = submitted !== null && submitted <= asOf ? submitted : null;
    return {
      ...m,
      dueOn: campaign.dueOn,
      ...standingOf(campaign.dueOn, asOf, submittedOn),
      submittedOn,
      amendedOn: amended !== null && amended <= asOf ? amended : null,
      lastRemindedOn: (last as Day | null) ?? null,
      reminders: n === null ? 0 : Number(n),
    };
  });
}
