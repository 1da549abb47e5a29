import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isAnyOf } from './chunks.ts';
import type { KeySpace } from './references.ts';

/** Database ids of stored records, by natural key. */
export type StoredIds = Record<KeySpace, Map<string, number>>;

export const emptyStoredIds = (): StoredIds => ({
  person: new Map(),
  staff: new Map(),
  org: new Map(),
  post: new Map(),
});

/** Looks up which of `wanted` are stored, with their ids. */
export async function lookupStoredIds(
  db: Kysely<Database>,
  wanted: Record<KeySpace, Set<string>>,
): Promise<StoredIds> {
  const found = emptyStoredIds();
  if (wanted.person.size > 0) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'ref'])
      .where(isAnyOf('ref', [...wanted.person], 'text'))
      .execute();
    for (const r of rows) found.person.set(r.ref, r.id);
  }
  if (wanted.staff.size > 0) {
    const rows = await db
      .selectFrom('staff')
      .select(['id', 'staffNo'])
      .where(isAnyOf('staffNo', [...wanted.staff], 'text'))
      .execute();
    for (const r of rows) found.staff.set(r.staffNo, r.id);
  }
  if (wanted.org.size > 0) {
    const rows = await db
      .selectFrom('organization')
      .select(['id', 'creditCode'])
      .where(isAnyOf('creditCode', [...wanted.org], 'text'))
      .execute();
    for (const r of rows) found.org.set(r.creditCode, r.id);
  }
  if (wanted.post.size > 0) {
    const rows = await db
      .selectFrom('post')
      .select(['id', 'code'])
      .where(isAnyOf('code', [...wanted.post], 'text'))
      .execute();
    for (const r of rows) found.post.set(r.code, r.id);
  }
  return found;
}

/** The ref of the stored person holding each of `idNumbers`, where one does. */
export async function storedIdNumberHolders(
  db: Kysely<Database>,
  idNumbers: readonly string[],
): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  if (idNumbers.length === 0) return holders;
  const rows = await db
    .selectFrom('person')
    .select(['ref', 'idNumber'])
    .where(isAnyOf('idNumber', idNumbers, 'text'))
    .execute();
  for (const r of rows) if (r.idNumber !== null) holders.set(r.idNumber, r.ref);
  return holders;
}
