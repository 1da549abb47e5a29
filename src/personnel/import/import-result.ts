import { z } from '@hono/zod-openapi';
import { BUNDLE_KINDS, type BundleKind } from '../../bundle/schema.ts';

export type CountsByKind = Record<BundleKind, number>;

/** What an import did, per kind of record. */
export interface ImportResult {
  created: CountsByKind;
  updated: CountsByKind;
  unchanged: CountsByKind;
}

export function zeroCounts(): CountsByKind {
  return Object.fromEntries(BUNDLE_KINDS.map((kind) => [kind, 0])) as CountsByKind;
}

const CountsByKindSchema = z
  .object(
    Object.fromEntries(BUNDLE_KINDS.map((kind) => [kind, z.number().int().nonnegative()])) as Record<
      BundleKind,
      z.ZodNumber
    >,
  )
  .openapi('CountsByKind', { description: 'A count for every kind of record in coi-bundle/1 (0 when none)' });

export const ImportResultSchema = z
  .object({ created: CountsByKindSchema, updated: CountsByKindSchema, unchanged: CountsByKindSchema })
  .openapi('ImportResult');
