import type { Kysely, Transaction } from 'kysely';
import { inWriteTransaction, type WriteContext } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import { todayIn, type Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { ConflictError, ValidationError, type ProblemItem } from '../errors.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { resolveDeclarant } from './access.ts';
import { presentDeclaration, type DeclarationView } from './declaration-view.ts';
import { isKeyRace, once, type StoredAnswer } from './idempotency.ts';
import { checkItems, nothingToReportProblems, toStoredItems, withoutBasis, type ItemInput } from './items.ts';
import type { StaffIdentity } from './known-ties.ts';

// Submitting is the one way a self-service declaration reaches the `declaration` row the screening rules read.
// The first submission sets `submittedOn` for good; later ones are amendments: a new version with a reason and its
// own day (`amendedOn`), the previous version kept in `revision` by the table's trigger.

export interface SubmissionInput {
  items: ItemInput[];
  nothingToReport: boolean;
  amendmentReason?: string | undefined;
}

/** A fresh person ref for someone first named in a declaration: `D<year>-<staffNo>-<n>`. */
async function freePersonRef(tx: Transaction<Database>, staffNo: string, year: number, taken: Set<string>) {
  for (let n = 1; ; n += 1) {
    const ref = `D${year}-${staffNo}-${n}`;
    if (taken.has(ref)) continue;
    const exists = await tx.selectFrom('person').select('id').where('ref', '=', ref).executeTakeFirst();
    if (!exists) {
      taken.add(ref);
      return ref;
    }
  }
}

async function perform(
  { tx, audit }: WriteContext,
  clock: Clock,
  actor: Actor,
  who: StaffIdentity,
  year: number,
  input: SubmissionInput,
): Promise<{ status: number; body: DeclarationView }> {
  const today = todayIn(clock);
  const current = await tx
    .selectFrom('declaration')
    .selectAll()
    .where('staffId', '=', who.staffId)
    .where('year', '=', year)
    .executeTakeFirst();
  const amending = current?.submittedOn !== null && current?.submittedOn !== undefined;
  const reason = input.amendmentReason?.trim() || undefined;
  if (amending && !reason) {
    throw new ConflictError(
      `your declaration for ${year} was submitted on ${current.submittedOn} and cannot change; ` +
        'to amend it, submit again with amendmentReason',
      { version: current.version },
    );
  }
  const items = withoutBasis(input.items);
  const checked = await checkItems(tx, who, items);
  const problems: ProblemItem[] = [
    ...checked.problems,
    ...nothingToReportProblems(items, input.nothingToReport),
  ];
  if (!amending && reason) {
    problems.push({
      path: '/amendmentReason',
      message: 'nothing to amend: this is the first submission for the year',
    });
  }
  if (problems.length) throw new ValidationError(problems);

  const refs = new Map<string, string>();
  const taken = new Set<string>();
  for (const person of checked.newPeople.values()) {
    if (person.existing !== null) {
      refs.set(person.key, person.existing);
      continue;
    }
    const ref = await freePersonRef(tx, who.staffNo, year, taken);
    const row = await tx
      .insertInto('person')
      .values({ ref, name: person.name, idNumber: person.idNumber })
      .returning('id')
      .executeTakeFirstOrThrow();
    refs.set(person.key, ref);
    await audit({
      action: 'create-person',
      objectKeys: { person: ref, id: row.id, namedIn: { staffNo: who.staffNo, year } },
      change: { ref, name: person.name, idNumber: person.idNumber },
    });
  }
  const stored = toStoredItems(items, (key) => refs.get(key) ?? key, checked.recordedOrgs);

  let row;
  if (amending) {
    if (
      canonicalJson(stored) === canonicalJson(current.items) &&
      input.nothingToReport === current.nothingToReport
    ) {
      throw new ConflictError(
        `the amendment changes nothing: version ${current.version} stands as submitted`,
        {
          version: current.version,
        },
      );
    }
    row = await tx
      .updateTable('declaration')
      .set({
        items: JSON.stringify(stored),
        nothingToReport: input.nothingToReport,
        amendmentReason: reason!,
        amendedOn: today,
        submittedBy: actor.sub,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    const values = {
      submittedOn: today,
      items: JSON.stringify(stored),
      nothingToReport: input.nothingToReport,
      amendmentReason: null,
      amendedOn: null,
      submittedBy: actor.sub,
    };
    row = current
      ? await tx
          .updateTable('declaration')
          .set(values)
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('declaration')
          .values({ staffId: who.staffId, year, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
  }
  await tx
    .updateTable('declarationDraft')
    .set({ state: 'submitted', submittedVersion: row.version })
    .where('staffId', '=', who.staffId)
    .where('year', '=', year)
    .where('state', '=', 'open')
    .execute();
  const view = await presentDeclaration(tx, who, row);
  await audit({
    action: amending ? 'amend-declaration' : 'submit-declaration',
    objectKeys: {
      staffNo: who.staffNo,
      year,
      version: row.version,
      on: today,
      onTime: view.onTime,
      people: [...new Set(stored.map((i) => i.person))].sort(),
    },
    change: { items: stored, nothingToReport: input.nothingToReport, amendmentReason: reason ?? null },
  });
  return { status: 201, body: view };
}

/**
 * Submits (or amends) the staff member's own declaration for `year`. With an `Idempotency-Key`, a replay of the
 * same request answers as the first one did, and the same key with another request is a 422.
 */
export async function submitDeclaration(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
  input: SubmissionInput,
  idempotencyKey: string | undefined,
): Promise<StoredAnswer<DeclarationView>> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year, {
    selfOnly: true,
    needCampaign: true,
  });
  const idem = {
    scope: `submit-declaration:${actor.sub}`,
    key: idempotencyKey,
    request: { staffNo, year, input },
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inWriteTransaction(db, clock, actor, (ctx) =>
        once(ctx.tx, clock, idem, () => perform(ctx, clock, actor, who, year, input)),
      );
    } catch (error) {
      // Only if something wrote without the writer lock: the loser retries and finds the stored answer.
      if (attempt < 3 && isKeyRace(error)) continue;
      throw error;
    }
  }
}
