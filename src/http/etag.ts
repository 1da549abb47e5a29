import { z } from '@hono/zod-openapi';
import { PreconditionFailedError, PreconditionRequiredError } from '../errors.ts';

/** The ETag of a versioned record: its version, which the database bumps on every update. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The versions a conditional write accepts, from `If-Match`. Missing (or `*`, which would overwrite any
 * version) → 428. A weak `W/"3"` is accepted as `"3"`: the version is the whole identity of the record.
 */
export function acceptedVersions(ifMatch: string | undefined): number[] {
  const raw = ifMatch?.trim();
  if (!raw) throw new PreconditionRequiredError();
  const tags = raw.split(',').map((t) => t.trim());
  if (tags.includes('*')) {
    throw new PreconditionRequiredError('If-Match: * would overwrite any version; send the ETag you read');
  }
  const versions: number[] = [];
  for (const tag of tags) {
    const match = /^(?:W\/)?"(\d{1,9})"$/.exec(tag);
    if (match?.[1]) versions.push(Number(match[1]));
  }
  return versions;
}

/** 412 unless the stored version is one the client read. */
export function assertVersion(current: number, accepted: number[]): void {
  if (!accepted.includes(current)) throw new PreconditionFailedError();
}

/** The request header of a conditional write, for route definitions (its absence is a 428, not a 400). */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'The ETag you read; required (428 without it, 412 when stale)', example: '"1"' }),
});

/** The response header of a versioned record, for route definitions. */
export const ETagHeader = {
  ETag: { description: 'The record version, for If-Match', schema: { type: 'string' as const } },
};
