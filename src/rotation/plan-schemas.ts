import { z } from '@hono/zod-openapi';
import { POST_KINDS } from '../bundle/schema.ts';
import { DaySchema } from '../http/schemas.ts';
import { CONSTRAINTS, type ConstraintId } from './plan-model.ts';

const CONSTRAINT_IDS = Object.keys(CONSTRAINTS) as [ConstraintId, ...ConstraintId[]];

export const DEFAULT_MAX_UNIT_SHARE = 0.3;
export const DEFAULT_HORIZON_DAYS = 90;

export const PlanRequestSchema = z
  .strictObject({
    asOf: DaySchema.optional().openapi({ description: 'The day the moves take effect; default today' }),
    horizonDays: z.number().int().min(0).max(3660).default(DEFAULT_HORIZON_DAYS),
    maxUnitShare: z.number().gt(0).max(1).multipleOf(0.0001).default(DEFAULT_MAX_UNIT_SHARE).openapi({
      description: 'The most of a unit\u2019s staff moved out at once (at least one move per unit)',
    }),
  })
  .openapi('RotationPlanRequest');

const CheckSchema = z.object({ constraint: z.enum(CONSTRAINT_IDS), passed: z.boolean(), detail: z.string() });

export const ExplanationSchema = z
  .object({
    checks: z.array(CheckSchema),
    why: z.array(z.string()),
    candidates: z.object({
      considered: z.number().int(),
      feasible: z.number().int(),
      excludedBy: z.record(z.string(), z.number().int()),
    }),
    blockedBy: z.object({ constraint: z.enum(CONSTRAINT_IDS), detail: z.string() }).nullable(),
  })
  .openapi('RotationMoveExplanation');

export const PlanMoveSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    staffNo: z.string(),
    name: z.string(),
    fromPost: z.string(),
    fromUnit: z.string(),
    since: z.string(),
    dueOn: z.string(),
    dueStatus: z.enum(['overdue', 'due']),
    toPost: z.string().nullable(),
    toUnit: z.string().nullable(),
    toJurisdiction: z.string().nullable(),
    status: z.enum(['proposed', 'infeasible', 'edited', 'dropped', 'applied']),
    explanation: ExplanationSchema,
    note: z.string().nullable(),
    openedAssignmentId: z.number().int().nullable(),
    version: z.number().int(),
  })
  .openapi('RotationPlanMove');

export const UnitSummarySchema = z.object({
  unit: z.string(),
  headcount: z.number().int(),
  maxMovesOut: z.number().int(),
  movesOut: z.number().int(),
  movesIn: z.number().int(),
  enforcementUnit: z.boolean(),
  officersBefore: z.number().int(),
  officersAfter: z.number().int(),
});

export const PlanSchema = z
  .object({
    id: z.number().int(),
    asOf: z.string(),
    horizonDays: z.number().int(),
    maxUnitShare: z.number(),
    status: z.enum(['proposed', 'accepted']),
    createdBy: z.string(),
    createdAt: z.string(),
    acceptedBy: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    summary: z.object({
      counts: z.object({
        due: z.number().int(),
        overdue: z.number().int(),
        proposed: z.number().int(),
        infeasible: z.number().int(),
      }),
      blockedBy: z.record(z.string(), z.number().int()),
      units: z.array(UnitSummarySchema),
      constraints: z.record(z.string(), z.string()),
      policy: z.record(z.string(), z.unknown()),
      durationMs: z.object({ load: z.number(), plan: z.number() }),
    }),
    version: z.number().int(),
  })
  .openapi('RotationPlan');

export const MoveEditSchema = z
  .strictObject({
    toPost: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .openapi({ description: 'Another post for this person, or null to drop the move from the plan' }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .openapi('RotationMoveEdit');

export const DueRowSchema = z.object({
  staffNo: z.string(),
  name: z.string(),
  post: z.string(),
  postName: z.string(),
  unit: z.string(),
  postKind: z.enum(POST_KINDS),
  since: z.string(),
  dueOn: z.string(),
  status: z.enum(['overdue', 'due']),
});

const Tally = { overdue: z.number().int(), due: z.number().int(), total: z.number().int() };

export const DueSummarySchema = z
  .object({
    asOf: z.string(),
    withinDays: z.number().int(),
    ...Tally,
    byUnit: z.array(z.object({ unit: z.string(), ...Tally })),
    byPostKind: z.array(z.object({ postKind: z.enum(POST_KINDS), ...Tally })),
  })
  .openapi('RotationDueSummary');

export type PlanRequest = z.infer<typeof PlanRequestSchema>;
export type PlanView = z.infer<typeof PlanSchema>;
export type PlanMoveView = z.infer<typeof PlanMoveSchema>;
export type MoveEdit = z.infer<typeof MoveEditSchema>;
export type DueRow = z.infer<typeof DueRowSchema>;
export type DueSummary = z.infer<typeof DueSummarySchema>;
