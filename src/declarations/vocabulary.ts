import type { AffiliationRole, OrgKind, Relation, TieSource } from '../db/schema.ts';

// Relations read the other way round; the close-relative set (src/policy) is closed under this.
const INVERSE: Record<Relation, Relation> = {
  spouse: 'spouse',
  parent: 'child',
  child: 'parent',
  sibling: 'sibling',
  grandparent: 'grandchild',
  grandchild: 'grandparent',
  child_spouse: 'spouse_parent',
  spouse_parent: 'child_spouse',
  spouse_sibling: 'sibling_spouse',
  sibling_spouse: 'spouse_sibling',
  other: 'other',
};

/** "B is A's R" read the other way round: A is B's `inverseRelation(R)`. */
export const inverseRelation = (relation: Relation): Relation => INVERSE[relation];

export const FIRE_INDUSTRY_KINDS: ReadonlySet<OrgKind> = new Set<OrgKind>([
  'fire_engineering',
  'technical_service_maintenance',
  'technical_service_assessment',
  'fire_product',
]);

/** The organisations whose ties a declaration reports: fire-industry firms, associations, intermediaries. */
export const DECLARABLE_ORG_KINDS: ReadonlySet<OrgKind> = new Set<OrgKind>([
  ...FIRE_INDUSTRY_KINDS,
  'industry_association',
  'intermediary',
]);

/** A post 任职/兼职 is any role except plain membership (RULES.md). */
const isPost = (role: AffiliationRole) => role !== 'member';

/**
 * Whether omitting this known tie counts towards DECL-UNDECLARED: a post, recorded from a source other than a
 * declaration, in a declarable organisation (the person being the staff member or a recorded close relative).
 */
export const countsForUndeclared = (role: AffiliationRole, source: TieSource, kind: OrgKind) =>
  isPost(role) && source !== 'declaration' && DECLARABLE_ORG_KINDS.has(kind);

/** The first and last day (exclusive) of a declaration year: ties active on any day of it are declarable. */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year + 1).padStart(4, '0')}-01-01` };
}
