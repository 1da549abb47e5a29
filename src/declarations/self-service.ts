import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import { standingsOf, type CampaignRow } from './campaign-members.ts';
import { presentCampaign, type CampaignView } from './campaigns.ts';
import { findStaffIdentity } from './known-ties.ts';
import { remindersTo } from './reminders.ts';

// What a staff member sees of the campaigns: only those that cover them, each with where they stand, their draft
// and submission, the review decision, and the reminders they were sent.

export interface MyCampaign extends CampaignView {
  mine: {
    standing: string;
    daysLeft: number | null;
    daysOverdue: number | null;
    daysLate: number | null;
    submittedOn: Day | null;
    amendedOn: Day | null;
    version: number | null;
    review: 'pending' | 'accepted' | 'returned' | null;
    reviewComment: string | null;
    draft: { state: 'open' | 'submitted'; version: number } | null;
    reminders: { sentOn: Day; standing: string; daysLeft: number; note: string | null }[];
  };
}

async function mineIn(
  db: Kysely<Database>,
  campaign: CampaignRow,
  staffNo: string,
  asOf: Day,
): Promise<MyCampaign | null> {
  const [standing] = await standingsOf(db, campaign, asOf, { onlyStaffNo: staffNo });
  if (!standing) return null;
  const [declaration, draft, reminders] = await Promise.all([
    db
      .selectFrom('declaration')
      .select(['id', 'version'])
      .where('staffId', '=', standing.staffId)
      .where('year', '=', campaign.year)
      .where('submittedOn', 'is not', null)
      .executeTakeFirst(),
    db
      .selectFrom('declarationDraft')
      .select(['state', 'version'])
      .where('staffId', '=', standing.staffId)
      .where('year', '=', campaign.year)
      .executeTakeFirst(),
    remindersTo(db, campaign.id, standing.staffId),
  ]);
  const review = declaration
    ? await db
        .selectFrom('declarationReview')
        .select(['decision', 'comment'])
        .where('declarationId', '=', declaration.id)
        .where('declarationVersion', '=', declaration.version)
        .executeTakeFirst()
    : undefined;
  return {
    ...presentCampaign(campaign),
    mine: {
      standing: standing.standing,
      daysLeft: standing.daysLeft,
      daysOverdue: standing.daysOverdue,
      daysLate: standing.daysLate,
      submittedOn: standing.submittedOn,
      amendedOn: standing.amendedOn,
      version: declaration?.version ?? null,
      review: declaration ? (review?.decision ?? 'pending') : null,
      reviewComment: review?.comment ?? null,
      draft: draft ?? null,
      reminders,
    },
  };
}

/** The campaigns that cover a staff member, newest first. */
export async function myCampaigns(db: Kysely<Database>, staffNo: string, asOf: Day): Promise<MyCampaign[]> {
  if (!(await findStaffIdentity(db, staffNo))) return [];
  const campaigns = await db.selectFrom('campaign').selectAll().orderBy('year', 'desc').execute();
  const mine = await Promise.all(campaigns.map((c) => mineIn(db, c, staffNo, asOf)));
  return mine.filter((m): m is MyCampaign => m !== null);
}

/** One campaign as the staff member sees it; one that does not cover them does not exist. */
export async function myCampaign(
  db: Kysely<Database>,
  staffNo: string,
  year: number,
  asOf: Day,
): Promise<MyCampaign> {
  const campaign = await db.selectFrom('campaign').selectAll().where('year', '=', year).executeTakeFirst();
  const mine = campaign ? await mineIn(db, campaign, staffNo, asOf) : null;
  if (!mine) throw new NotFoundError(`declaration campaign ${year}`);
  return mine;
}
