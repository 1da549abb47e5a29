import { z } from '@hono/zod-openapi';
import { QUALIFICATION_KINDS } from '../bundle/schema.ts';
import { DaySchema } from '../http/schemas.ts';

export const CertNo = z.string().trim().min(1).max(100).openapi({ example: 'HLJ-ZF-2020-0016' });

export const QualificationSchema = z
  .object({
    certNo: z.string(),
    staffNo: z.string(),
    kind: z.enum(QUALIFICATION_KINDS),
    level: z.string().nullable(),
    issuer: z.string().nullable(),
    passedOn: z.string(),
    expiresOn: z.string().nullable(),
    /** The later certificate of the same kind that took this one's place, if any. */
    renewedBy: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Qualification');

const CertificateFields = {
  certNo: CertNo,
  level: z.string().trim().min(1).max(100).nullable().optional(),
  issuer: z.string().trim().min(1).max(200).nullable().optional(),
  passedOn: DaySchema,
  expiresOn: DaySchema.nullable().optional(),
};

export const NewQualificationSchema = z
  .strictObject({
    staffNo: z.string().trim().min(1).max(100),
    kind: z.enum(QUALIFICATION_KINDS),
    ...CertificateFields,
  })
  .openapi('NewQualification');

/** A renewal is a new certificate for the same holder and kind; the old one stays on record. */
export const RenewalSchema = z.strictObject(CertificateFields).openapi('QualificationRenewal');

/** Corrects what was mistyped on a certificate; the previous version is kept. */
export const QualificationCorrectionSchema = z
  .strictObject({
    level: z.string().trim().min(1).max(100).nullable().optional(),
    issuer: z.string().trim().min(1).max(200).nullable().optional(),
    passedOn: DaySchema.optional(),
    expiresOn: DaySchema.nullable().optional(),
  })
  .openapi('QualificationCorrection');

export const ExpiringSchema = z
  .object({
    asOf: z.string(),
    withinDays: z.number().int(),
    items: z.array(
      QualificationSchema.extend({
        unit: z.string(),
        category: z.string(),
        daysLeft: z.number().int(),
      }),
    ),
  })
  .openapi('ExpiringQualifications');

export const ENFORCEMENT_STATUSES = ['may_enforce', 'may_assist', 'may_not'] as const;
export type EnforcementStatusValue = (typeof ENFORCEMENT_STATUSES)[number];

export const STATUS_REASONS = [
  'not_serving',
  'suspended',
  'no_certificate',
  'expired',
  'not_yet_valid',
  'civilian',
  'auxiliary_only',
] as const;
export type StatusReasonCode = (typeof STATUS_REASONS)[number];

export const EnforcementStatusSchema = z
  .object({
    staffNo: z.string(),
    on: z.string(),
    status: z.enum(ENFORCEMENT_STATUSES),
    /** Counts towards the two officers of two-person enforcement (双人执法). */
    countsTowardsTwo: z.boolean(),
    reasons: z.array(z.object({ code: z.enum(STATUS_REASONS), message: z.string() })),
    /** The certificate that makes them qualified on the day, if any. */
    certificate: z
      .object({
        certNo: z.string(),
        kind: z.enum(QUALIFICATION_KINDS),
        passedOn: z.string(),
        expiresOn: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('EnforcementStatus');

export type Qualification = z.infer<typeof QualificationSchema>;
export type NewQualification = z.infer<typeof NewQualificationSchema>;
export type Renewal = z.infer<typeof RenewalSchema>;
export type QualificationCorrection = z.infer<typeof QualificationCorrectionSchema>;
export type EnforcementStatus = z.infer<typeof EnforcementStatusSchema>;
