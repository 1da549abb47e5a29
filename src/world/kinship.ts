import type { RecordOf } from './types.ts';

type Relation = RecordOf<'kinship'>['relation'];

/** 近亲属 as RULES.md sets it by default (民法典 §1045). */
export const CLOSE_RELATIONS_DEFAULT: ReadonlySet<Relation> = new Set<Relation>([
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
]);
