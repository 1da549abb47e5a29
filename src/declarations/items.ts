import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { ORG_KINDS, RELATIONS, ROLES_IN_ORG, TIE_SOURCES } from '../bundle/schema.ts';
import type { AffiliationRole, Database, OrgKind, Relation } from '../db/schema.ts';
import type { ProblemItem } from '../errors.ts';
import { DaySchema } from '../http/schemas.ts';
import type { Day } from '../lib/days.ts';
import { idNumberProblem } from '../lib/gb11643.ts';
import { creditCodeProblem } from '../lib/gb32100.ts';
import type { StaffIdentity } from './known-ties.ts';

// The items of a declaration, as the staff member edits and submits them. People and organisations are named by
// their natural keys (person ref, credit code). Someone not yet recorded is named `new:<any label>` with their
// name (and ID number if known); the label links their ties to them and becomes a person ref on submission.

const NEW_PERSON = 'new:';
const Key = z.string().trim().min(1).max(100);

/** Read-only annotation the server adds to pre-filled items; accepted back and ignored. */
export const ItemBasisSchema = z
  .object({
    known: z.boolean().openapi({ description: 'The system already records this relative or tie' }),
    sources: z.array(z.enum([...TIE_SOURCES, 'kinship'])).openapi({
      description: 'Where the known record comes from (registry, hr, investigation, declaration; kinship)',
    }),
    records: z.array(z.number().int()).openapi({ description: 'Ids of the kinship or affiliation records' }),
  })
  .openapi('DeclarationItemBasis');

export const RelativeItemSchema = z
  .strictObject({
    type: z.literal('relative'),
    person: Key.openapi({ description: 'Person ref, or `new:<label>` for someone not yet recorded' }),
    relation: z.enum(RELATIONS).openapi({ description: 'What this person is to you' }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Required for a `new:` person' }),
    idNumber: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: 'ID number of a `new:` person (GB 11643), if known' }),
    basis: ItemBasisSchema.optional(),
  })
  .openapi('DeclaredRelative');

export const AffiliationItemSchema = z
  .strictObject({
    type: z.literal('affiliation'),
    person: Key.openapi({
      description: 'Your own person ref, or a relative declared in the same declaration',
    }),
    org: z.string().trim().min(1).max(18).openapi({ description: 'Unified social credit code' }),
    role: z.enum(ROLES_IN_ORG),
    from: DaySchema.nullable().optional(),
    to: DaySchema.nullable().optional(),
    share: z.number().gt(0).lte(100).nullable().optional(),
    paid: z.boolean().optional(),
    orgName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'For an organisation not yet recorded' }),
    orgKind: z.enum(ORG_KINDS).optional(),
    orgRegion: z
      .string()
      .regex(/^\d{6}$/, 'must be a 6-digit administrative division code')
      .optional(),
    basis: ItemBasisSchema.optional(),
  })
  .openapi('DeclaredAffiliation');

export const ItemSchema = z.discriminatedUnion('type', [RelativeItemSchema, AffiliationItemSchema]);
export const ItemsSchema = z.array(ItemSchema).max(500);
export type ItemInput = z.infer<typeof ItemSchema>;

/** An item as a submitted declaration stores it: natural keys only (a superset of `DeclarationItem`). */
export type StoredItem =
  | { type: 'relative'; person: string; relation: Relation }
  | {
      type: 'affiliation';
      person: string;
      org: string;
      role: AffiliationRole;
      from?: Day | null;
      to?: Day | null;
      share?: number | null;
      paid?: boolean;
      orgName?: string;
      orgKind?: OrgKind;
      orgRegion?: string;
    };

export interface NewPerson {
  key: string;
  name: string;
  idNumber: string | null;
  /** The recorded person with that ID number, when there is one: the item names them instead. */
  existing: string | null;
}

export interface CheckedItems {
  problems: ProblemItem[];
  newPeople: Map<string, NewPerson>;
  recordedOrgs: Set<string>;
}

/** Every problem with the items, each with its JSON path, checked against what is recorded. */
export async function checkItems(
  db: Kysely<Database>,
  who: StaffIdentity,
  items: ItemInput[],
  basePath = '/items',
): Promise<CheckedItems> {
  const problems: ProblemItem[] = [];
  const refs = [...new Set(items.map((i) => i.person).filter((p) => !p.startsWith(NEW_PERSON)))];
  const codes = [...new Set(items.flatMap((i) => (i.type === 'affiliation' ? [i.org] : [])))];
  const idNumbers = [
    ...new Set(items.flatMap((i) => (i.type === 'relative' && i.idNumber ? [i.idNumber] : []))),
  ];
  const [people, orgs, byIdNumber] = await Promise.all([
    refs.length ? db.selectFrom('person').select('ref').where('ref', 'in', refs).execute() : [],
    codes.length
      ? db.selectFrom('organization').select('creditCode').where('creditCode', 'in', codes).execute()
      : [],
    idNumbers.length
      ? db.selectFrom('person').select(['ref', 'idNumber']).where('idNumber', 'in', idNumbers).execute()
      : [],
  ]);
  const recorded = new Set(people.map((p) => p.ref));
  const recordedOrgs = new Set(orgs.map((o) => o.creditCode));
  const refOfIdNumber = new Map(byIdNumber.map((p) => [p.idNumber!, p.ref]));

  const newPeople = new Map<string, NewPerson>();
  const relativeAt = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.type !== 'relative') return;
    const at = `${basePath}/${i}`;
    let resolved = item.person;
    if (item.person.startsWith(NEW_PERSON)) {
      if (!item.name)
        problems.push({ path: `${at}/name`, message: 'a person not yet recorded needs their name' });
      const idNumber = item.idNumber ?? null;
      const idProblem = idNumber === null ? null : idNumberProblem(idNumber);
      if (idProblem) problems.push({ path: `${at}/idNumber`, message: idProblem });
      const existing = idNumber === null || idProblem ? null : (refOfIdNumber.get(idNumber) ?? null);
      if (existing !== null) resolved = existing;
      newPeople.set(item.person, { key: item.person, name: item.name ?? '', idNumber, existing });
    } else if (!recorded.has(item.person)) {
      problems.push({
        path: `${at}/person`,
        message: `no person ${item.person} is recorded; name someone not yet recorded as "new:<label>" with their name`,
      });
    }
    if (resolved === who.person) {
      problems.push({ path: `${at}/person`, message: 'you are not your own relative' });
    }
    const earlier = relativeAt.get(resolved);
    if (earlier !== undefined) {
      problems.push({
        path: `${at}/person`,
        message: `this person is already declared at ${basePath}/${earlier}`,
      });
    } else {
      relativeAt.set(resolved, i);
    }
    relativeAt.set(item.person, relativeAt.get(item.person) ?? i);
  });

  const tieAt = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.type !== 'affiliation') return;
    const at = `${basePath}/${i}`;
    if (item.person !== who.person && !relativeAt.has(item.person)) {
      problems.push({
        path: `${at}/person`,
        message: `${item.person} is neither you (${who.person}) nor a relative declared in this declaration`,
      });
    }
    if (!recordedOrgs.has(item.org)) {
      const codeProblem = creditCodeProblem(item.org);
      if (codeProblem) problems.push({ path: `${at}/org`, message: codeProblem });
      const missing = (['orgName', 'orgKind', 'orgRegion'] as const).filter((f) => item[f] === undefined);
      for (const field of missing) {
        problems.push({
          path: `${at}/${field}`,
          message: `organisation ${item.org} is not recorded: give its ${field.slice(3).toLowerCase()}`,
        });
      }
    }
    if (item.from && item.to && item.to <= item.from) {
      problems.push({ path: `${at}/to`, message: 'must be after from' });
    }
    const key = `${item.person}\u0000${item.org}\u0000${item.role}`;
    const earlier = tieAt.get(key);
    if (earlier !== undefined) {
      problems.push({
        path: `${at}`,
        message: `the same person, organisation and role are declared at ${basePath}/${earlier}`,
      });
    } else {
      tieAt.set(key, i);
    }
  });
  return { problems, newPeople, recordedOrgs };
}

/** A submission must say explicitly whether there is anything to report: it is true exactly when no tie is listed. */
export function nothingToReportProblems(items: ItemInput[], nothingToReport: boolean): ProblemItem[] {
  const ties = items.filter((i) => i.type === 'affiliation').length;
  if (nothingToReport && ties > 0) {
    return [
      { path: '/nothingToReport', message: `${ties} tie(s) are declared, so there is something to report` },
    ];
  }
  if (!nothingToReport && ties === 0) {
    return [
      {
        path: '/nothingToReport',
        message: 'no tie is declared: confirm that there is nothing to report (nothingToReport: true)',
      },
    ];
  }
  return [];
}

/** The items as stored, with `new:` labels replaced by person refs and organisation details kept only for new ones. */
export function toStoredItems(
  items: ItemInput[],
  refFor: (key: string) => string,
  recordedOrgs: ReadonlySet<string>,
): StoredItem[] {
  return items.map((item): StoredItem => {
    if (item.type === 'relative')
      return { type: 'relative', person: refFor(item.person), relation: item.relation };
    const stored: StoredItem = {
      type: 'affiliation',
      person: refFor(item.person),
      org: item.org,
      role: item.role,
    };
    if (item.from !== undefined) stored.from = item.from;
    if (item.to !== undefined) stored.to = item.to;
    if (item.share !== undefined) stored.share = item.share;
    if (item.paid !== undefined) stored.paid = item.paid;
    if (!recordedOrgs.has(item.org)) {
      if (item.orgName !== undefined) stored.orgName = item.orgName;
      if (item.orgKind !== undefined) stored.orgKind = item.orgKind;
      if (item.orgRegion !== undefined) stored.orgRegion = item.orgRegion;
    }
    return stored;
  });
}

/** The items of a draft without the server's annotations. */
export const withoutBasis = (items: ItemInput[]): ItemInput[] =>
  items.map(({ basis: _basis, ...rest }) => rest as ItemInput);

/** The people a list of items names, for the audit record of a read that reveals them. */
export const peopleNamedIn = (items: readonly { person: string }[]) =>
  [...new Set(items.map((i) => i.person))].sort();
