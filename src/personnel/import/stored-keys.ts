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

interface NaturalKey {
  table: 'person' | 'staff' | 'organization' | 'post';
  key: string;
}

/** Where each key space's records are stored, and the column of their natural key. */
const NATURAL_KEYS: Record<KeySpace, NaturalKey> = {
  person: { table: 'person', key: 'ref' },
  staff: { table: 'staff', key: 'staffNo' },
  org: { table: 'organization', key: 'creditCode' },
  post: { table: 'post', key: 'code' },
};

/** Looks up which of `wanted` are stored, with their ids. */
export async function lookupStoredIds(
  db: Kysely<Database>,
  wanted: Record<KeySpace, Set<string>>,
): Promise<StoredIds> {
  const found = emptyStoredIds();
  for (const [space, { table, key }] of Object.entries(NATURAL_KEYS) as Array<[KeySpace, NaturalKey]>) {
    if (wanted[space].size === 0) continue;
    const rows: Array<{ id: number; key: string }> = await (db as Kysely<any>)
      .selectFrom(table)
      .select(['id', `${key} as key`])
      .where(isAnyOf(key, [...wanted[space]], 'text'))
      .execute();
    for (const r of rows) found[space].set(r.key, Number(r.id));
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
