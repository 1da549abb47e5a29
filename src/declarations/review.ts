import type { Kysely, Transaction } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import { todayIn, type Clock } from '../clock.ts';
import type { AffiliationRole, Database, OrgKind, Relation, TieSource } from '../db/schema.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import { intervalsOverlap, type Day } from '../lib/days.ts';
import { readAudited } from '../personnel/audited-read.ts';
import { declarationNotFound, resolveDeclarant } from './access.ts';
import { compareText } from './campaign-members.ts';
import {
  findSubmitted,
  presentDeclaration,
  presentReview,
  reviewsOf,
  type DeclarationView,
  type ReviewView,
} from './declaration-view.ts';
import type { StoredItem } from './items.ts';
import { knownFor, type Known, type StaffIdentity } from './known-ties.ts';
import { closeRelationsInForce } from './policy.ts';
import { yearBounds } from './vocabulary.ts';

// The discipline office's side-by-side of what a staff member declared and what the records (registry, HR,
// investigation, earlier declarations) know, and its decision: return for correction with a comment, or accept.
// Accepting records every declared relative and tie not yet on file, with source `declaration`, each audited.

export type Mark = 'matches' | 'differs' | 'missing' | 'new';
export const MARK_LABEL: Record<Mark, string> = {
  matches: '一致',
  differs: '不一致',
  missing: '未报',
  new: '新报',
};

const markOf = (declared: string[], known: string[]): Mark => {
  if (known.length === 0) return 'new';
  if (declared.length === 0) return 'missing';
  const a = [...new Set(declared)].sort().join();
  const b = [...new Set(known)].sort().join();
  return a === b ? 'matches' : 'differs';
};

export interface RelativeComparison {
  person: string;
  name: string | null;
  declared: Relation | null;
  known: Relation | null;
  close: boolean;
  kinship: number | null;
  mark: Mark;
  label: string;
}

export interface TieComparison {
  person: string;
  personName: string | null;
  relation: 'self' | Relation | null;
  org: string;
  orgName: string | null;
  orgKind: OrgKind | null;
  declared: { role: AffiliationRole; from: Day | null; to: Day | null }[];
  known: {
    role: AffiliationRole;
    from: Day | null;
    to: Day | null;
    source: TieSource;
    affiliation: number;
  }[];
  mark: Mark;
  label: string;
  /** Leaving this out raises DECL-UNDECLARED (a post recorded by someone else than the declarant). */
  countsForUndeclared: boolean;
  flag: { id: string; status: string } | null;
}

export interface DeclarationFlagLink {
  id: string;
  rule: string;
  status: string;
  org: string | null;
  year: number | null;
  href: string;
}

/** Declared against known, per relative (by person) and per tie (by person and organisation). */
export function compare(
  declaration: DeclarationView,
  known: Known,
  flags: DeclarationFlagLink[],
): { relatives: RelativeComparison[]; ties: TieComparison[] } {
  const items = declaration.items;
  const relatives: RelativeComparison[] = [];
  const knownRelatives = new Map(known.relatives.map((r) => [r.person, r]));
  const declaredRelatives = new Map(
    items.flatMap((i) => (i.type === 'relative' ? [[i.person, i.relation] as const] : [])),
  );
  const relativePeople = new Set([
    ...declaredRelatives.keys(),
    ...known.relatives.filter((r) => r.close).map((r) => r.person),
  ]);
  for (const person of relativePeople) {
    const k = knownRelatives.get(person);
    const declared = declaredRelatives.get(person) ?? null;
    const mark = markOf(declared ? [declared] : [], k ? [k.relation] : []);
    relatives.push({
      person,
      name: k?.name ?? null,
      declared,
      known: k?.relation ?? null,
      close: k?.close ?? false,
      kinship: k?.kinship.id ?? null,
      mark,
      label: MARK_LABEL[mark],
    });
  }

  const pairKey = (person: string, org: string) => `${person}\u0000${org}`;
  const pairs = new Map<string, TieComparison>();
  const pair = (person: string, org: string) => {
    const key = pairKey(person, org);
    let entry = pairs.get(key);
    if (!entry) {
      entry = {
        person,
        personName: null,
        relation: person === known.self.person ? 'self' : (declaredRelatives.get(person) ?? null),
        org,
        orgName: null,
        orgKind: null,
        declared: [],
        known: [],
        mark: 'new',
        label: MARK_LABEL.new,
        countsForUndeclared: false,
        flag: null,
      };
      pairs.set(key, entry);
    }
    return entry;
  };
  for (const t of known.ties) {
    const entry = pair(t.person, t.org);
    entry.personName = t.personName;
    entry.relation = t.relation;
    entry.orgName = t.orgName;
    entry.orgKind = t.orgKind;
    entry.known.push({ role: t.role, from: t.from, to: t.to, source: t.source, affiliation: t.affiliation });
    entry.countsForUndeclared ||= t.countsForUndeclared;
  }
  for (const i of items) {
    if (i.type !== 'affiliation') continue;
    const entry = pair(i.person, i.org);
    entry.orgName ??= i.orgName ?? null;
    entry.orgKind ??= i.orgKind ?? null;
    entry.declared.push({ role: i.role, from: i.from ?? null, to: i.to ?? null });
  }
  const undeclaredFlag = new Map(
    flags.filter((f) => f.rule === 'DECL-UNDECLARED' && f.org !== null).map((f) => [f.org!, f]),
  );
  const ties = [...pairs.values()]
    .map((entry) => {
      const mark = markOf(
        entry.declared.map((d) => d.role),
        entry.known.map((k) => k.role),
      );
      // Only a missing pair can be the one DECL-UNDECLARED flagged; the flag is keyed by organisation.
      const flag =
        mark === 'missing' && entry.countsForUndeclared ? (undeclaredFlag.get(entry.org) ?? null) : null;
      return {
        ...entry,
        countsForUndeclared: mark === 'missing' && entry.countsForUndeclared,
        mark,
        label: MARK_LABEL[mark],
        flag: flag ? { id: flag.id, status: flag.status } : null,
      };
    })
    .sort(
      (a, b) =>
        Number(b.relation === 'self') - Number(a.relation === 'self') ||
        compareText(a.person, b.person) ||
        compareText(a.org, b.org),
    );
  const names = new Map(known.relatives.map((r) => [r.person, r.name]));
  names.set(known.self.person, known.self.name);
  for (const t of ties) t.personName ??= names.get(t.person) ?? null;
  return { relatives: relatives.sort((a, b) => compareText(a.person, b.person)), ties };
}

async function flagsOf(db: Kysely<Database>, staffNo: string, year: number): Promise<DeclarationFlagLink[]> {
  const rows = await db
    .selectFrom('flag')
    .select(['id', 'rule', 'status', 'org', 'year'])
    .where('staffNo', '=', staffNo)
    .where('year', '=', year)
    .where('rule', 'in', ['DECL-LATE', 'DECL-UNDECLARED'])
    .orderBy('rule')
    .orderBy('org')
    .execute();
  return rows.map((r) => ({ ...r, href: `/api/v1/flags/${r.id}` }));
}

async function knownForDeclaration(db: Kysely<Database>, who: StaffIdentity, declaration: DeclarationView) {
  const policy = await closeRelationsInForce(db);
  const declaredRelatives = declaration.items.flatMap((i) =>
    i.type === 'relative' ? [{ person: i.person, relation: i.relation }] : [],
  );
  return knownFor(db, who, declaration.year, policy.relations, declaredRelatives);
}

/** The review screen of one declaration: declared vs known, the flags it raised, and the decisions so far. */
export async function getReview(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
) {
  const { who } = await resolveDeclarant(db, principal, staffNo, year);
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const row = await findSubmitted(q, who.staffId, year);
      if (!row) throw declarationNotFound(staffNo, year);
      const declaration = await presentDeclaration(q, who, row);
      const [known, flags, reviews] = await Promise.all([
        knownForDeclaration(q, who, declaration),
        flagsOf(q, staffNo, year),
        reviewsOf(q, row.id),
      ]);
      const { relatives, ties } = compare(declaration, known, flags);
      const count = (m: Mark) =>
        relatives.filter((r) => r.mark === m).length + ties.filter((t) => t.mark === m).length;
      return {
        declaration,
        self: known.self,
        relatives,
        ties,
        summary: {
          missing: count('missing'),
          differs: count('differs'),
          new: count('new'),
          matches: count('matches'),
        },
        flags,
        reviews,
      };
    },
    (view) => ({
      action: 'read-declaration-review',
      objectKeys: {
        staffNo,
        year,
        version: view.declaration.version,
        people: [...new Set([view.self.person, ...view.relatives.map((r) => r.person)])].sort(),
      },
    }),
  );
}

export interface RecordedTie {
  kind: 'organization' | 'affiliation' | 'kinship';
  id: number;
  key: Record<string, string | null>;
  /** The declaration item it comes from (JSON path). */
  item: string;
}

async function recordAccepted(
  tx: Transaction<Database>,
  audit: (entry: { action: string; objectKeys: Record<string, unknown>; change?: unknown }) => Promise<void>,
  who: StaffIdentity,
  year: number,
  version: number,
  items: StoredItem[],
): Promise<{ recorded: RecordedTie[]; alreadyRecorded: { item: string; kind: string; id: number }[] }> {
  const recorded: RecordedTie[] = [];
  const alreadyRecorded: { item: string; kind: string; id: number }[] = [];
  const origin = { staffNo: who.staffNo, year, version };
  const refs = [...new Set(items.map((i) => i.person))];
  const people = new Map(
    (await tx.selectFrom('person').select(['id', 'ref']).where('ref', 'in', refs).execute()).map((p) => [
      p.ref,
      p.id,
    ]),
  );
  const personId = (ref: string) => {
    const id = people.get(ref);
    if (id === undefined)
      throw new ConflictError(`person ${ref} named in the declaration is no longer recorded`);
    return id;
  };

  for (const [index, item] of items.entries()) {
    if (item.type !== 'relative') continue;
    const at = `/items/${index}`;
    const relativeId = personId(item.person);
    const existing = await tx
      .selectFrom('kinship')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('personId', '=', who.personId), eb('relativeId', '=', relativeId)]),
          eb.and([eb('personId', '=', relativeId), eb('relativeId', '=', who.personId)]),
        ]),
      )
      .executeTakeFirst();
    if (existing) {
      alreadyRecorded.push({ item: at, kind: 'kinship', id: existing.id });
      continue;
    }
    const row = await tx
      .insertInto('kinship')
      .values({ personId: who.personId, relativeId, relation: item.relation })
      .returning('id')
      .executeTakeFirstOrThrow();
    const key = { person: who.person, relative: item.person, relation: item.relation };
    recorded.push({ kind: 'kinship', id: row.id, key, item: at });
    await audit({
      action: 'create-kinship',
      objectKeys: { kinship: row.id, ...key, declaration: origin },
      change: key,
    });
  }

  const bounds = yearBounds(year);
  for (const [index, item] of items.entries()) {
    if (item.type !== 'affiliation') continue;
    const at = `/items/${index}`;
    let org = await tx
      .selectFrom('organization')
      .select('id')
      .where('creditCode', '=', item.org)
      .executeTakeFirst();
    if (!org) {
      if (!item.orgName || !item.orgKind || !item.orgRegion) {
        throw new ConflictError(
          `organisation ${item.org} is not recorded and the declaration does not describe it`,
        );
      }
      const values = { creditCode: item.org, name: item.orgName, kind: item.orgKind, region: item.orgRegion };
      org = await tx.insertInto('organization').values(values).returning('id').executeTakeFirstOrThrow();
      recorded.push({ kind: 'organization', id: org.id, key: { creditCode: item.org }, item: at });
      await audit({
        action: 'create-organization',
        objectKeys: { org: item.org, id: org.id, declaration: origin },
        change: values,
      });
    }
    const pid = personId(item.person);
    const from = item.from ?? null;
    const rows = await tx
      .selectFrom('affiliation')
      .select(['id', 'validFrom', 'validTo'])
      .where('personId', '=', pid)
      .where('orgId', '=', org.id)
      .where('role', '=', item.role)
      .execute();
    const same = rows.find(
      (r) => r.validFrom === from || intervalsOverlap(r.validFrom, r.validTo, bounds.from, bounds.to),
    );
    if (same) {
      alreadyRecorded.push({ item: at, kind: 'affiliation', id: same.id });
      continue;
    }
    const values = {
      personId: pid,
      orgId: org.id,
      role: item.role,
      share: item.share === undefined || item.share === null ? null : String(item.share),
      paid: item.paid ?? false,
      validFrom: from,
      validTo: item.to ?? null,
      source: 'declaration' as const,
    };
    const row = await tx.insertInto('affiliation').values(values).returning('id').executeTakeFirstOrThrow();
    const key = { person: item.person, org: item.org, role: item.role, from };
    recorded.push({ kind: 'affiliation', id: row.id, key, item: at });
    await audit({
      action: 'create-affiliation',
      objectKeys: { affiliation: row.id, ...key, source: 'declaration', declaration: origin },
      change: { ...key, to: values.validTo, share: item.share ?? null, paid: values.paid },
    });
  }
  return { recorded, alreadyRecorded };
}

export interface DecisionInput {
  decision: 'accepted' | 'returned';
  comment?: string | undefined;
}

/**
 * Decides on the version the reviewer read (`If-Match`): return it for correction with a comment, or accept it,
 * which records the declared relatives and ties that are not yet on file. One decision per version.
 */
export async function decideDeclaration(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
  acceptedVersions: number[],
  input: DecisionInput,
): Promise<{
  review: ReviewView;
  recorded: RecordedTie[];
  alreadyRecorded: { item: string; kind: string; id: number }[];
}> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year);
  const comment = input.comment?.trim() || undefined;
  if (input.decision === 'returned' && !comment) {
    throw new ValidationError([
      { path: '/comment', message: 'say what to correct when returning a declaration' },
    ]);
  }
  if (actor.sub === staffNo) throw new ForbiddenError('you may not review your own declaration (回避)');
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const row = await findSubmitted(tx, who.staffId, year);
    if (!row) throw declarationNotFound(staffNo, year);
    assertVersion(row.version, acceptedVersions);
    const earlier = await tx
      .selectFrom('declarationReview')
      .select(['decision', 'reviewedBy', 'reviewedOn'])
      .where('declarationId', '=', row.id)
      .where('declarationVersion', '=', row.version)
      .executeTakeFirst();
    if (earlier) {
      throw new ConflictError(
        `version ${row.version} was already ${earlier.decision} by ${earlier.reviewedBy} on ${earlier.reviewedOn}`,
      );
    }
    const outcome =
      input.decision === 'accepted'
        ? await recordAccepted(tx, audit, who, year, row.version, row.items as StoredItem[])
        : { recorded: [], alreadyRecorded: [] };
    const review = await tx
      .insertInto('declarationReview')
      .values({
        declarationId: row.id,
        declarationVersion: row.version,
        decision: input.decision,
        comment: comment ?? null,
        reviewedBy: actor.sub,
        reviewedOn: todayIn(clock),
        reviewedAt: clock.now(),
        recorded: JSON.stringify(outcome.recorded),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: input.decision === 'accepted' ? 'accept-declaration' : 'return-declaration',
      objectKeys: {
        staffNo,
        year,
        version: row.version,
        review: review.id,
        recorded: outcome.recorded.length,
      },
      change: { comment: comment ?? null, recorded: outcome.recorded },
    });
    return { review: presentReview(review), ...outcome };
  });
}
