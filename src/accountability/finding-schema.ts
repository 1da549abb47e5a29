import { z } from '@hono/zod-openapi';
import { DaySchema } from '../http/schemas.ts';
import {
  FINDING_STATUSES,
  FINDING_TYPES,
  HANDLING_MEASURES,
  RESPONSIBILITIES,
  SANCTION_MEASURES,
  SCREENING_RULES,
} from './vocabulary.ts';

// Request and response shapes of findings. Everything refers to other records by natural keys.

const Key = z.string().trim().min(1).max(100);
const Note = z.string().trim().max(2000).nullable().optional();

export const HandlingInput = z.strictObject({
  measure: z.enum(HANDLING_MEASURES).openapi({ description: '组织处理' }),
  on: DaySchema,
  note: Note,
});

export const SanctionInput = z.strictObject({
  measure: z.enum(SANCTION_MEASURES).openapi({ description: '政务处分' }),
  from: DaySchema.openapi({ description: 'First day in effect; the end day follows from policy' }),
  note: Note,
});

export const RespondentInput = z.strictObject({
  staffNo: Key,
  responsibility: z
    .enum(RESPONSIBILITIES)
    .openapi({ description: '`direct` 直接责任 or `leadership` 领导责任' }),
  handling: z.array(HandlingInput).max(20).default([]),
  sanctions: z.array(SanctionInput).max(20).default([]),
});

export const DeclarationKey = z.strictObject({ staffNo: Key, year: z.number().int().min(1949).max(9999) });

export const ConcernsInput = z.strictObject({
  actions: z.array(Key).max(500).default([]).openapi({ description: 'Enforcement action refs, of any age' }),
  flags: z.array(z.uuid()).max(500).default([]),
  declarations: z.array(DeclarationKey).max(500).default([]),
  rules: z.array(z.enum(SCREENING_RULES)).max(20).default([]),
});

export const ReferralInput = z.strictObject({
  on: DaySchema,
  reference: z.string().trim().min(1).max(200),
  authority: z.string().trim().min(1).max(200).nullable().optional(),
});

const findingFields = {
  type: z.enum(FINDING_TYPES),
  date: DaySchema,
  narrative: z.string().trim().min(1).max(20_000),
  severe: z.boolean().default(false).openapi({ description: '造成恶劣影响或严重后果 (needs 一案双查)' }),
  suspectedCriminal: z.boolean().default(false),
  concerns: ConcernsInput.default({ actions: [], flags: [], declarations: [], rules: [] }),
  respondents: z.array(RespondentInput).max(200).default([]),
  referral: ReferralInput.nullable().optional(),
};

export const FindingInputSchema = z.strictObject(findingFields).openapi('FindingInput');
export type FindingInput = z.infer<typeof FindingInputSchema>;

export const FindingRevisionSchema = z
  .strictObject({ ...findingFields, reason: z.string().trim().min(1).max(2000) })
  .openapi('FindingRevision');
export type FindingRevision = z.infer<typeof FindingRevisionSchema>;

export const FindingCloseSchema = z
  .strictObject({
    closedOn: DaySchema.optional().openapi({ description: 'Default: today in Asia/Shanghai' }),
    referral: ReferralInput.optional(),
  })
  .openapi('FindingClose');
export type FindingClose = z.infer<typeof FindingCloseSchema>;

const Referral = z.object({ on: z.string(), reference: z.string(), authority: z.string().nullable() });

export const SanctionRecordSchema = z.object({
  measure: z.enum(SANCTION_MEASURES),
  from: z.string(),
  months: z.number().int().nullable().openapi({ description: 'Policy value used; null: no end (开除)' }),
  until: z.string().nullable().openapi({ description: 'End day, exclusive: not in effect on it' }),
  note: z.string().nullable(),
});

export const FindingSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    type: z.enum(FINDING_TYPES),
    date: z.string(),
    narrative: z.string(),
    severe: z.boolean(),
    suspectedCriminal: z.boolean(),
    status: z.enum(FINDING_STATUSES),
    closedOn: z.string().nullable(),
    referral: Referral.nullable(),
    concerns: z.object({
      actions: z.array(z.string()),
      flags: z.array(z.string()),
      declarations: z.array(z.object({ staffNo: z.string(), year: z.number().int() })),
      rules: z.array(z.string()),
    }),
    respondents: z.array(
      z.object({
        staffNo: z.string(),
        responsibility: z.enum(RESPONSIBILITIES),
        handling: z.array(
          z.object({ measure: z.enum(HANDLING_MEASURES), on: z.string(), note: z.string().nullable() }),
        ),
        sanctions: z.array(SanctionRecordSchema),
      }),
    ),
    suspensions: z
      .array(z.object({ staffNo: z.string(), from: z.string() }))
      .openapi({ description: '停职查办 of the direct respondents of an improper_gain finding' }),
    recordedAt: z.string(),
    recordedBy: z.string(),
  })
  .openapi('Finding');
export type Finding = z.infer<typeof FindingSchema>;

export const FindingVersionSchema = z
  .object({
    version: z.number().int(),
    recordedAt: z.string(),
    recordedBy: z.string(),
    reason: z.string().nullable(),
    finding: FindingSchema,
  })
  .openapi('FindingVersion');
