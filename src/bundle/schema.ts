import { z } from '@hono/zod-openapi';
import { isDay } from '../lib/days.ts';

// The `coi-bundle/1` import format (shared/spec/BUNDLE.md). Strict objects: an unknown field is an error.

const Day = z.string().refine(isDay, { message: 'must be a calendar day YYYY-MM-DD' });
const Key = z.string().trim().min(1).max(100);
const Region = z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative division code');
const Share = z.number().gt(0).lte(100);

export const STAFF_CATEGORIES = [
  'leader_cadre',
  'enforcement_cadre',
  'cadre',
  'firefighter',
  'civilian',
] as const;
export const DEPARTURE_KINDS = ['resigned', 'retired', 'dismissed', 'transferred'] as const;
export const RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'child_spouse',
  'spouse_parent',
  'spouse_sibling',
  'sibling_spouse',
  'other',
] as const;
export const ORG_KINDS = [
  'fire_engineering',
  'technical_service_maintenance',
  'technical_service_assessment',
  'fire_product',
  'industry_association',
  'intermediary',
  'public_venue',
  'other',
] as const;
export const FIRE_INDUSTRY_KINDS = [
  'fire_engineering',
  'technical_service_maintenance',
  'technical_service_assessment',
  'fire_product',
] as const;
export const ROLES_IN_ORG = [
  'owner',
  'shareholder',
  'partner',
  'legal_representative',
  'director',
  'executive',
  'employee',
  'consultant',
  'member',
] as const;
export const OPERATING_ROLES = [
  'owner',
  'shareholder',
  'partner',
  'legal_representative',
  'director',
  'executive',
] as const;
export const OWNING_ROLES = ['owner', 'shareholder', 'partner'] as const;
export const TIE_SOURCES = ['registry', 'declaration', 'investigation', 'hr'] as const;
export const POST_KINDS = ['enforcement', 'leadership', 'administrative', 'rescue'] as const;
export const QUALIFICATION_KINDS = ['enforcement', 'auxiliary'] as const;
export const ACTION_KINDS = ['inspection', 'penalty', 'approval', 'investigation'] as const;

export const BundlePerson = z.strictObject({
  ref: Key,
  name: z.string().trim().min(1).max(100),
  idNumber: z.string().nullable().optional(),
});

export const BundleStaff = z.strictObject({
  staffNo: Key,
  person: Key,
  category: z.enum(STAFF_CATEGORIES),
  unit: z.string().trim().min(1).max(200),
  jurisdiction: Region,
  hiredOn: Day,
  departedOn: Day.nullable().optional(),
  departureKind: z.enum(DEPARTURE_KINDS).nullable().optional(),
});

export const BundleKinship = z.strictObject({
  person: Key,
  relative: Key,
  relation: z.enum(RELATIONS),
});

export const BundleOrganization = z.strictObject({
  creditCode: z.string(),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ORG_KINDS),
  region: Region,
});

export const BundleAffiliation = z.strictObject({
  person: Key,
  org: z.string(),
  role: z.enum(ROLES_IN_ORG),
  share: Share.nullable().optional(),
  paid: z.boolean().optional(),
  from: Day.nullable().optional(),
  to: Day.nullable().optional(),
  source: z.enum(TIE_SOURCES),
});

export const BundleOwnership = z.strictObject({
  owner: z.string(),
  org: z.string(),
  share: Share.nullable().optional(),
  from: Day.nullable().optional(),
  to: Day.nullable().optional(),
});

export const BundlePost = z.strictObject({
  code: Key,
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(200),
  kind: z.enum(POST_KINDS),
  rotationYears: z.number().int().positive().max(50).nullable().optional(),
});

export const BundleAssignment = z.strictObject({
  staffNo: Key,
  post: Key,
  from: Day,
  to: Day.nullable().optional(),
});

export const BundleQualification = z.strictObject({
  staffNo: Key,
  kind: z.enum(QUALIFICATION_KINDS),
  certNo: Key,
  level: z.string().max(100).nullable().optional(),
  issuer: z.string().max(200).nullable().optional(),
  passedOn: Day,
  expiresOn: Day.nullable().optional(),
});

export const BundleSuspension = z.strictObject({
  staffNo: Key,
  from: Day,
  to: Day.nullable().optional(),
  reason: z.string().trim().min(1).max(1000),
});

export const BundleAction = z.strictObject({
  ref: Key,
  kind: z.enum(ACTION_KINDS),
  org: z.string(),
  on: Day,
  officers: z.array(Key).min(1).max(50),
});

export const BundleEngagement = z.strictObject({
  client: z.string(),
  contractor: z.string(),
  on: Day,
});

export const BundleDesignation = z.strictObject({
  staffNo: Key,
  org: z.string(),
  on: Day,
  source: z.string().trim().min(1).max(200),
  note: z.string().max(2000).nullable().optional(),
});

export const BundleCampaign = z.strictObject({
  year: z.number().int().min(1949).max(9999),
  dueOn: Day,
});

export const BundleDeclarationItem = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('relative'), person: Key, relation: z.enum(RELATIONS) }),
  z.strictObject({
    type: z.literal('affiliation'),
    person: Key,
    org: z.string(),
    role: z.enum(ROLES_IN_ORG),
  }),
]);

export const BundleDeclaration = z.strictObject({
  staffNo: Key,
  year: z.number().int().min(1949).max(9999),
  submittedOn: Day.nullable().optional(),
  items: z.array(BundleDeclarationItem).max(500),
});

export const BundleSchema = z
  .strictObject({
    format: z.literal('coi-bundle/1'),
    people: z.array(BundlePerson).optional(),
    staff: z.array(BundleStaff).optional(),
    kinship: z.array(BundleKinship).optional(),
    organizations: z.array(BundleOrganization).optional(),
    affiliations: z.array(BundleAffiliation).optional(),
    ownerships: z.array(BundleOwnership).optional(),
    posts: z.array(BundlePost).optional(),
    assignments: z.array(BundleAssignment).optional(),
    qualifications: z.array(BundleQualification).optional(),
    suspensions: z.array(BundleSuspension).optional(),
    enforcementActions: z.array(BundleAction).optional(),
    engagements: z.array(BundleEngagement).optional(),
    designations: z.array(BundleDesignation).optional(),
    campaigns: z.array(BundleCampaign).optional(),
    declarations: z.array(BundleDeclaration).optional(),
  })
  .openapi('Bundle');

export type Bundle = z.infer<typeof BundleSchema>;
export type BundleKind = Exclude<keyof Bundle, 'format'>;
export const BUNDLE_KINDS: BundleKind[] = [
  'people',
  'staff',
  'kinship',
  'organizations',
  'affiliations',
  'ownerships',
  'posts',
  'assignments',
  'qualifications',
  'suspensions',
  'enforcementActions',
  'engagements',
  'designations',
  'campaigns',
  'declarations',
];
