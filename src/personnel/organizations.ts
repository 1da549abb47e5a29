import type { Kysely, Selectable } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Actor } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Database, OrganizationTable, OrgKind } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import { isoTime, versionsOf } from './history.ts';
import { containsPattern, pageOf, textCursor, type PageRequest } from './pagination.ts';
import type { OrganizationCreate, OrganizationPatch, OrganizationView } from './schemas.ts';

type OrganizationRow = Selectable<OrganizationTable>;

function presentOrganization(row: OrganizationRow): OrganizationView {
  return {
    creditCode: row.creditCode,
    name: row.name,
    kind: row.kind,
    region: row.region,
    version: row.version,
    updatedAt: isoTime(row.updatedAt),
  };
}

async function findOrganization(db: Kysely<Database>, creditCode: string): Promise<OrganizationRow> {
  const row = await db
    .selectFrom('organization')
    .selectAll()
    .where('creditCode', '=', creditCode)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`organisation ${creditCode}`);
  return row;
}

export async function getOrganization(db: Kysely<Database>, creditCode: string) {
  return presentOrganization(await findOrganization(db, creditCode));
}

export interface OrganizationQuery {
  kind?: OrgKind | undefined;
  /** Leading digits of the 6-digit region code: `2305` finds every organisation in 2305xx. */
  region?: string | undefined;
  name?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listOrganizations(db: Kysely<Database>, query: OrganizationQuery) {
  const after = textCursor(query.cursor);
  let q = db
    .selectFrom('organization')
    .selectAll()
    .orderBy('creditCode')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('creditCode', '>', after);
  if (query.kind) q = q.where('kind', '=', query.kind);
  // The region filter is digits only (validated), so it needs no LIKE escaping.
  if (query.region) q = q.where('region', 'like', `${query.region}%`);
  if (query.name) q = q.where('name', 'ilike', containsPattern(query.name));
  const page = pageOf(await q.execute(), query.limit, (r) => r.creditCode);
  return { items: page.items.map(presentOrganization), nextCursor: page.nextCursor };
}

export async function organizationHistory(db: Kysely<Database>, creditCode: string, page: PageRequest) {
  const current = await findOrganization(db, creditCode);
  const versions = await versionsOf(db, 'organization', current, current.id, page);
  return { items: versions.items.map(presentOrganization), nextCursor: versions.nextCursor };
}

export async function createOrganization(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: OrganizationCreate,
): Promise<OrganizationView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const existing = await tx
      .selectFrom('organization')
      .select('id')
      .where('creditCode', '=', input.creditCode)
      .executeTakeFirst();
    if (existing) throw new ConflictError(`organisation ${input.creditCode} is already recorded`);
    const row = await tx.insertInto('organization').values(input).returningAll().executeTakeFirstOrThrow();
    await audit({ action: 'create-organization', objectKeys: { org: row.creditCode }, change: input });
    return presentOrganization(row);
  });
}

const PATCHABLE = ['name', 'kind', 'region'] as const;

export async function updateOrganization(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  creditCode: string,
  acceptedVersions: number[],
  patch: OrganizationPatch,
): Promise<OrganizationView> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await findOrganization(tx, creditCode);
    assertVersion(current.version, acceptedVersions);
    const changes: Partial<Pick<OrganizationRow, (typeof PATCHABLE)[number]>> = {};
    for (const field of PATCHABLE) {
      const value = patch[field];
      if (value !== undefined && value !== current[field]) Object.assign(changes, { [field]: value });
    }
    if (Object.keys(changes).length === 0) return presentOrganization(current);
    const row = await tx
      .updateTable('organization')
      .set(changes)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'update-organization',
      objectKeys: { org: creditCode, version: row.version },
      change: changes,
    });
    return presentOrganization(row);
  });
}
