import { z } from '@hono/zod-openapi';
import { ValidationError } from '../errors.ts';
import { isDay } from '../lib/days.ts';

export const DaySchema = z
  .string()
  .refine(isDay, { message: 'must be a calendar day YYYY-MM-DD' })
  .openapi({ example: '2026-06-30', format: 'date' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().nullable(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** Standard problem responses, for route definitions. */
export function problems(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid request; `errors` lists every problem',
    401: 'Missing or invalid token',
    403: 'Your role may not use this route',
    404: 'Not found (or not visible to you)',
    409: 'Conflict with the stored state',
    412: 'If-Match does not match the current ETag',
    413: 'Body too large',
    422: 'Breaks a rule; names the rule and its article',
    428: 'If-Match required',
    503: 'Database unavailable',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: descriptions[s] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}

export const LimitQuery = z.coerce.number().int().min(1).max(1000).default(100);
export const CursorQuery = z.string().max(500).optional();
/** The query of a list that takes nothing but a page. */
export const PageQuery = z.object({ limit: LimitQuery, cursor: CursorQuery });

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // falls through to the error below
  }
  throw new ValidationError([{ path: '/cursor', message: 'not a cursor issued by this API' }]);
}
