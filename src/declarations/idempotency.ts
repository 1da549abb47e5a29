import type { Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { UnprocessableError, ValidationError } from '../errors.ts';
import { digestOf } from '../lib/canonical-json.ts';

// `Idempotency-Key`: the first request with a key stores its answer in the same transaction as its effect; a
// replay (same key, same request) gets that answer again without doing anything; the same key with a different
// request is refused (422). Writers hold the global writer lock, so concurrent requests with one key run one after
// the other and all but the first find the stored answer; the primary key backs this up.

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

/** The key from the header, if sent; printable ASCII, at most 200 characters. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_SHAPE.test(header)) {
    throw new ValidationError([
      {
        path: '/headers/idempotency-key',
        message: 'must be 1-200 printable ASCII characters without spaces',
      },
    ]);
  }
  return header;
}

/**
 * Runs `perform` once per (scope, key) inside the caller's write transaction. Without a key it simply runs.
 */
export async function once<T>(
  tx: Transaction<Database>,
  clock: Clock,
  idem: { scope: string; key: string | undefined; request: unknown },
  perform: () => Promise<{ status: number; body: T }>,
): Promise<StoredAnswer<T>> {
  if (idem.key === undefined) return { ...(await perform()), replayed: false };
  const requestDigest = digestOf(idem.request);
  const stored = await tx
    .selectFrom('idempotencyKey')
    .select(['requestDigest', 'status', 'response'])
    .where('scope', '=', idem.scope)
    .where('key', '=', idem.key)
    .executeTakeFirst();
  if (stored) {
    if (stored.requestDigest !== requestDigest) {
      throw new UnprocessableError(
        'this Idempotency-Key was already used with a different request; use a new key for a new request',
        { idempotencyKey: idem.key },
      );
    }
    return { status: stored.status, body: stored.response as T, replayed: true };
  }
  const answer = await perform();
  // Answered as stored (jsonb orders keys its own way), so the first answer and every replay are the same bytes.
  const saved = await tx
    .insertInto('idempotencyKey')
    .values({
      scope: idem.scope,
      key: idem.key,
      requestDigest,
      status: answer.status,
      response: JSON.stringify(answer.body),
      createdAt: clock.now(),
    })
    .returning('response')
    .executeTakeFirstOrThrow();
  return { status: answer.status, body: saved.response as T, replayed: false };
}

/** Whether an error is the primary key of `idempotency_key` refusing a second first-use (a lost race). */
export function isKeyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  return (
    e?.code === '23505' &&
    (e.constraint === 'idempotency_key_pkey' || /idempotency_key_pkey/.test(e.message ?? ''))
  );
}
