import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RuleViolationError, ValidationError, type ProblemItem } from '../errors.ts';
import type { Day } from '../lib/days.ts';
import type { FindingInput } from './finding-schema.ts';
import {
  ACCOUNTABILITY_ARTICLE,
  requiresReferral,
  type FindingType,
  type HandlingMeasure,
  type Responsibility,
  type SanctionMeasure,
} from './vocabulary.ts';

/** A respondent with its staff record resolved. */
export interface ResolvedRespondent {
  staffId: number;
  staffNo: string;
  responsibility: Responsibility;
  departedOn: Day | null;
  handling: { measure: HandlingMeasure; on: Day; note: string | null }[];
  sanctions: { measure: SanctionMeasure; from: Day; note: string | null }[];
}

/** One thing the finding concerns, resolved to its row. */
export type ResolvedSubject =
  | { kind: 'action'; id: number; key: string }
  | { kind: 'flag'; id: string; key: string }
  | { kind: 'declaration'; id: number; key: { staffNo: string; year: number } }
  | { kind: 'rule'; key: string };

export interface ResolvedFinding {
  type: FindingType;
  date: Day;
  narrative: string;
  severe: boolean;
  suspectedCriminal: boolean;
  referral: { on: Day; reference: string; authority: string | null } | null;
  respondents: ResolvedRespondent[];
  subjects: ResolvedSubject[];
}

function duplicates<T>(values: T[], keyOf: (v: T) => string): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  values.forEach((v, i) => {
    const k = keyOf(v);
    if (seen.has(k)) dup.add(i);
    seen.add(k);
  });
  return dup;
}

/**
 * Resolves the natural keys of a finding and checks it is well-formed, reporting every problem at once with
 * its JSON path (400). The rules of (十三) are checked afterwards by `assertFindingRules`.
 */
export async function resolveFindingInput(
  db: Kysely<Database>,
  input: FindingInput,
): Promise<ResolvedFinding> {
  const problems: ProblemItem[] = [];
  const { concerns } = input;

  const staffNos = [
    ...new Set([...input.respondents.map((r) => r.staffNo), ...concerns.declarations.map((d) => d.staffNo)]),
  ];
  const staffRows = staffNos.length
    ? await db
        .selectFrom('staff')
        .select(['id', 'staffNo', 'departedOn'])
        .where('staffNo', 'in', staffNos)
        .execute()
    : [];
  const staffByNo = new Map(staffRows.map((s) => [s.staffNo, s]));

  const respondents: ResolvedRespondent[] = [];
  const dupRespondents = duplicates(input.respondents, (r) => r.staffNo);
  input.respondents.forEach((r, i) => {
    const path = `/respondents/${i}`;
    const staff = staffByNo.get(r.staffNo);
    if (!staff) problems.push({ path: `${path}/staffNo`, message: `no staff member ${r.staffNo}` });
    if (dupRespondents.has(i)) {
      problems.push({
        path: `${path}/staffNo`,
        message: 'listed twice; give each person one responsibility',
      });
    }
    r.handling.forEach((h, j) => {
      if (h.on < input.date) {
        problems.push({
          path: `${path}/handling/${j}/on`,
          message: "must be on or after the finding's date",
        });
      }
    });
    r.sanctions.forEach((s, j) => {
      if (s.from < input.date) {
        problems.push({
          path: `${path}/sanctions/${j}/from`,
          message: "must be on or after the finding's date",
        });
      }
    });
    if (staff) {
      respondents.push({
        staffId: staff.id,
        staffNo: staff.staffNo,
        responsibility: r.responsibility,
        departedOn: staff.departedOn,
        handling: r.handling.map((h) => ({ measure: h.measure, on: h.on, note: h.note ?? null })),
        sanctions: r.sanctions.map((s) => ({ measure: s.measure, from: s.from, note: s.note ?? null })),
      });
    }
  });

  const subjects: ResolvedSubject[] = [];

  const actionRows = concerns.actions.length
    ? await db
        .selectFrom('enforcementAction')
        .select(['id', 'ref'])
        .where('ref', 'in', concerns.actions)
        .execute()
    : [];
  const actionByRef = new Map(actionRows.map((a) => [a.ref, a.id]));
  const dupActions = duplicates(concerns.actions, (a) => a);
  concerns.actions.forEach((ref, i) => {
    const id = actionByRef.get(ref);
    if (id === undefined)
      problems.push({ path: `/concerns/actions/${i}`, message: `no enforcement action ${ref}` });
    else if (dupActions.has(i)) problems.push({ path: `/concerns/actions/${i}`, message: 'listed twice' });
    else subjects.push({ kind: 'action', id, key: ref });
  });

  const flagRows = concerns.flags.length
    ? await db.selectFrom('flag').select('id').where('id', 'in', concerns.flags).execute()
    : [];
  const flagIds = new Set(flagRows.map((f) => f.id));
  const dupFlags = duplicates(concerns.flags, (f) => f.toLowerCase());
  concerns.flags.forEach((id, i) => {
    const found = [...flagIds].find((f) => f.toLowerCase() === id.toLowerCase());
    if (found === undefined) problems.push({ path: `/concerns/flags/${i}`, message: `no flag ${id}` });
    else if (dupFlags.has(i)) problems.push({ path: `/concerns/flags/${i}`, message: 'listed twice' });
    else subjects.push({ kind: 'flag', id: found, key: found });
  });

  const declRows = concerns.declarations.length
    ? await db
        .selectFrom('declaration')
        .innerJoin('staff', 'staff.id', 'declaration.staffId')
        .select(['declaration.id', 'staff.staffNo', 'declaration.year'])
        .where(
          'staff.staffNo',
          'in',
          concerns.declarations.map((d) => d.staffNo),
        )
        .execute()
    : [];
  const declByKey = new Map(declRows.map((d) => [`${d.staffNo}/${d.year}`, d.id]));
  const dupDecls = duplicates(concerns.declarations, (d) => `${d.staffNo}/${d.year}`);
  concerns.declarations.forEach((d, i) => {
    const id = declByKey.get(`${d.staffNo}/${d.year}`);
    if (id === undefined) {
      problems.push({
        path: `/concerns/declarations/${i}`,
        message: `no declaration of ${d.staffNo} for ${d.year}`,
      });
    } else if (dupDecls.has(i))
      problems.push({ path: `/concerns/declarations/${i}`, message: 'listed twice' });
    else subjects.push({ kind: 'declaration', id, key: { staffNo: d.staffNo, year: d.year } });
  });

  const dupRules = duplicates(concerns.rules, (r) => r);
  concerns.rules.forEach((rule, i) => {
    if (dupRules.has(i)) problems.push({ path: `/concerns/rules/${i}`, message: 'listed twice' });
    else subjects.push({ kind: 'rule', key: rule });
  });

  if (input.referral && input.referral.on < input.date) {
    problems.push({ path: '/referral/on', message: "must be on or after the finding's date" });
  }

  if (problems.length > 0) throw new ValidationError(problems);
  return {
    type: input.type,
    date: input.date,
    narrative: input.narrative,
    severe: input.severe,
    suspectedCriminal: input.suspectedCriminal,
    referral: input.referral
      ? {
          on: input.referral.on,
          reference: input.referral.reference,
          authority: input.referral.authority ?? null,
        }
      : null,
    respondents,
    subjects,
  };
}

export const RULE_SUSPENSION = 'ACC-IMPROPER-GAIN-SUSPENSION';
export const RULE_DUAL_INQUIRY = 'ACC-DUAL-INQUIRY';
export const RULE_REFERRAL = 'ACC-REFERRAL';

type Violation = RuleViolationError['violations'][number];

/** The constraints of (十三) on a finding as recorded (and, when `closed`, as closed); 422 naming the article. */
export function assertFindingRules(finding: ResolvedFinding, closed: boolean): void {
  const violations: Violation[] = [];
  const direct = finding.respondents.filter((r) => r.responsibility === 'direct');
  const leadership = finding.respondents.filter((r) => r.responsibility === 'leadership');

  if (finding.type === 'improper_gain' && direct.length === 0) {
    violations.push({
      rule: RULE_SUSPENSION,
      article: ACCOUNTABILITY_ARTICLE,
      message:
        `${ACCOUNTABILITY_ARTICLE} 对利用职权谋取不正当利益的，一律予以停职查办: an improper_gain finding ` +
        'names its direct respondents, who are suspended from its date',
    });
  }
  if (finding.severe && leadership.length === 0) {
    violations.push({
      rule: RULE_DUAL_INQUIRY,
      article: ACCOUNTABILITY_ARTICLE,
      message:
        `${ACCOUNTABILITY_ARTICLE} 对造成恶劣影响或严重后果的，要“一案双查”，除追究直接责任人责任外，一律追究相关领导责任: ` +
        'a severe finding names at least one respondent with leadership responsibility besides the direct ones',
    });
  }
  if (closed && finding.referral === null && requiresReferral(finding.type, finding.suspectedCriminal)) {
    violations.push(referralViolation(finding.type));
  }
  if (violations.length > 0) {
    throw new RuleViolationError(violations.map((v) => v.message).join('; '), violations);
  }
}

export function referralViolation(type: FindingType): Violation {
  return {
    rule: RULE_REFERRAL,
    article: ACCOUNTABILITY_ARTICLE,
    message:
      `${ACCOUNTABILITY_ARTICLE} 涉嫌贪污贿赂、失职渎职犯罪的，移交监察机关立案调查: a ${type} finding is closed ` +
      'only with its referral to the supervisory commission (date and reference)',
  };
}
