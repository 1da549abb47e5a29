import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProblemItem } from '../../errors.ts';
import { chunksOf } from './chunks.ts';
import { pointer } from './problems.ts';
import type { SparseRecords } from './records.ts';

type Holder = { index: number } | { storedFrom: string };

/** The key of a (staffNo, post) pair in the maps below. */
export const openPair = (staffNo: string, post: string): string => JSON.stringify([staffNo, post]);

/**
 * A staff member holds a post at most once at a time (one open assignment per staff and post, as the database
 * enforces). Checked on the state the import would leave: stored open assignments the bundle does not carry
 * by the same key stay open; a bundle record with the same (staffNo, post, from) replaces the stored one.
 * `stored`, when given, is every stored open assignment (pair → from), so the database is not asked.
 */
export async function openAssignmentProblems(
  db: Kysely<Database>,
  records: SparseRecords,
  stored?: ReadonlyMap<string, string>,
): Promise<ProblemItem[]> {
  const carried = new Set<string>();
  const open = new Map<string, Holder[]>();
  records.assignments.forEach((r, index) => {
    if (!r) return;
    const key = JSON.stringify([r.staffNo, r.post, r.from]);
    if (carried.has(key)) return; // a duplicate key, reported as such
    carried.add(key);
    if (r.to != null) return;
    const holders = open.get(openPair(r.staffNo, r.post)) ?? [];
    holders.push({ index });
    open.set(openPair(r.staffNo, r.post), holders);
  });
  if (open.size === 0) return [];

  const storedRows: Array<{ staffNo: string; code: string; validFrom: string }> = [];
  if (stored) {
    for (const key of open.keys()) {
      const validFrom = stored.get(key);
      if (validFrom === undefined) continue;
      const [staffNo, code] = JSON.parse(key) as [string, string];
      storedRows.push({ staffNo, code, validFrom });
    }
  }
  const staffNos = stored ? [] : [...new Set([...open.keys()].map((k) => (JSON.parse(k) as string[])[0]!))];
  for (const chunk of chunksOf(staffNos)) {
    const rows = await db
      .selectFrom('assignment as a')
      .innerJoin('staff as s', 's.id', 'a.staffId')
      .innerJoin('post as p', 'p.id', 'a.postId')
      .select(['s.staffNo', 'p.code', 'a.validFrom'])
      .where('a.validTo', 'is', null)
      .where('s.staffNo', 'in', chunk)
      .execute();
    storedRows.push(...rows);
  }
  for (const row of storedRows) {
    const holders = open.get(openPair(row.staffNo, row.code));
    if (holders && !carried.has(JSON.stringify([row.staffNo, row.code, row.validFrom]))) {
      holders.unshift({ storedFrom: row.validFrom });
    }
  }

  const problems: ProblemItem[] = [];
  for (const [key, holders] of open) {
    const [staffNo, post] = JSON.parse(key) as [string, string];
    const [first, ...rest] = holders;
    for (const holder of rest) {
      if (!('index' in holder)) continue;
      const firstText =
        first && 'index' in first
          ? `${pointer('assignments', first.index)} is open too`
          : `the stored assignment from ${(first as { storedFrom: string }).storedFrom} is still open`;
      problems.push({
        path: pointer('assignments', holder.index),
        message: `${staffNo} would hold post ${post} twice at once: ${firstText}; close one (set its to)`,
      });
    }
  }
  return problems;
}
