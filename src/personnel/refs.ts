import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ValidationError, type ProblemItem } from '../errors.ts';

/** Natural keys for database ids, fetched in one query per table. */
export interface RefMaps {
  person(id: number): string;
  org(id: number): string;
}

export async function refMaps(
  db: Kysely<Database>,
  ids: { personIds?: number[]; orgIds?: number[] },
): Promise<RefMaps> {
  const personIds = [...new Set(ids.personIds ?? [])];
  const orgIds = [...new Set(ids.orgIds ?? [])];
  const [people, orgs] = await Promise.all([
    personIds.length
      ? db.selectFrom('person').select(['id', 'ref']).where('id', 'in', personIds).execute()
      : [],
    orgIds.length
      ? db.selectFrom('organization').select(['id', 'creditCode']).where('id', 'in', orgIds).execute()
      : [],
  ]);
  const personRef = new Map(people.map((p) => [p.id, p.ref]));
  const orgCode = new Map(orgs.map((o) => [o.id, o.creditCode]));
  const get = (map: Map<number, string>, what: string, id: number) => {
    const key = map.get(id);
    if (key === undefined) throw new Error(`${what} ${id} is referenced but missing`);
    return key;
  };
  return {
    person: (id) => get(personRef, 'person', id),
    org: (id) => get(orgCode, 'organization', id),
  };
}

/**
 * Resolves the natural keys a request body names, collecting every unknown one, so the client hears of all
 * of them at once (400, each with its JSON path).
 */
export class KeyResolver {
  readonly problems: ProblemItem[] = [];
  constructor(private readonly db: Kysely<Database>) {}

  async person(ref: string, path: string): Promise<number> {
    const row = await this.db.selectFrom('person').select('id').where('ref', '=', ref).executeTakeFirst();
    if (!row) this.problems.push({ path, message: `no person ${ref} is recorded` });
    return row?.id ?? 0;
  }

  async org(creditCode: string, path: string): Promise<number> {
    const row = await this.db
      .selectFrom('organization')
      .select('id')
      .where('creditCode', '=', creditCode)
      .executeTakeFirst();
    if (!row) this.problems.push({ path, message: `no organisation ${creditCode} is recorded` });
    return row?.id ?? 0;
  }

  /** Throws a ValidationError naming every key that was not found. */
  check(more: ProblemItem[] = []): void {
    const all = [...this.problems, ...more];
    if (all.length) throw new ValidationError(all);
  }
}
