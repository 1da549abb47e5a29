import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database, PostKind, PostTable } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { assertVersion } from '../http/etag.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import type { NewPost, Post, PostChange } from './schemas.ts';

export function toPost(row: Selectable<PostTable>): Post {
  return {
    code: row.code,
    name: row.name,
    unit: row.unit,
    kind: row.kind,
    rotationYears: row.rotationYears,
    jurisdiction: row.jurisdiction,
    version: row.version,
  };
}

export async function findPostRow(db: Kysely<Database>, code: string) {
  return db.selectFrom('post').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function getPost(db: Kysely<Database>, code: string): Promise<Post> {
  const row = await findPostRow(db, code);
  if (!row) throw new NotFoundError(`post ${code}`);
  return toPost(row);
}

export async function createPost(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: NewPost,
): Promise<Post> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    if (await findPostRow(tx, input.code)) throw new ConflictError(`post ${input.code} already exists`);
    const row = await tx
      .insertInto('post')
      .values({
        code: input.code,
        name: input.name,
        unit: input.unit,
        kind: input.kind,
        rotationYears: input.rotationYears ?? null,
        jurisdiction: input.jurisdiction ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({ action: 'post.create', objectKeys: { post: row.code }, change: input });
    return toPost(row);
  });
}

/** Changes a post's description; `accepted` are the versions the client read (If-Match). */
export async function updatePost(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  code: string,
  accepted: number[],
  change: PostChange,
): Promise<Post> {
  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const current = await tx
      .selectFrom('post')
      .selectAll()
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError(`post ${code}`);
    assertVersion(current.version, accepted);
    const values = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    if (Object.keys(values).length === 0) return toPost(current);
    const row = await tx
      .updateTable('post')
      .set(values)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({ action: 'post.update', objectKeys: { post: code }, change: values });
    return toPost(row);
  });
}

const isCode = (v: unknown): v is string => typeof v === 'string';

export async function listPosts(
  db: Kysely<Database>,
  query: {
    limit: number;
    cursor?: string | undefined;
    unit?: string | undefined;
    kind?: PostKind | undefined;
  },
): Promise<{ items: Post[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, isCode);
  let q = db
    .selectFrom('post')
    .selectAll()
    .orderBy('code')
    .limit(query.limit + 1);
  if (after !== undefined) q = q.where('code', '>', after);
  if (query.unit) q = q.where('unit', '=', query.unit);
  if (query.kind) q = q.where('kind', '=', query.kind);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toPost);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.code) : null };
}
