import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import type { Clock } from '../clock.ts';
import type { Database, DeclarationReviewTable, DeclarationTable } from '../db/schema.ts';
import type { Day } from '../lib/days.ts';
import { readAudited } from '../personnel/audited-read.ts';
import { idCursor, pageOf } from '../personnel/pagination.ts';
import { declarationNotFound, resolveDeclarant } from './access.ts';
import { peopleNamedIn, type StoredItem } from './items.ts';
import type { StaffIdentity } from './known-ties.ts';

export type DeclarationRow = Selectable<DeclarationTable>;
type ReviewRow = Selectable<DeclarationReviewTable>;

export type ReviewStatus = 'pending' | 'accepted' | 'returned';

export interface ReviewView {
  id: number;
  version: number;
  decision: 'accepted' | 'returned';
  comment: string | null;
  reviewedBy: string;
  reviewedOn: Day;
  reviewedAt: string;
  recorded: unknown[];
}

export interface DeclarationView {
  staffNo: string;
  year: number;
  version: number;
  submittedOn: Day;
  amendedOn: Day | null;
  amendmentReason: string | null;
  nothingToReport: boolean;
  submittedBy: string | null;
  items: StoredItem[];
  /** The campaign's due date, and whether the first submission met it. */
  dueOn: Day | null;
  onTime: boolean | null;
  review: { status: ReviewStatus; decision: ReviewView | null };
}

export function presentReview(r: ReviewRow): ReviewView {
  return {
    id: r.id,
    version: r.declarationVersion,
    decision: r.decision,
    comment: r.comment,
    reviewedBy: r.reviewedBy,
    reviewedOn: r.reviewedOn,
    reviewedAt: r.reviewedAt.toISOString(),
    recorded: r.recorded,
  };
}

/** The submitted declaration of a staff member for a year (a row without `submittedOn` is not one). */
export async function findSubmitted(
  db: Kysely<Database>,
  staffId: number,
  year: number,
): Promise<DeclarationRow | undefined> {
  return db
    .selectFrom('declaration')
    .selectAll()
    .where('staffId', '=', staffId)
    .where('year', '=', year)
    .where('submittedOn', 'is not', null)
    .executeTakeFirst();
}

export async function reviewsOf(db: Kysely<Database>, declarationId: number): Promise<ReviewView[]> {
  const rows = await db
    .selectFrom('declarationReview')
    .selectAll()
    .where('declarationId', '=', declarationId)
    .orderBy('id')
    .execute();
  return rows.map(presentReview);
}

export async function presentDeclaration(
  db: Kysely<Database>,
  who: Pick<StaffIdentity, 'staffNo'>,
  row: DeclarationRow,
): Promise<DeclarationView> {
  const [campaign, reviews] = await Promise.all([
    db.selectFrom('campaign').select('dueOn').where('year', '=', row.year).executeTakeFirst(),
    reviewsOf(db, row.id),
  ]);
  const decision = reviews.find((r) => r.version === row.version) ?? null;
  return {
    staffNo: who.staffNo,
    year: row.year,
    version: row.version,
    submittedOn: row.submittedOn!,
    amendedOn: row.amendedOn,
    amendmentReason: row.amendmentReason,
    nothingToReport: row.nothingToReport,
    submittedBy: row.submittedBy,
    items: row.items as StoredItem[],
    dueOn: campaign?.dueOn ?? null,
    onTime: campaign ? row.submittedOn! <= campaign.dueOn : null,
    review: { status: decision?.decision ?? 'pending', decision },
  };
}

/** One declaration as now stored; it names relatives, so the read is audited. */
export async function getDeclaration(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
): Promise<DeclarationView> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year);
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const row = await findSubmitted(q, who.staffId, year);
      if (!row) throw declarationNotFound(staffNo, year);
      return presentDeclaration(q, who, row);
    },
    (view) => ({
      action: 'read-declaration',
      objectKeys: { staffNo, year, version: view.version, people: peopleNamedIn(view.items) },
    }),
  );
}

export interface DeclarationVersionView {
  version: number;
  submittedOn: Day;
  amendedOn: Day | null;
  amendmentReason: string | null;
  nothingToReport: boolean;
  submittedBy: string | null;
  items: StoredItem[];
  /** When this version was replaced by the next one (null for the current version). */
  replacedAt: string | null;
  review: ReviewView | null;
}

/** Every submitted version, oldest first: the replaced ones kept in `revision`, then the current row. */
export async function declarationVersions(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
): Promise<{ staffNo: string; year: number; items: DeclarationVersionView[] }> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year);
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const row = await findSubmitted(q, who.staffId, year);
      if (!row) throw declarationNotFound(staffNo, year);
      const [revisions, reviews] = await Promise.all([
        q
          .selectFrom('revision')
          .select(['version', 'data', 'replacedAt'])
          .where('tableName', '=', 'declaration')
          .where('rowId', '=', row.id)
          .orderBy('version')
          .execute(),
        reviewsOf(q, row.id),
      ]);
      const reviewOf = (version: number) => reviews.find((r) => r.version === version) ?? null;
      const older = revisions
        .map((r): Record<string, unknown> => ({
          ...(r.data as Record<string, unknown>),
          replacedAt: r.replacedAt,
        }))
        .filter((d) => d.submitted_on !== null && d.submitted_on !== undefined)
        .map((d): DeclarationVersionView => ({
          version: d.version as number,
          submittedOn: d.submitted_on as Day,
          amendedOn: (d.amended_on as Day | null | undefined) ?? null,
          amendmentReason: (d.amendment_reason as string | null | undefined) ?? null,
          nothingToReport: (d.nothing_to_report as boolean | undefined) ?? false,
          submittedBy: (d.submitted_by as string | null | undefined) ?? null,
          items: d.items as StoredItem[],
          replacedAt: new Date(d.replacedAt as Date | string).toISOString(),
          review: reviewOf(d.version as number),
        }));
      const current: DeclarationVersionView = {
        version: row.version,
        submittedOn: row.submittedOn!,
        amendedOn: row.amendedOn,
        amendmentReason: row.amendmentReason,
        nothingToReport: row.nothingToReport,
        submittedBy: row.submittedBy,
        items: row.items as StoredItem[],
        replacedAt: null,
        review: reviewOf(row.version),
      };
      return { staffNo, year, items: [...older, current] };
    },
    (result) => ({
      action: 'read-declaration',
      objectKeys: {
        staffNo,
        year,
        versions: result.items.map((v) => v.version),
        people: peopleNamedIn(result.items.flatMap((v) => v.items)),
      },
    }),
  );
}

/** The declarations the offices work through: who, when, how many items, where the review stands. */
export async function listDeclarations(
  db: Kysely<Database>,
  query: {
    year?: number | undefined;
    staffNo?: string | undefined;
    unit?: string | undefined;
    review?: ReviewStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = idCursor(query.cursor);
  const reviewStatus = sql<ReviewStatus>`coalesce(declaration_review.decision, 'pending')`;
  let q = db
    .selectFrom('declaration')
    .innerJoin('staff', 'staff.id', 'declaration.staffId')
    .innerJoin('person', 'person.id', 'staff.personId')
    .leftJoin('declarationReview', (join) =>
      join
        .onRef('declarationReview.declarationId', '=', 'declaration.id')
        .onRef('declarationReview.declarationVersion', '=', 'declaration.version'),
    )
    .select([
      'declaration.id',
      'staff.staffNo',
      'person.name',
      'staff.unit',
      'declaration.year',
      'declaration.version',
      'declaration.submittedOn',
      'declaration.amendedOn',
      'declaration.nothingToReport',
      sql<number>`jsonb_array_length(declaration.items)`.as('itemCount'),
      reviewStatus.as('review'),
    ])
    .where('declaration.submittedOn', 'is not', null)
    .orderBy('declaration.id')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('declaration.id', '>', after);
  if (query.year !== undefined) q = q.where('declaration.year', '=', query.year);
  if (query.staffNo !== undefined) q = q.where('staff.staffNo', '=', query.staffNo);
  if (query.unit !== undefined) q = q.where('staff.unit', '=', query.unit);
  if (query.review !== undefined) q = q.where(reviewStatus, '=', query.review);
  const page = pageOf(await q.execute(), query.limit, (r) => r.id);
  return {
    items: page.items.map(({ id: _id, submittedOn, itemCount, ...r }) => ({
      ...r,
      submittedOn: submittedOn!,
      itemCount: Number(itemCount),
    })),
    nextCursor: page.nextCursor,
  };
}
