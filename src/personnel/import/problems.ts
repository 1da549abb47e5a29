import type { z } from '@hono/zod-openapi';
import type { ProblemItem } from '../../errors.ts';

/** A JSON pointer (RFC 6901) to a place in the bundle: `pointer('affiliations', 3, 'org')` → `/affiliations/3/org`. */
export function pointer(...segments: Array<string | number | symbol>): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Zod issues as problems; an unknown field is reported at its own path. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): ProblemItem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pointer(...issue.path, key), message: 'unknown field' }));
    }
    return [{ path: pointer(...issue.path), message: issue.message }];
  });
}
