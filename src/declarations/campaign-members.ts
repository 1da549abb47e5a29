import type { Kysely, Selectable } from 'kysely';
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

/** The staff a campaign covers, by unit then staff number. `onlyStaffNo` narrows to one (membership checks). */
export async function membersOf(
  db: Kysely<Database>,
  campaign: Pick<CampaignRow, 'year' | 'population'>,
  filter: { onlyStaffNo?: string; unit?: string } = {},
): Promise<Member[]> {
  const population = populationOf(campaign);
  let q = db
    .selectFrom('staff')
    .innerJoin('person', 'person.id', 'staff.personId')
    .select([
      'staff.id as staffId',
      'staff.staffNo',
      'staff.personId',
      'person.name',
      'staff.unit',
      'staff.category',
    ])
    .orderBy('staff.unit')
    .orderBy('staff.staffNo');
  if ('servingOn' in population) {
    const day = population.servingOn;
    q = q
      .where('staff.hiredOn', '<=', day)
      .where((eb) => eb.or([eb('staff.departedOn', 'is', null), eb('staff.departedOn', '>', day)]));
  } else {
    if (population.staffNos.length === 0) return [];
    q = q.where('staff.staffNo', 'in', population.staffNos);
  }
  if (filter.onlyStaffNo !== undefined) q = q.where('staff.staffNo', '=', filter.onlyStaffNo);
  if (filter.unit !== undefined) q = q.where('staff.unit', '=', filter.unit);
  // Sorted by code unit, not the database collation, so keyset cursors compare the same way.
  return (await q.execute()).sort((a, b) => compareText(a.unit, b.unit) || compareText(a.staffNo, b.staffNo));
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
  filter: { onlyStaffNo?: string; unit?: string } = {},
): Promise<MemberStanding[]> {
  const members = await membersOf(db, campaign, filter);
  if (members.length === 0) return [];
  const ids = members.map((m) => m.staffId);
  const [declarations, reminders] = await Promise.all([
    db
      .selectFrom('declaration')
      .select(['staffId', 'submittedOn', 'amendedOn'])
      .where('year', '=', campaign.year)
      .where('staffId', 'in', ids)
      .execute(),
    db
      .selectFrom('reminder')
      .select(['staffId', (eb) => eb.fn.max('sentOn').as('last'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('campaignId', '=', campaign.id)
      .where('staffId', 'in', ids)
      .where('sentOn', '<=', asOf)
      .groupBy('staffId')
      .execute(),
  ]);
  const declared = new Map(declarations.map((d) => [d.staffId, d]));
  const reminded = new Map(reminders.map((r) => [r.staffId, r]));
  return members.map((m) => {
    const d = declared.get(m.staffId);
    const r = reminded.get(m.staffId);
    const submittedOn = d?.submittedOn ?? null;
    return {
      ...m,
      dueOn: campaign.dueOn,
      ...standingOf(campaign.dueOn, asOf, submittedOn),
      submittedOn: submittedOn !== null && submittedOn <= asOf ? submittedOn : null,
      amendedOn:
        d?.amendedOn !== null && d?.amendedOn !== undefined && d.amendedOn <= asOf ? d.amendedOn : null,
      lastRemindedOn: (r?.last as Day | undefined) ?? null,
      reminders: r ? Number(r.n) : 0,
    };
  });
}
