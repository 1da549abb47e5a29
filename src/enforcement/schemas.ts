import { z } from '@hono/zod-openapi';
import { ACTION_KINDS } from '../bundle/schema.ts';
import { DaySchema } from '../http/schemas.ts';
import { EnforcementStatusSchema } from '../qualifications/schemas.ts';

const StaffNo = z.string().trim().min(1).max(100);
export const ActionRef = z.string().trim().min(1).max(100).openapi({ example: 'A10' });

const Team = {
  kind: z.enum(ACTION_KINDS),
  org: z
    .string()
    .trim()
    .min(1)
    .max(18)
    .openapi({ description: 'Credit code of the organisation acted upon' }),
  on: DaySchema,
  officers: z.array(StaffNo).min(1).max(50),
};

export const ActionCheckRequestSchema = z
  .strictObject({ ref: ActionRef.optional(), ...Team })
  .openapi('ActionCheckRequest');

export const NewActionSchema = z
  .strictObject({
    ref: ActionRef,
    ...Team,
    /** Lets a failing check through: admin or discipline only, with a reason; audited, and still flagged. */
    override: z.strictObject({ reason: z.string().trim().min(5).max(2000) }).optional(),
  })
  .openapi('NewEnforcementAction');

export const ViolationSchema = z
  .object({
    rule: z.enum(['ENF-TWO-PERSON', 'ENF-UNQUALIFIED', 'ENF-RECUSAL']),
    article: z.string(),
    citation: z.string(),
    staffNo: z.string().nullable(),
    message: z.string(),
    /** The graph paths and facts the screening rule found (the same evidence a flag would carry). */
    evidence: z.record(z.string(), z.unknown()),
  })
  .openapi('EnforcementViolation');

export const CheckResultSchema = z
  .object({
    ok: z.boolean(),
    action: z.object({
      ref: z.string().nullable(),
      kind: z.enum(ACTION_KINDS),
      org: z.string(),
      orgName: z.string(),
      on: z.string(),
      officers: z.array(z.string()),
    }),
    qualifiedOfficers: z.number().int(),
    participants: z.array(EnforcementStatusSchema),
    violations: z.array(ViolationSchema),
    policy: z.record(z.string(), z.unknown()),
  })
  .openapi('EnforcementCheck');

export const OverrideSchema = z
  .object({
    reason: z.string(),
    authorisedBy: z.string(),
    authorisedRoles: z.array(z.string()),
    at: z.string(),
    violations: z.array(z.unknown()),
  })
  .openapi('EnforcementOverride');

export const ActionSchema = z
  .object({
    ref: z.string(),
    kind: z.enum(ACTION_KINDS),
    org: z.string(),
    orgName: z.string(),
    on: z.string(),
    officers: z.array(z.string()),
    overrides: z.array(OverrideSchema),
    version: z.number().int(),
  })
  .openapi('EnforcementAction');

export const RecordedActionSchema = z
  .object({ action: ActionSchema, check: CheckResultSchema })
  .openapi('RecordedEnforcementAction');

export type ActionCheckRequest = z.infer<typeof ActionCheckRequestSchema>;
export type NewAction = z.infer<typeof NewActionSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type Violation = z.infer<typeof ViolationSchema>;
export type EnforcementActionView = z.infer<typeof ActionSchema>;
