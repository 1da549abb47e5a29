import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { readAudited } from '../personnel/audited-read.ts';
import { declarationNotFound, resolveDeclarant } from './access.ts';
import { findSubmitted } from './declaration-view.ts';

// A declaration's items name people and organisations by key only (person ref, credit code). Someone the staff
// member first named in a declaration gets a ref on submission but no kinship record until the office accepts it,
// so the pre-fill does not know their name: this read gives the names of everyone and everything the declaration
// of a year names — every submitted version and the draft — for the staff member's own screen.

type Named = { person?: unknown; org?: unknown };

const itemsOf = (value: unknown): Named[] => (Array.isArray(value) ? (value as Named[]) : []);

export interface DeclaredNames {
  staffNo: string;
  year: number;
  people: { ref: string; name: string }[];
  organizations: { creditCode: string; name: string }[];
}

export async function declaredNames(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
): Promise<DeclaredNames> {
  const { who } = await resolveDeclarant(db, principal, staffNo, year);
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const [row, draft] = await Promise.all([
        findSubmitted(q, who.staffId, year),
        q
          .selectFrom('declarationDraft')
          .select('items')
          .where('staffId', '=', who.staffId)
          .where('year', '=', year)
          .executeTakeFirst(),
      ]);
      if (!row && !draft) throw declarationNotFound(staffNo, year);
      const revisions = row
        ? await q
            .selectFrom('revision')
            .select('data')
            .where('tableName', '=', 'declaration')
            .where('rowId', '=', row.id)
            .execute()
        : [];
      const items = [
        ...itemsOf(row?.items),
        ...itemsOf(draft?.items),
        ...revisions.flatMap((r) => itemsOf((r.data as { items?: unknown }).items)),
      ];
      const refs = [...new Set(items.map((i) => i.person))].filter(
        (p): p is string => typeof p === 'string' && !p.startsWith('new:'),
      );
      const codes = [...new Set(items.map((i) => i.org))].filter((o): o is string => typeof o === 'string');
      const [people, organizations] = await Promise.all([
        refs.length
          ? q.selectFrom('person').select(['ref', 'name']).where('ref', 'in', refs).orderBy('ref').execute()
          : [],
        codes.length
          ? q
              .selectFrom('organization')
              .select(['creditCode', 'name'])
              .where('creditCode', 'in', codes)
              .orderBy('creditCode')
              .execute()
          : [],
      ]);
      return { staffNo, year, people, organizations };
    },
    (result) => ({
      action: 'read-declaration-names',
      objectKeys: { staffNo, year, people: result.people.map((p) => p.ref) },
    }),
  );
}
