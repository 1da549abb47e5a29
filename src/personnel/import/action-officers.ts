import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chunksOf } from './chunks.ts';
import type { BundleRecord } from './records.ts';
import { TABLE_SPECS } from './table-specs.ts';
import { applyUpsert, planUpsert, type KindCounts } from './upsert-rows.ts';

type Action = BundleRecord<'enforcementActions'>;
interface Officer {
  staffId: number;
  staffNo: string;
  position: number;
}

async function storedOfficers(tx: Transaction<Database>, actionIds: number[]) {
  const byAction = new Map<number, Officer[]>();
  for (const chunk of chunksOf(actionIds)) {
    const rows = await tx
      .selectFrom('actionOfficer as ao')
      .innerJoin('staff as s', 's.id', 'ao.staffId')
      .select(['ao.actionId', 'ao.staffId', 's.staffNo', 'ao.position'])
      .where('ao.actionId', 'in', chunk)
      .orderBy('ao.actionId')
      .orderBy('ao.position')
      .execute();
    for (const r of rows) {
      const list = byAction.get(r.actionId) ?? [];
      list.push({ staffId: r.staffId, staffNo: r.staffNo, position: r.position });
      byAction.set(r.actionId, list);
    }
  }
  return byAction;
}

const sameOfficers = (stored: Officer[], wanted: string[]) =>
  stored.length === wanted.length && stored.every((o, i) => o.staffNo === wanted[i]);

/**
 * Upserts enforcement actions with their officer lists. The officers are part of the action: when the list
 * changes the action row is updated too (its trigger keeps the old row and bumps version and seq), and the
 * old list is kept in `revision` under `action_officer`, row id = the action, at the version it belonged to.
 */
export async function upsertActions(
  tx: Transaction<Database>,
  actions: Action[],
  staffIdOf: (staffNo: string) => number,
  orgIdOf: (creditCode: string) => number,
  /** No stored action has any of the actions' refs (see planUpsert). */
  noneStored = false,
): Promise<{ ids: number[]; counts: KindCounts }> {
  const plan = await planUpsert(
    tx,
    TABLE_SPECS.enforcementActions,
    actions.map((a) => ({ ref: a.ref, kind: a.kind, orgId: orgIdOf(a.org), onDate: a.on })),
    noneStored,
  );
  const current = await storedOfficers(
    tx,
    plan.existing.flatMap((e) => (e ? [e.id] : [])),
  );
  const replaced: Array<{ actionId: number; version: number; officers: Officer[] }> = [];
  actions.forEach((action, i) => {
    const stored = plan.existing[i];
    if (!stored) return;
    const officers = current.get(stored.id) ?? [];
    if (sameOfficers(officers, action.officers)) return;
    plan.changed[i] = true;
    replaced.push({ actionId: stored.id, version: stored.version, officers });
  });

  const result = await applyUpsert(tx, plan);

  for (const chunk of chunksOf(replaced)) {
    await tx
      .insertInto('revision')
      .values(
        chunk.map((r) => ({
          tableName: 'action_officer',
          rowId: r.actionId,
          version: r.version,
          data: JSON.stringify({
            action_id: r.actionId,
            officers: r.officers.map((o) => ({
              staff_id: o.staffId,
              staff_no: o.staffNo,
              position: o.position,
            })),
          }),
        })),
      )
      .execute();
    // The link rows are the current list only; the list they held is in `revision` (above).
    await tx
      .deleteFrom('actionOfficer')
      .where(
        'actionId',
        'in',
        chunk.map((r) => r.actionId),
      )
      .execute();
  }

  const rewritten = new Set(replaced.map((r) => r.actionId));
  const links = actions.flatMap((action, i) => {
    const actionId = result.ids[i]!;
    if (plan.existing[i] && !rewritten.has(actionId)) return [];
    return action.officers.map((staffNo, position) => ({ actionId, staffId: staffIdOf(staffNo), position }));
  });
  // One array per column (as upsert-rows inserts): a multi-row VALUES list is slow to build, send and plan.
  for (const chunk of chunksOf(links)) {
    await sql`
      insert into action_officer (action_id, staff_id, position)
      select * from unnest(
        ${chunk.map((l) => l.actionId)}::bigint[],
        ${chunk.map((l) => l.staffId)}::bigint[],
        ${chunk.map((l) => l.position)}::smallint[])`.execute(tx);
  }
  return result;
}
