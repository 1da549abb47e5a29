/** The screening rules of RULES.md, in the order the spec lists them. */
export const RULE_IDS = [
  'COI-DESIGNATE',
  'COI-DESIGNATE-COVERT',
  'COI-RELATIVE-BUSINESS',
  'COI-OUTSIDE-POST',
  'COI-RETIREE-ASSOCIATION',
  'COI-REVOLVING-DOOR',
  'DECL-LATE',
  'DECL-UNDECLARED',
  'ENF-TWO-PERSON',
  'ENF-UNQUALIFIED',
  'ENF-RECUSAL',
  'ROT-OVERDUE',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
