import type { Transaction } from 'kysely';
import type { Bundle, BundleKind } from '../../bundle/schema.ts';
import type { Database } from '../../db/schema.ts';
import { upsertActions } from './action-officers.ts';
import { zeroCounts, type ImportResult } from './import-result.ts';
import type { KeySpace } from './references.ts';
import { emptyStoredIds, type StoredIds } from './stored-keys.ts';
import { TABLE_SPECS } from './table-specs.ts';
import { applyUpsert, planUpsert, type KindCounts, type Row, type VersionedTable } from './upsert-rows.ts';

/**
 * Upserts a checked bundle, kind by kind in dependency order, inside the caller's write transaction. An optional
 * field the record leaves out is written as null (or the column's default, `paid` false): a bundle record is
 * the whole record.
 */
export async function writeBundle(
  tx: Transaction<Database>,
  bundle: Bundle,
  stored: StoredIds,
  /** Filled with the id of every person, staff member, organisation and post the bundle wrote. */
  written: StoredIds = emptyStoredIds(),
  /**
   * Tables where no stored row can have the key of a bundle record, so their stored rows are not looked up:
   * the streamed import's tables that were empty when it took the writer lock (every row they hold since is
   * one of its records, and the stream's natural keys are unique).
   */
  noneStored: ReadonlySet<VersionedTable> = new Set(),
): Promise<ImportResult> {
  const result: ImportResult = { created: zeroCounts(), updated: zeroCounts(), unchanged: zeroCounts() };
  const tally = (kind: BundleKind, counts: KindCounts) => {
    result.created[kind] += counts.created;
    result.updated[kind] += counts.updated;
    result.unchanged[kind] += counts.unchanged;
  };
  const ids: Record<KeySpace, Map<string, number>> = {
    person: new Map(stored.person),
    staff: new Map(stored.staff),
    org: new Map(stored.org),
    post: new Map(stored.post),
  };
  const idOf = (space: KeySpace) => (key: string) => {
    const id = ids[space].get(key);
    // checkBundle resolved every reference; reaching this is a bug, not bad input.
    if (id === undefined) throw new Error(`import: ${space} ${key} has no id after validation`);
    return id;
  };
  const person = idOf('person');
  const staff = idOf('staff');
  const org = idOf('org');
  const post = idOf('post');
  // Only the kinds other records refer to need the ids of the rows they insert.
  const upsert = async (kind: BundleKind, rows: Row[], ids = false) => {
    const spec = TABLE_SPECS[kind];
    const { ids: rowIds, counts } = await applyUpsert(
      tx,
      await planUpsert(tx, spec, rows, noneStored.has(spec.table)),
      { ids },
    );
    tally(kind, counts);
    return rowIds;
  };
  // Kinds other records refer to: their ids join the lookup for the kinds written after them.
  const upsertKeyed = async <T>(
    kind: BundleKind,
    space: KeySpace,
    records: T[],
    key: (record: T) => string,
    toRow: (record: T) => Row,
  ) => {
    const rowIds = await upsert(kind, records.map(toRow), true);
    records.forEach((record, i) => {
      ids[space].set(key(record), rowIds[i]!);
      written[space].set(key(record), rowIds[i]!);
    });
  };

  await upsertKeyed(
    'people',
    'person',
    bundle.people ?? [],
    (p) => p.ref,
    (p) => ({ ref: p.ref, name: p.name, idNumber: p.idNumber ?? null }),
  );
  await upsertKeyed(
    'organizations',
    'org',
    bundle.organizations ?? [],
    (o) => o.creditCode,
    (o) => ({ creditCode: o.creditCode, name: o.name, kind: o.kind, region: o.region }),
  );
  await upsertKeyed(
    'posts',
    'post',
    bundle.posts ?? [],
    (p) => p.code,
    (p) => ({
      code: p.code,
      name: p.name,
      unit: p.unit,
      kind: p.kind,
      rotationYears: p.rotationYears ?? null,
    }),
  );
  await upsertKeyed(
    'staff',
    'staff',
    bundle.staff ?? [],
    (s) => s.staffNo,
    (s) => ({
      staffNo: s.staffNo,
      personId: person(s.person),
      category: s.category,
      unit: s.unit,
      jurisdiction: s.jurisdiction,
      hiredOn: s.hiredOn,
      departedOn: s.departedOn ?? null,
      departureKind: s.departureKind ?? null,
    }),
  );

  await upsert(
    'kinship',
    (bundle.kinship ?? []).map((k) => ({
      personId: person(k.person),
      relativeId: person(k.relative),
      relation: k.relation,
    })),
  );
  await upsert(
    'affiliations',
    (bundle.affiliations ?? []).map((a) => ({
      personId: person(a.person),
      orgId: org(a.org),
      role: a.role,
      validFrom: a.from ?? null,
      share: a.share ?? null,
      paid: a.paid ?? false,
      validTo: a.to ?? null,
      source: a.source,
    })),
  );
  await upsert(
    'ownerships',
    (bundle.ownerships ?? []).map((o) => ({
      ownerOrgId: org(o.owner),
      orgId: org(o.org),
      validFrom: o.from ?? null,
      share: o.share ?? null,
      validTo: o.to ?? null,
    })),
  );
  await upsert(
    'assignments',
    (bundle.assignments ?? []).map((a) => ({
      staffId: staff(a.staffNo),
      postId: post(a.post),
      validFrom: a.from,
      validTo: a.to ?? null,
    })),
  );
  await upsert(
    'qualifications',
    (bundle.qualifications ?? []).map((q) => ({
      certNo: q.certNo,
      staffId: staff(q.staffNo),
      kind: q.kind,
      level: q.level ?? null,
      issuer: q.issuer ?? null,
      passedOn: q.passedOn,
      expiresOn: q.expiresOn ?? null,
    })),
  );
  await upsert(
    'suspensions',
    (bundle.suspensions ?? []).map((s) => ({
      staffId: staff(s.staffNo),
      validFrom: s.from,
      validTo: s.to ?? null,
      reason: s.reason,
    })),
  );
  const actions = await upsertActions(
    tx,
    bundle.enforcementActions ?? [],
    staff,
    org,
    noneStored.has(TABLE_SPECS.enforcementActions.table),
  );
  tally('enforcementActions', actions.counts);
  await upsert(
    'engagements',
    (bundle.engagements ?? []).map((e) => ({
      clientOrgId: org(e.client),
      contractorOrgId: org(e.contractor),
      onDate: e.on,
    })),
  );
  await upsert(
    'designations',
    (bundle.designations ?? []).map((d) => ({
      staffId: staff(d.staffNo),
      orgId: org(d.org),
      onDate: d.on,
      source: d.source,
      note: d.note ?? null,
    })),
  );
  await upsert(
    'campaigns',
    (bundle.campaigns ?? []).map((c) => ({ year: c.year, dueOn: c.dueOn })),
  );
  await upsert(
    'declarations',
    (bundle.declarations ?? []).map((d) => ({
      staffId: staff(d.staffNo),
      year: d.year,
      submittedOn: d.submittedOn ?? null,
      items: d.items,
    })),
  );
  return result;
}
