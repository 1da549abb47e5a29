import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import { isDay } from '../lib/days.ts';
import { idCursor, pageOf, type PageRequest } from '../personnel/pagination.ts';
import { findingHeader, UUID_RE } from './finding-store.ts';
import type { Finding } from './finding-schema.ts';
import type { FindingStatus, FindingType } from './vocabulary.ts';

/** The current version of a finding. */
export async function getFinding(db: Kysely<Database>, id: string): Promise<Finding> {
  const header = await findingHeader(db, id);
  const row = await db
    .selectFrom('findingVersion')
    .select('snapshot')
    .where('findingId', '=', header.id)
    .where('version', '=', header.version)
    .executeTakeFirstOrThrow();
  return row.snapshot as Finding;
}

/** A page of a finding's versions, oldest first (keyed by version): corrections never overwrite. */
export async function listFindingVersions(db: Kysely<Database>, id: string, page: PageRequest) {
  const header = await findingHeader(db, id);
  const after = idCursor(page.cursor) ?? 0;
  const rows = await db
    .selectFrom('findingVersion')
    .selectAll()
    .where('findingId', '=', header.id)
    .where('version', '>', after)
    .orderBy('version')
    .limit(page.limit + 1)
    .execute();
  const versions = pageOf(rows, page.limit, (r) => r.version);
  return {
    nextCursor: versions.nextCursor,
    items: versions.items.map((r) => ({
      version: r.version,
      recordedAt: r.recordedAt.toISOString(),
      recordedBy: r.actor,
      reason: r.reason,
      finding: r.snapshot as Finding,
    })),
  };
}

export interface FindingFilter {
  type?: FindingType | undefined;
  status?: FindingStatus | undefined;
  staffNo?: string | undefined;
  year?: number | undefined;
  action?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type FindingCursor = [string, string];
const isCursor = (v: unknown): v is FindingCursor =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'string' &&
  isDay(v[0]) &&
  typeof v[1] === 'string' &&
  UUID_RE.test(v[1]);

/** Findings in their current version, newest date first; `staffNo` and `action` match the current version. */
export async function listFindings(db: Kysely<Database>, filter: FindingFilter) {
  const after = decodeCursor(filter.cursor, isCursor);
  let q = db
    .selectFrom('finding as f')
    .innerJoin('findingVersion as v', (j) =>
      j.onRef('v.findingId', '=', 'f.id').onRef('v.version', '=', 'f.version'),
    )
    .select(['f.id', 'f.foundOn', 'v.snapshot'])
    .orderBy('f.foundOn', 'desc')
    .orderBy('f.id', 'desc')
    .limit(filter.limit + 1);
  if (filter.type) q = q.where('f.type', '=', filter.type);
  if (filter.status) q = q.where('f.status', '=', filter.status);
  if (filter.year !== undefined) {
    q = q.where('f.foundOn', '>=', `${filter.year}-01-01`).where('f.foundOn', '<=', `${filter.year}-12-31`);
  }
  if (filter.staffNo) {
    const staffNo = filter.staffNo;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('findingRespondent as r')
          .innerJoin('staff as s', 's.id', 'r.staffId')
          .select('r.staffId')
          .whereRef('r.findingId', '=', 'f.id')
          .whereRef('r.version', '=', 'f.version')
          .where('s.staffNo', '=', staffNo),
      ),
    );
  }
  if (filter.action) {
    const action = filter.action;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('findingSubject as sub')
          .innerJoin('enforcementAction as a', 'a.id', 'sub.actionId')
          .select('sub.position')
          .whereRef('sub.findingId', '=', 'f.id')
          .whereRef('sub.version', '=', 'f.version')
          .where('a.ref', '=', action),
      ),
    );
  }
  if (after) {
    const [day, id] = after;
    q = q.where((eb) =>
      eb.or([eb('f.foundOn', '<', day), eb.and([eb('f.foundOn', '=', day), eb('f.id', '<', id)])]),
    );
  }
  const rows = await q.execute();
  const items = rows.slice(0, filter.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => r.snapshot as Finding),
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.foundOn, last.id]) : null,
  };
}
