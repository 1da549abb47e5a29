import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { digestOf } from '../../src/lib/canonical-json.ts';
import { TABLE_SPECS } from '../../src/personnel/import/table-specs.ts';

const KEY_OF: Record<string, [string, string]> = {
  personId: ['person', 'ref'],
  relativeId: ['person', 'ref'],
  staffId: ['staff', 'staff_no'],
  postId: ['post', 'code'],
  orgId: ['organization', 'credit_code'],
  ownerOrgId: ['organization', 'credit_code'],
  clientOrgId: ['organization', 'credit_code'],
  contractorOrgId: ['organization', 'credit_code'],
};

/** Every imported table's rows with ids replaced by natural keys, sorted, and digested: equal iff same content. */
export async function contentDigest(t: {
  db: Kysely<Database>;
}): Promise<{ counts: Record<string, number>; digest: string }> {
  const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const counts: Record<string, number> = {};
  const tables: Record<string, string[]> = {};
  for (const spec of Object.values(TABLE_SPECS)) {
    const columns = Object.keys(spec.columns).map((c) => {
      const key = KEY_OF[c];
      const name = sql.id(snake(c));
      return key
        ? sql`(select k.${sql.id(key[1])} from ${sql.table(key[0])} k where k.id = t.${name})`
        : sql`t.${name}::text`;
    });
    const rows = await sql<{ row: string }>`
      select json_build_array(${sql.join(columns)})::text as row from ${sql.table(snake(spec.table))} t`.execute(
      t.db,
    );
    tables[spec.table] = rows.rows.map((r) => r.row).sort();
    counts[spec.table] = rows.rows.length;
  }
  const officers = await sql<{ row: string }>`
    select json_build_array(a.ref, s.staff_no, o.position)::text as row
    from action_officer o join enforcement_action a on a.id = o.action_id join staff s on s.id = o.staff_id`.execute(
    t.db,
  );
  tables.actionOfficer = officers.rows.map((r) => r.row).sort();
  counts.actionOfficer = officers.rows.length;
  return { counts, digest: digestOf(tables) };
}
