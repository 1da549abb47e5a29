import {
  BundleAction,
  BundleAffiliation,
  BundleAssignment,
  BundleCampaign,
  BundleDeclaration,
  BundleDesignation,
  BundleEngagement,
  BundleKinship,
  BundleOrganization,
  BundleOwnership,
  BundlePerson,
  BundlePost,
  BundleQualification,
  BundleSchema,
  BundleStaff,
  BundleSuspension,
  BUNDLE_KINDS,
  type Bundle,
  type BundleKind,
} from '../../bundle/schema.ts';
import type { ProblemItem } from '../../errors.ts';
import type { z } from '@hono/zod-openapi';
import { issuesToProblems } from './problems.ts';

export type BundleRecord<K extends BundleKind> = NonNullable<Bundle[K]>[number];

/** The records of a bundle by kind, at their original indices; an entry that failed its schema is undefined. */
export type SparseRecords = { [K in BundleKind]: Array<BundleRecord<K> | undefined> };

/** Natural keys named by entries that failed their schema: references to them are not reported again. */
export interface LooseKeys {
  people: Set<string>;
  staff: Set<string>;
  organizations: Set<string>;
  posts: Set<string>;
}

export interface ParsedBundle {
  /** The whole bundle when it passed the schema. */
  bundle: Bundle | undefined;
  records: SparseRecords;
  loose: LooseKeys;
  problems: ProblemItem[];
}

const RECORD_SCHEMAS = {
  people: BundlePerson,
  staff: BundleStaff,
  kinship: BundleKinship,
  organizations: BundleOrganization,
  affiliations: BundleAffiliation,
  ownerships: BundleOwnership,
  posts: BundlePost,
  assignments: BundleAssignment,
  qualifications: BundleQualification,
  suspensions: BundleSuspension,
  enforcementActions: BundleAction,
  engagements: BundleEngagement,
  designations: BundleDesignation,
  campaigns: BundleCampaign,
  declarations: BundleDeclaration,
} satisfies Record<BundleKind, unknown>;

const LOOSE_KEY_FIELDS: Array<[keyof LooseKeys, string]> = [
  ['people', 'ref'],
  ['staff', 'staffNo'],
  ['organizations', 'creditCode'],
  ['posts', 'code'],
];

function emptyRecords(): SparseRecords {
  return Object.fromEntries(BUNDLE_KINDS.map((kind) => [kind, []])) as unknown as SparseRecords;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const emptyLoose = (): LooseKeys => ({
  people: new Set(),
  staff: new Set(),
  organizations: new Set(),
  posts: new Set(),
});

/** One record of a kind with its schema; a failed one's natural key (if it names one) is noted as loose. */
function parseRecord(kind: BundleKind, entry: unknown, loose: LooseKeys) {
  const one = RECORD_SCHEMAS[kind].safeParse(entry);
  if (one.success) return one;
  const looseField = LOOSE_KEY_FIELDS.find(([k]) => k === kind);
  if (looseField && isPlainObject(entry) && typeof entry[looseField[1]] === 'string') {
    loose[looseField[0]].add((entry[looseField[1]] as string).trim());
  }
  return one;
}

/**
 * Parses a bundle with the strict schema. When it fails, each record is parsed on its own so that the records
 * that are well-formed can still be checked for every other kind of problem.
 */
export function parseBundle(input: unknown): ParsedBundle {
  const loose = emptyLoose();
  const whole = BundleSchema.safeParse(input);
  if (whole.success) {
    const records = emptyRecords() as Record<BundleKind, unknown[]>;
    for (const kind of BUNDLE_KINDS) records[kind] = whole.data[kind] ?? [];
    return { bundle: whole.data, records: records as SparseRecords, loose, problems: [] };
  }

  const records = emptyRecords() as Record<BundleKind, unknown[]>;
  if (isPlainObject(input)) {
    for (const kind of BUNDLE_KINDS) {
      const raw = input[kind];
      if (!Array.isArray(raw)) continue;
      records[kind] = raw.map((entry: unknown) => {
        const one = parseRecord(kind, entry, loose);
        return one.success ? one.data : undefined;
      });
    }
  }
  return {
    bundle: undefined,
    records: records as SparseRecords,
    loose,
    problems: issuesToProblems(whole.error.issues),
  };
}

/**
 * parseBundle for a bundle known to be an object of arrays (a streamed batch), record by record, pausing every
 * `slice` records: a caller sharing the thread with database work lets it go on meanwhile. The same result,
 * with the same problems in the same order (the whole-bundle parse reports record by record, kind by kind).
 */
export async function parseRecordsInSlices(
  input: Partial<Record<BundleKind, unknown[]>>,
  pause: () => Promise<void>,
  slice = 1000,
): Promise<ParsedBundle> {
  const loose = emptyLoose();
  const records = emptyRecords() as Record<BundleKind, unknown[]>;
  const data: Record<string, unknown> = { format: 'coi-bundle/1' };
  const issues: z.core.$ZodIssue[] = [];
  let done = 0;
  for (const kind of BUNDLE_KINDS) {
    const raw = input[kind];
    if (!raw) continue;
    const parsed: unknown[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      if (++done % slice === 0) await pause();
      const one = parseRecord(kind, raw[i], loose);
      parsed[i] = one.success ? one.data : undefined;
      if (!one.success)
        for (const issue of one.error.issues) issues.push({ ...issue, path: [kind, i, ...issue.path] });
    }
    records[kind] = parsed;
    data[kind] = parsed;
  }
  if (issues.length === 0) {
    return { bundle: data as Bundle, records: records as SparseRecords, loose, problems: [] };
  }
  return { bundle: undefined, records: records as SparseRecords, loose, problems: issuesToProblems(issues) };
}
