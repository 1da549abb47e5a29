import { z } from '@hono/zod-openapi';
import {
  DEPARTURE_KINDS,
  ORG_KINDS,
  RELATIONS,
  ROLES_IN_ORG,
  STAFF_CATEGORIES,
  TIE_SOURCES,
} from '../bundle/schema.ts';
import { DaySchema } from '../http/schemas.ts';
import { idNumberProblem } from '../lib/gb11643.ts';
import { creditCodeProblem } from '../lib/gb32100.ts';

// Request and response shapes of the personnel and ties resources. Records are named by natural keys (person
// ref, staff number, credit code), as in the import bundle; bodies are strict, so an unknown or server-owned
// field (`id`, `version`, `seq`, …) is a 400, never silently dropped.

const Key = z.string().trim().min(1).max(100);
const Region = z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative division code');
const Share = z.number().gt(0).lte(100);
const Name = (max: number) => z.string().trim().min(1).max(max);

// The validators say exactly what is wrong (shape, birth date, which check character was expected).
const checkedBy = (problemOf: (value: string) => string | null) =>
  z.string().superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const IdNumber = checkedBy(idNumberProblem).openapi({
  description: 'Resident ID number, GB 11643-1999 (check digit verified)',
  example: '230502197003120011',
});

export const CreditCode = checkedBy(creditCodeProblem).openapi({
  description: 'Unified social credit code, GB 32100-2015 (check character verified)',
  example: '91230502MA1B00007Q',
});

const Versioned = {
  version: z.number().int().openapi({ description: 'Bumped by every update; the ETag carries it' }),
  updatedAt: z.string().openapi({ format: 'date-time' }),
};

// People -------------------------------------------------------------------------------------------------

export const PersonSchema = z
  .object({
    ref: z.string(),
    name: z.string(),
    idNumber: z
      .string()
      .nullable()
      .openapi({ description: 'Masked unless an admin or discipline officer asks with ?reveal=<purpose>' }),
    ...Versioned,
  })
  .openapi('Person');

export const PersonCreateSchema = z
  .strictObject({ ref: Key, name: Name(100), idNumber: IdNumber.nullable().optional() })
  .openapi('PersonCreate');

export const PersonPatchSchema = z
  .strictObject({ name: Name(100).optional(), idNumber: IdNumber.nullable().optional() })
  .openapi('PersonPatch');

// Staff --------------------------------------------------------------------------------------------------

export const StaffSchema = z
  .object({
    staffNo: z.string(),
    person: z.string().openapi({ description: 'The person ref' }),
    category: z.enum(STAFF_CATEGORIES),
    unit: z.string(),
    jurisdiction: z.string(),
    hiredOn: z.string(),
    departedOn: z.string().nullable(),
    departureKind: z.enum(DEPARTURE_KINDS).nullable(),
    ...Versioned,
  })
  .openapi('Staff');

export const StaffCreateSchema = z
  .strictObject({
    staffNo: Key,
    person: Key,
    category: z.enum(STAFF_CATEGORIES),
    unit: Name(200),
    jurisdiction: Region,
    hiredOn: DaySchema,
    departedOn: DaySchema.nullable().optional(),
    departureKind: z.enum(DEPARTURE_KINDS).nullable().optional(),
  })
  .openapi('StaffCreate');

export const StaffPatchSchema = z
  .strictObject({
    category: z.enum(STAFF_CATEGORIES).optional(),
    unit: Name(200).optional(),
    jurisdiction: Region.optional(),
    hiredOn: DaySchema.optional(),
    departedOn: DaySchema.nullable().optional(),
    departureKind: z.enum(DEPARTURE_KINDS).nullable().optional(),
  })
  .openapi('StaffPatch');

// Kinship ------------------------------------------------------------------------------------------------

export const KinshipSchema = z
  .object({
    id: z.number().int(),
    person: z.string(),
    relative: z.string(),
    relation: z.enum(RELATIONS).openapi({ description: '`relative` is `person`’s <relation>' }),
    ...Versioned,
  })
  .openapi('Kinship');

export const KinshipCreateSchema = z
  .strictObject({ person: Key, relative: Key, relation: z.enum(RELATIONS) })
  .openapi('KinshipCreate');

export const KinshipPatchSchema = z
  .strictObject({ relation: z.enum(RELATIONS).optional() })
  .openapi('KinshipPatch');

// Organisations ------------------------------------------------------------------------------------------

export const OrganizationSchema = z
  .object({
    creditCode: z.string(),
    name: z.string(),
    kind: z.enum(ORG_KINDS),
    region: z.string(),
    ...Versioned,
  })
  .openapi('Organization');

export const OrganizationCreateSchema = z
  .strictObject({ creditCode: CreditCode, name: Name(200), kind: z.enum(ORG_KINDS), region: Region })
  .openapi('OrganizationCreate');

export const OrganizationPatchSchema = z
  .strictObject({
    name: Name(200).optional(),
    kind: z.enum(ORG_KINDS).optional(),
    region: Region.optional(),
  })
  .openapi('OrganizationPatch');

// Affiliations and ownerships ----------------------------------------------------------------------------

const Interval = {
  from: z.string().nullable().openapi({ description: 'First day; null: unbounded in the past' }),
  to: z.string().nullable().openapi({ description: 'Day after the last (half-open); null: still active' }),
};

export const AffiliationSchema = z
  .object({
    id: z.number().int(),
    person: z.string(),
    org: z.string().openapi({ description: 'The organisation’s credit code' }),
    role: z.enum(ROLES_IN_ORG),
    share: z.number().nullable(),
    paid: z.boolean(),
    ...Interval,
    source: z.enum(TIE_SOURCES),
    ...Versioned,
  })
  .openapi('Affiliation');

export const AffiliationCreateSchema = z
  .strictObject({
    person: Key,
    org: z.string(),
    role: z.enum(ROLES_IN_ORG),
    share: Share.nullable().optional(),
    paid: z.boolean().optional(),
    from: DaySchema.nullable().optional(),
    to: DaySchema.nullable().optional(),
    source: z.enum(TIE_SOURCES),
  })
  .openapi('AffiliationCreate');

export const AffiliationPatchSchema = z
  .strictObject({
    share: Share.nullable().optional(),
    paid: z.boolean().optional(),
    from: DaySchema.nullable().optional(),
    to: DaySchema.nullable().optional(),
    source: z.enum(TIE_SOURCES).optional(),
  })
  .openapi('AffiliationPatch');

export const OwnershipSchema = z
  .object({
    id: z.number().int(),
    owner: z.string().openapi({ description: 'Credit code of the owning organisation' }),
    org: z.string().openapi({ description: 'Credit code of the organisation owned' }),
    share: z.number().nullable(),
    ...Interval,
    ...Versioned,
  })
  .openapi('Ownership');

export const OwnershipCreateSchema = z
  .strictObject({
    owner: z.string(),
    org: z.string(),
    share: Share.nullable().optional(),
    from: DaySchema.nullable().optional(),
    to: DaySchema.nullable().optional(),
  })
  .openapi('OwnershipCreate');

export const OwnershipPatchSchema = z
  .strictObject({
    share: Share.nullable().optional(),
    from: DaySchema.nullable().optional(),
    to: DaySchema.nullable().optional(),
  })
  .openapi('OwnershipPatch');

export type PersonView = z.infer<typeof PersonSchema>;
export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export type PersonPatch = z.infer<typeof PersonPatchSchema>;
export type StaffView = z.infer<typeof StaffSchema>;
export type StaffCreate = z.infer<typeof StaffCreateSchema>;
export type StaffPatch = z.infer<typeof StaffPatchSchema>;
export type KinshipView = z.infer<typeof KinshipSchema>;
export type KinshipCreate = z.infer<typeof KinshipCreateSchema>;
export type KinshipPatch = z.infer<typeof KinshipPatchSchema>;
export type OrganizationView = z.infer<typeof OrganizationSchema>;
export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>;
export type OrganizationPatch = z.infer<typeof OrganizationPatchSchema>;
export type AffiliationView = z.infer<typeof AffiliationSchema>;
export type AffiliationCreate = z.infer<typeof AffiliationCreateSchema>;
export type AffiliationPatch = z.infer<typeof AffiliationPatchSchema>;
export type OwnershipView = z.infer<typeof OwnershipSchema>;
export type OwnershipCreate = z.infer<typeof OwnershipCreateSchema>;
export type OwnershipPatch = z.infer<typeof OwnershipPatchSchema>;
