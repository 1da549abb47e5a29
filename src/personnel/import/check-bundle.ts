import type { Kysely } from 'kysely';
import type { Bundle } from '../../bundle/schema.ts';
import type { Database } from '../../db/schema.ts';
import type { ProblemItem } from '../../errors.ts';
import { duplicateProblems } from './duplicates.ts';
import { openAssignmentProblems } from './open-assignments.ts';
import { pointer } from './problems.ts';
import { recordProblems } from './record-checks.ts';
import { parseBundle, type LooseKeys, type SparseRecords } from './records.ts';
import { referencesOf, type KeySpace, type Reference } from './references.ts';
import { lookupStoredIds, storedIdNumberHolders, type StoredIds } from './stored-keys.ts';

export interface CheckedBundle {
  /** The bundle, when it has no problem at all. */
  bundle: Bundle | undefined;
  problems: ProblemItem[];
  /** Ids of the stored records the bundle refers to without carrying them. */
  stored: StoredIds;
}

const NOUNS: Record<KeySpace, string> = {
  person: 'person with ref',
  staff: 'staff record with staffNo',
  org: 'organisation with credit code',
  post: 'post with code',
};

function declaredKeys(records: SparseRecords, loose: LooseKeys): Record<KeySpace, Set<string>> {
  const keys = <T>(extra: Set<string>, list: Array<T | undefined>, key: (record: T) => string) =>
    new Set([...extra, ...list.flatMap((r) => (r === undefined ? [] : [key(r)]))]);
  return {
    person: keys(loose.people, records.people, (r) => r.ref),
    staff: keys(loose.staff, records.staff, (r) => r.staffNo),
    org: keys(loose.organizations, records.organizations, (r) => r.creditCode),
    post: keys(loose.posts, records.posts, (r) => r.code),
  };
}

async function unresolvedReferences(db: Kysely<Database>, records: SparseRecords, loose: LooseKeys) {
  const declared = declaredKeys(records, loose);
  const outside: Reference[] = referencesOf(records).filter((ref) => !declared[ref.space].has(ref.key));
  const wanted: Record<KeySpace, Set<string>> = {
    person: new Set(),
    staff: new Set(),
    org: new Set(),
    post: new Set(),
  };
  for (const ref of outside) wanted[ref.space].add(ref.key);
  const stored = await lookupStoredIds(db, wanted);
  const problems = outside
    .filter((ref) => !stored[ref.space].has(ref.key))
    .map((ref) => ({
      path: ref.path,
      message: `no ${NOUNS[ref.space]} ${ref.key} in the bundle or stored`,
    }));
  return { problems, stored };
}

async function idNumberConflicts(db: Kysely<Database>, records: SparseRecords): Promise<ProblemItem[]> {
  const given = records.people.flatMap((r, i) =>
    r?.idNumber ? [{ i, ref: r.ref, idNumber: r.idNumber }] : [],
  );
  const holders = await storedIdNumberHolders(
    db,
    given.map((g) => g.idNumber),
  );
  return given.flatMap(({ i, ref, idNumber }) => {
    const holder = holders.get(idNumber);
    if (holder === undefined || holder === ref) return [];
    return [
      {
        path: pointer('people', i, 'idNumber'),
        message: `this ID number is already stored on person ${holder}; an ID number is one person's`,
      },
    ];
  });
}

/**
 * Checks a whole bundle against the schema, itself and what is stored, collecting every problem with its JSON
 * path. Reads only; run it inside the write transaction so the stored state cannot move underneath.
 */
export async function checkBundle(db: Kysely<Database>, input: unknown): Promise<CheckedBundle> {
  const parsed = parseBundle(input);
  const problems = [
    ...parsed.problems,
    ...recordProblems(parsed.records),
    ...duplicateProblems(parsed.records),
  ];
  const references = await unresolvedReferences(db, parsed.records, parsed.loose);
  problems.push(
    ...references.problems,
    ...(await idNumberConflicts(db, parsed.records)),
    ...(await openAssignmentProblems(db, parsed.records)),
  );
  return {
    bundle: problems.length === 0 ? parsed.bundle : undefined,
    problems,
    stored: references.stored,
  };
}
