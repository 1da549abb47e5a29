import type { Kysely } from 'kysely';
import type { AffiliationRole, Database, OrgKind, Relation, TieSource } from '../db/schema.ts';
import { intervalsOverlap, type Day } from '../lib/days.ts';
import { compareText } from './campaign-members.ts';
import { countsForUndeclared, DECLARABLE_ORG_KINDS, inverseRelation, yearBounds } from './vocabulary.ts';

// What the system already knows about a staff member for a declaration year: their recorded relatives and every
// recorded tie of theirs and their close relatives to fire-industry firms, associations and intermediaries.

export interface StaffIdentity {
  staffId: number;
  staffNo: string;
  personId: number;
  person: string;
  name: string;
  unit: string;
}

export async function findStaffIdentity(
  db: Kysely<Database>,
  staffNo: string,
): Promise<StaffIdentity | undefined> {
  return db
    .selectFrom('staff')
    .innerJoin('person', 'person.id', 'staff.personId')
    .select([
      'staff.id as staffId',
      'staff.staffNo',
      'staff.personId',
      'person.ref as person',
      'person.name',
      'staff.unit',
    ])
    .where('staff.staffNo', '=', staffNo)
    .executeTakeFirst();
}

export interface KnownRelative {
  person: string;
  name: string;
  /** What this person is to the staff member, whichever way the kinship record was written. */
  relation: Relation;
  close: boolean;
  /** The kinship record it comes from, as recorded ("relative is person's relation"). */
  kinship: { id: number; person: string; relative: string; relation: Relation };
}

export interface KnownTie {
  person: string;
  personName: string;
  /** `self`, or what the person is to the staff member. */
  relation: 'self' | Relation;
  org: string;
  orgName: string;
  orgKind: OrgKind;
  role: AffiliationRole;
  from: Day | null;
  to: Day | null;
  share: number | null;
  paid: boolean;
  source: TieSource;
  affiliation: number;
  /** Omitting it from the declaration raises DECL-UNDECLARED (a post recorded by someone else). */
  countsForUndeclared: boolean;
}

export interface Known {
  self: { person: string; name: string };
  closeRelations: Relation[];
  relatives: KnownRelative[];
  ties: KnownTie[];
}

/**
 * The known side of a declaration. `relatives` lists every recorded relative (with `close` set for close ones);
 * ties are those of the staff member, their close relatives, and any `alsoPeople` (relatives named in the
 * declaration itself), active on some day of `year`.
 */
export async function knownFor(
  db: Kysely<Database>,
  who: StaffIdentity,
  year: number,
  closeRelations: ReadonlySet<Relation>,
  alsoPeople: { person: string; relation: Relation }[] = [],
): Promise<Known> {
  const kinship = await db
    .selectFrom('kinship')
    .innerJoin('person as a', 'a.id', 'kinship.personId')
    .innerJoin('person as b', 'b.id', 'kinship.relativeId')
    .select([
      'kinship.id',
      'kinship.personId',
      'kinship.relativeId',
      'kinship.relation',
      'a.ref as personRef',
      'a.name as personName',
      'b.ref as relativeRef',
      'b.name as relativeName',
    ])
    .where((eb) =>
      eb.or([eb('kinship.personId', '=', who.personId), eb('kinship.relativeId', '=', who.personId)]),
    )
    .orderBy('kinship.id')
    .execute();

  const relatives = new Map<string, KnownRelative & { personId: number }>();
  for (const k of kinship) {
    const forward = k.personId === who.personId;
    const relation = forward ? k.relation : inverseRelation(k.relation);
    const entry = {
      personId: forward ? k.relativeId : k.personId,
      person: forward ? k.relativeRef : k.personRef,
      name: forward ? k.relativeName : k.personName,
      relation,
      close: closeRelations.has(relation),
      kinship: { id: k.id, person: k.personRef, relative: k.relativeRef, relation: k.relation },
    };
    const seen = relatives.get(entry.person);
    if (!seen || (!seen.close && entry.close)) relatives.set(entry.person, entry);
  }

  const tiePeople = new Map<string, 'self' | Relation>([[who.person, 'self']]);
  const counted = new Set<string>([who.person]);
  for (const r of relatives.values()) {
    if (!r.close) continue;
    tiePeople.set(r.person, r.relation);
    counted.add(r.person);
  }
  for (const p of alsoPeople)
    if (!tiePeople.has(p.person) && p.person !== who.person) tiePeople.set(p.person, p.relation);

  const bounds = yearBounds(year);
  const rows = await db
    .selectFrom('affiliation')
    .innerJoin('person', 'person.id', 'affiliation.personId')
    .innerJoin('organization', 'organization.id', 'affiliation.orgId')
    .select([
      'affiliation.id',
      'person.ref as person',
      'person.name as personName',
      'organization.creditCode as org',
      'organization.name as orgName',
      'organization.kind as orgKind',
      'affiliation.role',
      'affiliation.validFrom',
      'affiliation.validTo',
      'affiliation.share',
      'affiliation.paid',
      'affiliation.source',
    ])
    .where('person.ref', 'in', [...tiePeople.keys()])
    .where('organization.kind', 'in', [...DECLARABLE_ORG_KINDS])
    .execute();

  const ties: KnownTie[] = rows
    .filter((r) => intervalsOverlap(r.validFrom, r.validTo, bounds.from, bounds.to))
    .map((r) => ({
      person: r.person,
      personName: r.personName,
      relation: tiePeople.get(r.person)!,
      org: r.org,
      orgName: r.orgName,
      orgKind: r.orgKind,
      role: r.role,
      from: r.validFrom,
      to: r.validTo,
      share: r.share === null ? null : Number(r.share),
      paid: r.paid,
      source: r.source,
      affiliation: r.id,
      countsForUndeclared: counted.has(r.person) && countsForUndeclared(r.role, r.source, r.orgKind),
    }))
    .sort(
      (a, b) =>
        Number(b.relation === 'self') - Number(a.relation === 'self') ||
        compareText(a.person, b.person) ||
        compareText(a.org, b.org) ||
        compareText(a.role, b.role) ||
        compareText(a.from ?? '', b.from ?? ''),
    );

  return {
    self: { person: who.person, name: who.name },
    closeRelations: [...closeRelations],
    relatives: [...relatives.values()]
      .map(({ personId: _id, ...r }) => r)
      .sort((a, b) => Number(b.close) - Number(a.close) || compareText(a.person, b.person)),
    ties,
  };
}
