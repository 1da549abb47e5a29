import type { QualificationKind, StaffCategory } from '../db/schema.ts';
import { isActiveOn, type Day } from '../lib/days.ts';
import { isQualifiedOfficer, isQualifiedParticipant } from './qualified.ts';
import type { EnforcementStatus, StatusReasonCode } from './schemas.ts';

/** What decides whether a staff member may enforce on a day: their record, certificates and suspensions. */
export interface StatusFacts {
  staffNo: string;
  category: StaffCategory;
  hiredOn: Day;
  departedOn: Day | null;
  qualifications: { certNo: string; kind: QualificationKind; passedOn: Day; expiresOn: Day | null }[];
  suspensions: { from: Day; to: Day | null; reason: string }[];
}

type Certificate = StatusFacts['qualifications'][number];

/** Valid on d when passedOn <= d < expiresOn (RULES.md): the expiry day itself is already expired. */
export const isCertificateValidOn = (q: Certificate, day: Day) => isActiveOn(q.passedOn, q.expiresOn, day);

const laterExpiry = (a: Certificate, b: Certificate) =>
  a.expiresOn === null ? a : b.expiresOn === null ? b : a.expiresOn >= b.expiresOn ? a : b;

/**
 * "May enforce / may assist / may not" on a day, with every reason that applies (RULES.md): a qualified
 * officer may enforce and counts towards the two; a serving, unsuspended civilian with an auxiliary or
 * enforcement certificate may assist (辅助执法) and never counts; anyone else may not take part.
 */
export function enforcementStatusOf(facts: StatusFacts, day: Day): EnforcementStatus {
  const reasons: { code: StatusReasonCode; message: string }[] = [];
  const serving = isActiveOn(facts.hiredOn, facts.departedOn, day);
  if (!serving) {
    reasons.push({
      code: 'not_serving',
      message:
        day < facts.hiredOn
          ? `not serving on ${day}: hired on ${facts.hiredOn}`
          : `not serving on ${day}: departed on ${facts.departedOn}`,
    });
  }
  const suspension = facts.suspensions.find((s) => isActiveOn(s.from, s.to, day));
  if (suspension) {
    reasons.push({
      code: 'suspended',
      message: `suspended from ${suspension.from}${suspension.to ? ` to ${suspension.to}` : ''}: ${suspension.reason}`,
    });
  }
  const civilian = facts.category === 'civilian';
  if (civilian) {
    reasons.push({
      code: 'civilian',
      message: 'a civilian (消防文员) may assist in enforcement but never counts towards the two officers',
    });
  }
  const relevantKinds: QualificationKind[] = civilian ? ['enforcement', 'auxiliary'] : ['enforcement'];
  const relevant = facts.qualifications.filter((q) => relevantKinds.includes(q.kind));
  const valid = relevant.filter((q) => isCertificateValidOn(q, day));
  const certificate = valid.length ? valid.reduce(laterExpiry) : null;
  if (!certificate) reasons.push(certificateReason(facts, relevant, day, civilian));

  // The verdict is the screening's own predicate (RULES.md); the reasons above only explain it.
  const officer = isQualifiedOfficer(facts, facts.qualifications, facts.suspensions, day);
  const participant = officer || isQualifiedParticipant(facts, facts.qualifications, facts.suspensions, day);
  const status = officer ? 'may_enforce' : participant ? 'may_assist' : 'may_not';
  return {
    staffNo: facts.staffNo,
    on: day,
    status,
    countsTowardsTwo: status === 'may_enforce',
    reasons,
    certificate: certificate && {
      certNo: certificate.certNo,
      kind: certificate.kind,
      passedOn: certificate.passedOn,
      expiresOn: certificate.expiresOn,
    },
  };
}

function certificateReason(
  facts: StatusFacts,
  relevant: Certificate[],
  day: Day,
  civilian: boolean,
): { code: StatusReasonCode; message: string } {
  const expired = relevant
    .filter((q) => q.expiresOn !== null && q.expiresOn <= day)
    .sort((a, b) => (a.expiresOn! < b.expiresOn! ? 1 : -1))[0];
  if (expired) {
    return {
      code: 'expired',
      message: `certificate ${expired.certNo} expired on ${expired.expiresOn} (valid until the day before)`,
    };
  }
  const future = relevant
    .filter((q) => q.passedOn > day)
    .sort((a, b) => (a.passedOn < b.passedOn ? -1 : 1))[0];
  if (future) {
    return {
      code: 'not_yet_valid',
      message: `certificate ${future.certNo} is valid only from ${future.passedOn}`,
    };
  }
  if (!civilian && facts.qualifications.some((q) => q.kind === 'auxiliary' && isCertificateValidOn(q, day))) {
    return {
      code: 'auxiliary_only',
      message:
        'holds only an auxiliary certificate, which lets a civilian assist; an officer needs an enforcement certificate',
    };
  }
  return {
    code: 'no_certificate',
    message: civilian
      ? 'holds no auxiliary or enforcement certificate'
      : 'holds no enforcement certificate (执法资格)',
  };
}
