import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ValidationError, type ProblemItem } from '../errors.ts';
import { evaluateRules } from '../graph/rules/index.ts';
import { enfRecusal } from '../graph/rules/enf-recusal.ts';
import { enfTwoPerson } from '../graph/rules/enf-two-person.ts';
import { enfUnqualified } from '../graph/rules/enf-unqualified.ts';
import type { FlagCandidate } from '../graph/rules/types.ts';
import type { Hop } from '../graph/walk.ts';
import type { Policy } from '../policy/values.ts';
import { enforcementStatusOf } from '../qualifications/status.ts';
import type { ActionCheckRequest, CheckResult, Violation } from './schemas.ts';
import { loadWorldAround } from './world-around.ts';

const ENF_RULES = [enfTwoPerson, enfUnqualified, enfRecusal] as const;

// The ref a team under consideration goes by in the what-if world when the client gave none.
const PROPOSED_REF = '(proposed)';

/** The natural keys of a proposed action resolved to rows; every unknown key reported at once. */
export async function resolveTeam(db: Kysely<Database>, req: Pick<ActionCheckRequest, 'org' | 'officers'>) {
  const problems: ProblemItem[] = [];
  const org = await db
    .selectFrom('organization')
    .select(['id', 'creditCode', 'name'])
    .where('creditCode', '=', req.org)
    .executeTakeFirst();
  if (!org) problems.push({ path: '/org', message: `no organisation ${req.org} is recorded` });
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'staffNo'])
    .where('staffNo', 'in', [...new Set(req.officers)])
    .execute();
  const idOf = new Map(staff.map((s) => [s.staffNo, s.id]));
  const seen = new Set<string>();
  req.officers.forEach((staffNo, i) => {
    if (!idOf.has(staffNo))
      problems.push({ path: `/officers/${i}`, message: `no staff member ${staffNo} is recorded` });
    if (seen.has(staffNo)) problems.push({ path: `/officers/${i}`, message: `${staffNo} is listed twice` });
    seen.add(staffNo);
  });
  if (problems.length || !org) throw new ValidationError(problems);
  return { org, staffIds: req.officers.map((s) => idOf.get(s)!) };
}

/** A path as one line a reader can follow: each hop's label, with the tie that led to it. */
function describePath(hops: readonly Hop[]): string {
  return hops.map((h) => (h.edge ? `—${h.edge.label}→ ${h.label}` : h.label)).join(' ');
}

function violationOf(
  flag: FlagCandidate,
  statusOf: Map<string, ReturnType<typeof enforcementStatusOf>>,
): Violation {
  const base = {
    rule: flag.rule as Violation['rule'],
    article: flag.citation.article,
    citation: flag.citation.text,
    staffNo: flag.staffNo,
    evidence: flag.evidence as unknown as Record<string, unknown>,
  };
  switch (flag.rule) {
    case 'ENF-TWO-PERSON': {
      const officers = [...statusOf.values()];
      const counting = officers.filter((s) => s.countsTowardsTwo).map((s) => s.staffNo);
      const not = officers
        .filter((s) => !s.countsTowardsTwo)
        .map((s) => `${s.staffNo} (${s.reasons.map((r) => r.code).join(', ') || s.status})`);
      return {
        ...base,
        message:
          `two-person enforcement (双人执法) needs two qualified officers; ${counting.length} ` +
          `(${counting.join(', ') || 'none'}) qualify${not.length ? `, not counting ${not.join('; ')}` : ''}`,
      };
    }
    case 'ENF-UNQUALIFIED': {
      const s = flag.staffNo ? statusOf.get(flag.staffNo) : undefined;
      return {
        ...base,
        message: `${flag.staffNo} may not take part on the day: ${s?.reasons.map((r) => r.message).join('; ') ?? 'not qualified'}`,
      };
    }
    default: {
      const paths = flag.evidence.paths.map(describePath);
      return { ...base, message: `${flag.staffNo} must recuse (回避): ${paths.join(' | ')}` };
    }
  }
}

/**
 * Checks a team for an enforcement action exactly as the next screening would judge it: the ENF-* rules run
 * on the slice of the world around the officers, with the proposed action put in. Writes nothing.
 */
export async function checkAction(
  db: Kysely<Database>,
  req: ActionCheckRequest,
  policy: Policy,
): Promise<CheckResult> {
  const { org, staffIds } = await resolveTeam(db, req);
  const world = await loadWorldAround(db, {
    staffIds,
    orgIds: [org.id],
    maxOwnershipHops: policy.values.maxOwnershipHops,
  });
  const ref = req.ref ?? PROPOSED_REF;
  world.actions.delete(ref);
  world.putAction({ ref, kind: req.kind, org: req.org, on: req.on, officers: [...req.officers] });

  const statusOf = new Map(
    req.officers.map((staffNo) => {
      const s = world.staff.get(staffNo)!;
      return [
        staffNo,
        enforcementStatusOf(
          {
            staffNo,
            category: s.category,
            hiredOn: s.hiredOn,
            departedOn: s.departedOn,
            qualifications: [...world.qualificationsOf(staffNo).values()],
            suspensions: [...world.suspensionsOf(staffNo).values()],
          },
          req.on,
        ),
      ];
    }),
  );
  const flags = evaluateRules(world, req.on, policy, ENF_RULES).filter((f) => f.action === ref);
  const violations = flags.map((f) => violationOf(f, statusOf));
  const rulesOrder = ENF_RULES.map((r) => r.id as string);
  violations.sort(
    (a, b) =>
      rulesOrder.indexOf(a.rule) - rulesOrder.indexOf(b.rule) ||
      (a.staffNo ?? '').localeCompare(b.staffNo ?? ''),
  );
  return {
    ok: violations.length === 0,
    action: {
      ref: req.ref ?? null,
      kind: req.kind,
      org: org.creditCode,
      orgName: org.name,
      on: req.on,
      officers: [...req.officers],
    },
    qualifiedOfficers: [...statusOf.values()].filter((s) => s.countsTowardsTwo).length,
    participants: [...statusOf.values()],
    violations,
    policy: {
      version: policy.version,
      closeRelatives: policy.values.closeRelatives,
      maxOwnershipHops: policy.values.maxOwnershipHops,
    },
  };
}
