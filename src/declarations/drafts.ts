import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import type { Clock } from '../clock.ts';
import type { Database, DeclarationDraftTable } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import { readAudited } from '../personnel/audited-read.ts';
import { isoTime } from '../personnel/history.ts';
import { declarationNotFound, resolveDeclarant } from './access.ts';
import { findSubmitted } from './declaration-view.ts';
import { checkItems, peopleNamedIn, withoutBasis, type ItemInput } from './items.ts';
import type { StaffIdentity } from './known-ties.ts';
import { annotate, knownNow, mergeKnown, prefillItems } from './prefill.ts';

// A draft is the staff member's work in progress, apart from the submitted declaration: saving it changes nothing
// the screening rules read. It starts pre-filled from what is known (or, for an amendment, from what was
// submitted plus anything known that it leaves out); every save keeps the previous state in `revision`.

type DraftRow = Selectable<DeclarationDraftTable>;

export interface DraftView {
  staffNo: string;
  year: number;
  state: 'open' | 'submitted';
  /** The submitted version this draft amends (null for a first declaration). */
  basedOnVersion: number | null;
  submittedVersion: number | null;
  items: ItemInput[];
  nothingToReport: boolean | null;
  amendmentReason: string | null;
  version: number;
  updatedAt: string;
}

async function presentDraft(db: Kysely<Database>, who: StaffIdentity, row: DraftRow): Promise<DraftView> {
  const { known } = await knownNow(db, who, row.year);
  return {
    staffNo: who.staffNo,
    year: row.year,
    state: row.state,
    basedOnVersion: row.basedOnVersion,
    submittedVersion: row.submittedVersion,
    items: annotate(row.items as ItemInput[], known),
    nothingToReport: row.nothingToReport,
    amendmentReason: row.amendmentReason,
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

const findDraft = (db: Kysely<Database>, staffId: number, year: number) =>
  db
    .selectFrom('declarationDraft')
    .selectAll()
    .where('staffId', '=', staffId)
    .where('year', '=', year)
    .executeTakeFirst();

/** The staff member's draft for `year`; it names relatives, so the read is audited. */
export async function getDraft(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
): Promise<DraftView> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year, {
    selfOnly: true,
    needCampaign: true,
  });
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const row = await findDraft(q, who.staffId, year);
      if (!row) throw declarationNotFound(staffNo, year);
      return presentDraft(q, who, row);
    },
    (view) => ({
      action: 'read-declaration-draft',
      objectKeys: { staffNo, year, people: peopleNamedIn(view.items) },
    }),
  );
}

/**
 * Starts the draft of `year`, pre-filled. An open draft is returned as it is (`created: false`); after a
 * submission a new draft starts from the submitted version, so it becomes an amendment.
 */
export async function startDraft(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
): Promise<{ created: boolean; draft: DraftView }> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year, {
    selfOnly: true,
    needCampaign: true,
  });
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const existing = await findDraft(tx, who.staffId, year);
    if (existing?.state === 'open') {
      const draft = await presentDraft(tx, who, existing);
      await audit({
        action: 'read-declaration-draft',
        objectKeys: { staffNo, year, people: peopleNamedIn(draft.items) },
      });
      return { created: false, draft };
    }
    const submitted = await findSubmitted(tx, who.staffId, year);
    const { known } = await knownNow(tx, who, year);
    const items = withoutBasis(
      submitted ? mergeKnown(submitted.items as ItemInput[], known) : prefillItems(known),
    );
    const values = {
      items: JSON.stringify(items),
      nothingToReport: submitted ? submitted.nothingToReport : null,
      amendmentReason: null,
      state: 'open' as const,
      basedOnVersion: submitted?.version ?? null,
      submittedVersion: null,
    };
    const row = existing
      ? await tx
          .updateTable('declarationDraft')
          .set(values)
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('declarationDraft')
          .values({ staffId: who.staffId, year, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
    const draft = await presentDraft(tx, who, row);
    await audit({
      action: 'start-declaration-draft',
      objectKeys: {
        staffNo,
        year,
        amends: submitted?.version ?? null,
        prefilled: items.length,
        people: peopleNamedIn(draft.items),
      },
    });
    return { created: true, draft };
  });
}

export interface DraftInput {
  items: ItemInput[];
  nothingToReport?: boolean | null | undefined;
  amendmentReason?: string | null | undefined;
}

/** Saves the staff member's edits (checked against the records, each problem with its path). */
export async function saveDraft(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
  input: DraftInput,
  acceptedVersions: number[] | undefined,
): Promise<DraftView> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year, {
    selfOnly: true,
    needCampaign: true,
  });
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const existing = await findDraft(tx, who.staffId, year);
    if (acceptedVersions) {
      if (!existing) throw declarationNotFound(staffNo, year);
      assertVersion(existing.version, acceptedVersions);
    }
    const items = withoutBasis(input.items);
    const checked = await checkItems(tx, who, items);
    if (checked.problems.length) throw new ValidationError(checked.problems);
    const submitted = await findSubmitted(tx, who.staffId, year);
    const values = {
      items: JSON.stringify(items),
      nothingToReport: input.nothingToReport ?? null,
      amendmentReason: input.amendmentReason ?? null,
      state: 'open' as const,
      basedOnVersion: submitted?.version ?? null,
      submittedVersion: null,
    };
    const row = existing
      ? await tx
          .updateTable('declarationDraft')
          .set(values)
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('declarationDraft')
          .values({ staffId: who.staffId, year, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
    await audit({
      action: 'save-declaration-draft',
      objectKeys: { staffNo, year, draftVersion: row.version, people: peopleNamedIn(items) },
      change: values,
    });
    return presentDraft(tx, who, row);
  });
}
