import { z } from '@hono/zod-openapi';
import { RULE_IDS } from '../graph/rules/types.ts';
import { DaySchema } from '../http/schemas.ts';

export const FLAG_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export const SEVERITIES = ['violation', 'risk'] as const;

export const CitationSchema = z.object({ article: z.string(), text: z.string() }).openapi('Citation', {
  example: { article: '（十二）', text: '现职消防人员一律不得在消防行业协会、中介机构兼职（任职）' },
});

export const EvidenceSchema = z
  .object({
    asOf: DaySchema,
    paths: z.array(z.array(z.record(z.string(), z.unknown()))),
    facts: z.array(z.record(z.string(), z.unknown())),
    policy: z.record(z.string(), z.unknown()),
  })
  .openapi('Evidence');

export const DecisionSchema = z
  .object({
    decision: z.enum(['confirmed', 'dismissed']),
    reason: z.string().nullable(),
    by: z.string().nullable(),
    at: z.string().nullable(),
  })
  .openapi('FlagDecision');

export const FlagSchema = z
  .object({
    id: z.uuid(),
    rule: z.enum(RULE_IDS),
    severity: z.enum(SEVERITIES),
    status: z.enum(FLAG_STATUSES),
    staffNo: z.string().nullable(),
    org: z.string().nullable(),
    action: z.string().nullable(),
    post: z.string().nullable(),
    year: z.number().int().nullable(),
    citation: CitationSchema,
    evidence: EvidenceSchema,
    firstSeenIn: z.uuid(),
    lastSeenIn: z.uuid(),
    resolvedIn: z.uuid().nullable(),
    decision: DecisionSchema.nullable(),
  })
  .openapi('Flag');

export const FlagEventSchema = z
  .object({
    fromStatus: z.enum(FLAG_STATUSES).nullable(),
    toStatus: z.enum(FLAG_STATUSES),
    screeningId: z.uuid().nullable(),
    actor: z.string(),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .openapi('FlagEvent');

export const FlagDetailSchema = FlagSchema.extend({ history: z.array(FlagEventSchema) }).openapi(
  'FlagDetail',
);

export const ScreeningSchema = z
  .object({
    id: z.uuid(),
    asOf: DaySchema,
    policyVersion: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    raised: z.number().int(),
    resolved: z.number().int(),
    reopened: z.number().int(),
    durationMs: z.number().int(),
  })
  .openapi('Screening');

export const ScreeningRequestSchema = z
  .strictObject({ asOf: DaySchema.optional() })
  .openapi('ScreeningRequest');

export const DecisionRequestSchema = z
  .strictObject({
    decision: z.enum(['confirmed', 'dismissed']),
    reason: z.string().trim().min(1, 'give the reason for the decision').max(4000),
  })
  .openapi('FlagDecisionRequest');

export type FlagView = z.infer<typeof FlagSchema>;
export type FlagDetail = z.infer<typeof FlagDetailSchema>;
export type ScreeningView = z.infer<typeof ScreeningSchema>;
