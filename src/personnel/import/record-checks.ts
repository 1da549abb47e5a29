import type { ProblemItem } from '../../errors.ts';
import { creditCodeProblem } from '../../lib/gb32100.ts';
import { idNumberProblem } from '../../lib/gb11643.ts';
import { pointer } from './problems.ts';
import type { SparseRecords } from './records.ts';

type Day = string | null | undefined;

/** `end` must come strictly after `start` where both are given (intervals are half-open). */
function endsBeforeStart(start: Day, end: Day): boolean {
  return typeof start === 'string' && typeof end === 'string' && end <= start;
}

// Shares are stored as numeric(7, 4): a positive share that rounds to zero there would not be a share.
const SMALLEST_SHARE = 0.0001;
const tooSmall = (share: number | null | undefined) =>
  typeof share === 'number' && Math.round(share / SMALLEST_SHARE) === 0;

/** Problems a record has on its own: check characters, intervals, ties of a thing with itself. */
export function recordProblems(records: SparseRecords): ProblemItem[] {
  const problems: ProblemItem[] = [];
  const add = (message: string, ...path: Array<string | number>) =>
    problems.push({ path: pointer(...path), message });

  records.people.forEach((r, i) => {
    const why = r?.idNumber ? idNumberProblem(r.idNumber) : null;
    if (why) add(why, 'people', i, 'idNumber');
  });
  records.organizations.forEach((r, i) => {
    const why = r ? creditCodeProblem(r.creditCode) : null;
    if (why) add(why, 'organizations', i, 'creditCode');
  });
  records.staff.forEach((r, i) => {
    if (r && endsBeforeStart(r.hiredOn, r.departedOn)) {
      add('departedOn must be after hiredOn', 'staff', i, 'departedOn');
    }
  });
  records.kinship.forEach((r, i) => {
    if (r && r.person === r.relative) add('a person cannot be their own relative', 'kinship', i, 'relative');
  });
  records.affiliations.forEach((r, i) => {
    if (!r) return;
    if (endsBeforeStart(r.from, r.to)) add('to must be after from', 'affiliations', i, 'to');
    if (tooSmall(r.share)) add(`share must be at least ${SMALLEST_SHARE}`, 'affiliations', i, 'share');
  });
  records.ownerships.forEach((r, i) => {
    if (!r) return;
    if (r.owner === r.org) add('an organisation cannot own itself', 'ownerships', i, 'org');
    if (endsBeforeStart(r.from, r.to)) add('to must be after from', 'ownerships', i, 'to');
    if (tooSmall(r.share)) add(`share must be at least ${SMALLEST_SHARE}`, 'ownerships', i, 'share');
  });
  records.assignments.forEach((r, i) => {
    if (r && endsBeforeStart(r.from, r.to)) add('to must be after from', 'assignments', i, 'to');
  });
  records.suspensions.forEach((r, i) => {
    if (r && endsBeforeStart(r.from, r.to)) add('to must be after from', 'suspensions', i, 'to');
  });
  records.qualifications.forEach((r, i) => {
    if (r && endsBeforeStart(r.passedOn, r.expiresOn)) {
      add('expiresOn must be after passedOn', 'qualifications', i, 'expiresOn');
    }
  });
  records.enforcementActions.forEach((r, i) => {
    const seen = new Set<string>();
    r?.officers.forEach((staffNo, j) => {
      if (seen.has(staffNo))
        add(`officer ${staffNo} is listed twice`, 'enforcementActions', i, 'officers', j);
      seen.add(staffNo);
    });
  });
  return problems;
}
