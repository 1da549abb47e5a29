import { z } from '@hono/zod-openapi';
import { SANCTION_MEASURES } from '../accountability/vocabulary.ts';
import { POST_KINDS, RELATIONS } from '../bundle/schema.ts';

// The configurable values of RULES.md. Defaults are the values RULES.md gives; an admin changes them by
// adding a policy version (never by a code change), and each flag's evidence shows the values it used.

const Years = z.number().int().min(0).max(50);

const RevolvingDoorYears = z.strictObject({
  leader_cadre: Years,
  enforcement_cadre: Years,
  cadre: Years,
  firefighter: Years,
  civilian: Years,
});

const RotationYearsByPostKind = z.strictObject(
  Object.fromEntries(POST_KINDS.map((k) => [k, z.number().int().min(1).max(50).nullable().optional()])) as {
    [K in (typeof POST_KINDS)[number]]: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
  },
);

// Months a sanction (政务处分) is in effect; null: no end (开除).
const SanctionMonths = z.strictObject(
  Object.fromEntries(SANCTION_MEASURES.map((m) => [m, z.number().int().min(1).max(600).nullable()])) as {
    [K in (typeof SANCTION_MEASURES)[number]]: z.ZodNullable<z.ZodNumber>;
  },
);

const CloseRelatives = z
  .array(z.enum(RELATIONS))
  .max(RELATIONS.length)
  .refine((list) => new Set(list).size === list.length, { message: 'lists a relation twice' });

export const PolicyValuesSchema = z
  .strictObject({
    /** 近亲属: relations that make a relative close (closed under inversion). */
    closeRelatives: CloseRelatives,
    /** Ownership records followed from a person's owning role to the organisation operated. */
    maxOwnershipHops: z.number().int().min(0).max(10),
    /** The revolving-door window after departure, in years, by staff category. */
    revolvingDoorYears: RevolvingDoorYears,
    /** How long after an enforcement action an engagement by the organisation acted upon is suspect. */
    covertWindowYears: z.number().int().min(1).max(10),
    /** Rotation years for posts whose record states none, by post kind (absent: no requirement). */
    rotationYearsByPostKind: RotationYearsByPostKind,
    /** Effect periods of sanctions in months (公职人员政务处分法), by measure. */
    sanctionMonths: SanctionMonths,
  })
  .openapi('PolicyValues');

export type PolicyValues = z.infer<typeof PolicyValuesSchema>;

export const DEFAULT_POLICY: PolicyValues = {
  closeRelatives: ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'],
  maxOwnershipHops: 3,
  revolvingDoorYears: { leader_cadre: 5, enforcement_cadre: 5, cadre: 3, firefighter: 3, civilian: 3 },
  covertWindowYears: 1,
  rotationYearsByPostKind: {},
  sanctionMonths: { warning: 6, demerit: 12, major_demerit: 18, downgrade: 24, removal: 24, expulsion: null },
};

/** A change to the policy: any subset of the values; what is not given keeps its current value. */
export const PolicyPatchSchema = z
  .strictObject({
    closeRelatives: CloseRelatives.optional(),
    maxOwnershipHops: PolicyValuesSchema.shape.maxOwnershipHops.optional(),
    revolvingDoorYears: RevolvingDoorYears.partial().optional(),
    covertWindowYears: PolicyValuesSchema.shape.covertWindowYears.optional(),
    rotationYearsByPostKind: RotationYearsByPostKind.optional(),
    sanctionMonths: SanctionMonths.partial().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one value' })
  .openapi('PolicyPatch');

export type PolicyPatch = z.infer<typeof PolicyPatchSchema>;

export function applyPatch(current: PolicyValues, patch: PolicyPatch): PolicyValues {
  return {
    closeRelatives: patch.closeRelatives ?? current.closeRelatives,
    maxOwnershipHops: patch.maxOwnershipHops ?? current.maxOwnershipHops,
    revolvingDoorYears: { ...current.revolvingDoorYears, ...patch.revolvingDoorYears },
    covertWindowYears: patch.covertWindowYears ?? current.covertWindowYears,
    rotationYearsByPostKind: { ...current.rotationYearsByPostKind, ...patch.rotationYearsByPostKind },
    sanctionMonths: { ...current.sanctionMonths, ...patch.sanctionMonths },
  };
}

/** Stored values merged over the defaults, so a value added later still has one in old versions. */
export function parseStoredValues(stored: unknown): PolicyValues {
  const values = (stored && typeof stored === 'object' ? stored : {}) as Partial<PolicyValues>;
  const merged = {
    ...DEFAULT_POLICY,
    ...values,
    sanctionMonths: { ...DEFAULT_POLICY.sanctionMonths, ...values.sanctionMonths },
  };
  return PolicyValuesSchema.parse(merged);
}

/** The policy a screening runs under: version 0 is the defaults of RULES.md (no stored version yet). */
export interface Policy {
  version: number;
  values: PolicyValues;
}

export const DEFAULT_POLICY_VERSION: Policy = { version: 0, values: DEFAULT_POLICY };
