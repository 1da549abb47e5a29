import { z } from '@hono/zod-openapi';
import { ORG_KINDS, RELATIONS, ROLES_IN_ORG, STAFF_CATEGORIES, TIE_SOURCES } from '../bundle/schema.ts';
import { DaySchema } from '../http/schemas.ts';
import { ItemSchema, ItemsSchema } from './items.ts';
import { STANDINGS } from './standing.ts';

// Request and response shapes of campaigns, declarations, reviews and reminders (OpenAPI from the same schemas).

const StaffNo = z.string().trim().min(1).max(100);
const Year = z.number().int().min(1949).max(9999);

export const YearParam = z.object({
  year: z.coerce.number().int().min(1949).max(9999).openapi({ example: 2025 }),
});
export const DeclarationParams = z.object({
  staffNo: StaffNo.openapi({ example: 'S001' }),
  year: z.coerce.number().int().min(1949).max(9999).openapi({ example: 2025 }),
});

export const PopulationSchema = z
  .union([
    z.strictObject({ servingOn: DaySchema }).openapi({ description: 'Everyone serving on that day' }),
    z
      .strictObject({ staffNos: z.array(StaffNo).min(1).max(100_000) })
      .openapi({ description: 'Exactly these staff' }),
  ])
  .openapi('CampaignPopulation');

export const OpenCampaignSchema = z
  .strictObject({
    year: Year,
    dueOn: DaySchema.optional().openapi({ description: 'Default: 31 January of the next year' }),
    population: PopulationSchema.optional().openapi({
      description: 'Default: everyone serving on 31 December of the year',
    }),
  })
  .openapi('CampaignOpen');

export const CampaignSchema = z
  .object({
    year: Year,
    dueOn: DaySchema,
    population: PopulationSchema,
    defaultPopulation: z.boolean(),
    openedBy: z.string().nullable(),
    openedOn: DaySchema.nullable(),
    version: z.number().int(),
  })
  .openapi('Campaign');

export const MyCampaignSchema = CampaignSchema.extend({
  mine: z.object({
    standing: z.enum(STANDINGS),
    daysLeft: z.number().int().nullable(),
    daysOverdue: z.number().int().nullable(),
    daysLate: z.number().int().nullable(),
    submittedOn: DaySchema.nullable(),
    amendedOn: DaySchema.nullable(),
    version: z.number().int().nullable(),
    review: z.enum(['pending', 'accepted', 'returned']).nullable(),
    reviewComment: z.string().nullable(),
    draft: z.object({ state: z.enum(['open', 'submitted']), version: z.number().int() }).nullable(),
    reminders: z.array(
      z.object({
        sentOn: DaySchema,
        standing: z.string(),
        daysLeft: z.number().int(),
        note: z.string().nullable(),
      }),
    ),
  }),
}).openapi('MyCampaign');

const Counts = {
  population: z.number().int(),
  submitted: z.number().int().openapi({ description: 'Submitted on or before the due date' }),
  submittedLate: z.number().int(),
  overdue: z.number().int().openapi({ description: 'Not submitted, past the due date' }),
  inTime: z.number().int().openapi({ description: 'Not submitted, still before the due date' }),
  late: z.number().int().openapi({ description: 'submittedLate + overdue' }),
};

export const ProgressSchema = z
  .object({
    campaign: CampaignSchema,
    asOf: DaySchema,
    totals: z.object(Counts),
    byUnit: z.array(z.object({ unit: z.string(), ...Counts })),
  })
  .openapi('CampaignProgress');

export const MemberStandingSchema = z
  .object({
    staffNo: z.string(),
    name: z.string(),
    unit: z.string(),
    category: z.enum(STAFF_CATEGORIES),
    standing: z.enum(STANDINGS),
    dueOn: DaySchema,
    submittedOn: DaySchema.nullable(),
    amendedOn: DaySchema.nullable(),
    daysLeft: z.number().int().nullable(),
    daysOverdue: z.number().int().nullable(),
    daysLate: z.number().int().nullable(),
    lastRemindedOn: DaySchema.nullable(),
    reminders: z.number().int(),
  })
  .openapi('CampaignMember');

const StoredItemSchema = z
  .union([
    z.object({ type: z.literal('relative'), person: z.string(), relation: z.enum(RELATIONS) }),
    z.object({
      type: z.literal('affiliation'),
      person: z.string(),
      org: z.string(),
      role: z.enum(ROLES_IN_ORG),
      from: DaySchema.nullable().optional(),
      to: DaySchema.nullable().optional(),
      share: z.number().nullable().optional(),
      paid: z.boolean().optional(),
      orgName: z.string().optional(),
      orgKind: z.enum(ORG_KINDS).optional(),
      orgRegion: z.string().optional(),
    }),
  ])
  .openapi('DeclarationItem');

export const ReviewSchema = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    decision: z.enum(['accepted', 'returned']),
    comment: z.string().nullable(),
    reviewedBy: z.string(),
    reviewedOn: DaySchema,
    reviewedAt: z.string(),
    recorded: z.array(z.unknown()),
  })
  .openapi('DeclarationReviewDecision');

export const DeclarationSchema = z
  .object({
    staffNo: z.string(),
    year: Year,
    version: z.number().int(),
    submittedOn: DaySchema.openapi({ description: 'The first submission; amendments keep it' }),
    amendedOn: DaySchema.nullable().openapi({
      description: 'The day this version was submitted, if an amendment',
    }),
    amendmentReason: z.string().nullable(),
    nothingToReport: z.boolean(),
    submittedBy: z.string().nullable(),
    items: z.array(StoredItemSchema),
    dueOn: DaySchema.nullable(),
    onTime: z.boolean().nullable(),
    review: z.object({
      status: z.enum(['pending', 'accepted', 'returned']),
      decision: ReviewSchema.nullable(),
    }),
  })
  .openapi('Declaration');

export const DeclarationVersionsSchema = z
  .object({
    staffNo: z.string(),
    year: Year,
    items: z.array(
      z.object({
        version: z.number().int(),
        submittedOn: DaySchema,
        amendedOn: DaySchema.nullable(),
        amendmentReason: z.string().nullable(),
        nothingToReport: z.boolean(),
        submittedBy: z.string().nullable(),
        items: z.array(StoredItemSchema),
        replacedAt: z.string().nullable(),
        review: ReviewSchema.nullable(),
      }),
    ),
  })
  .openapi('DeclarationVersions');

export const DeclarationSummarySchema = z
  .object({
    staffNo: z.string(),
    name: z.string(),
    unit: z.string(),
    year: Year,
    version: z.number().int(),
    submittedOn: DaySchema,
    amendedOn: DaySchema.nullable(),
    nothingToReport: z.boolean(),
    itemCount: z.number().int(),
    review: z.enum(['pending', 'accepted', 'returned']),
  })
  .openapi('DeclarationSummary');

const KnownRelativeSchema = z.object({
  person: z.string(),
  name: z.string(),
  relation: z.enum(RELATIONS),
  close: z.boolean(),
  kinship: z.object({
    id: z.number().int(),
    person: z.string(),
    relative: z.string(),
    relation: z.enum(RELATIONS),
  }),
});

const KnownTieSchema = z.object({
  person: z.string(),
  personName: z.string(),
  relation: z.union([z.literal('self'), z.enum(RELATIONS)]),
  org: z.string(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  role: z.enum(ROLES_IN_ORG),
  from: DaySchema.nullable(),
  to: DaySchema.nullable(),
  share: z.number().nullable(),
  paid: z.boolean(),
  source: z.enum(TIE_SOURCES),
  affiliation: z.number().int(),
  countsForUndeclared: z.boolean(),
});

export const PrefillSchema = z
  .object({
    staffNo: z.string(),
    year: Year,
    self: z.object({ person: z.string(), name: z.string() }),
    closeRelatives: z
      .array(z.enum(RELATIONS))
      .openapi({ description: 'The close-relative set used (policy)' }),
    policyVersion: z.number().int(),
    relatives: z.array(KnownRelativeSchema),
    ties: z.array(KnownTieSchema),
    items: z.array(ItemSchema).openapi({ description: 'Ready to confirm, correct or extend, then submit' }),
  })
  .openapi('DeclarationPrefill');

export const DraftSchema = z
  .object({
    staffNo: z.string(),
    year: Year,
    state: z.enum(['open', 'submitted']),
    basedOnVersion: z.number().int().nullable(),
    submittedVersion: z.number().int().nullable(),
    items: z.array(ItemSchema),
    nothingToReport: z.boolean().nullable(),
    amendmentReason: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('DeclarationDraft');

export const DraftBodySchema = z
  .strictObject({
    items: ItemsSchema,
    nothingToReport: z.boolean().nullable().optional(),
    amendmentReason: z.string().max(2000).nullable().optional(),
  })
  .openapi('DeclarationDraftSave');

export const SubmissionBodySchema = z
  .strictObject({
    items: ItemsSchema,
    nothingToReport: z.boolean().openapi({
      description: 'Required: true exactly when no tie is declared (an explicit "nothing to report")',
    }),
    amendmentReason: z.string().trim().min(1).max(2000).optional().openapi({
      description: 'Required to amend a submitted declaration; not allowed on the first submission',
    }),
  })
  .openapi('DeclarationSubmission');

const MarkSchema = z.enum(['matches', 'differs', 'missing', 'new']);

export const ReviewViewSchema = z
  .object({
    declaration: DeclarationSchema,
    self: z.object({ person: z.string(), name: z.string() }),
    relatives: z.array(
      z.object({
        person: z.string(),
        name: z.string().nullable(),
        declared: z.enum(RELATIONS).nullable(),
        known: z.enum(RELATIONS).nullable(),
        close: z.boolean(),
        kinship: z.number().int().nullable(),
        mark: MarkSchema,
        label: z.string().openapi({ description: '一致 / 不一致 / 未报 / 新报' }),
      }),
    ),
    ties: z.array(
      z.object({
        person: z.string(),
        personName: z.string().nullable(),
        relation: z.union([z.literal('self'), z.enum(RELATIONS)]).nullable(),
        org: z.string(),
        orgName: z.string().nullable(),
        orgKind: z.enum(ORG_KINDS).nullable(),
        declared: z.array(
          z.object({ role: z.enum(ROLES_IN_ORG), from: DaySchema.nullable(), to: DaySchema.nullable() }),
        ),
        known: z.array(
          z.object({
            role: z.enum(ROLES_IN_ORG),
            from: DaySchema.nullable(),
            to: DaySchema.nullable(),
            source: z.enum(TIE_SOURCES),
            affiliation: z.number().int(),
          }),
        ),
        mark: MarkSchema,
        label: z.string(),
        countsForUndeclared: z.boolean(),
        flag: z.object({ id: z.string(), status: z.string() }).nullable(),
      }),
    ),
    summary: z.object({
      missing: z.number().int(),
      differs: z.number().int(),
      new: z.number().int(),
      matches: z.number().int(),
    }),
    flags: z.array(
      z.object({
        id: z.string(),
        rule: z.string(),
        status: z.string(),
        org: z.string().nullable(),
        year: z.number().int().nullable(),
        href: z.string(),
      }),
    ),
    reviews: z.array(ReviewSchema),
  })
  .openapi('DeclarationReview');

export const DecisionBodySchema = z
  .strictObject({
    decision: z.enum(['accepted', 'returned']),
    comment: z
      .string()
      .max(4000)
      .optional()
      .openapi({ description: 'Required when returning for correction' }),
  })
  .openapi('DeclarationDecision');

const RecordedSchema = z.object({
  kind: z.enum(['organization', 'affiliation', 'kinship']),
  id: z.number().int(),
  key: z.record(z.string(), z.string().nullable()),
  item: z.string(),
});

export const DecisionResultSchema = z
  .object({
    review: ReviewSchema,
    recorded: z.array(RecordedSchema),
    alreadyRecorded: z.array(z.object({ item: z.string(), kind: z.string(), id: z.number().int() })),
  })
  .openapi('DeclarationDecisionResult');
