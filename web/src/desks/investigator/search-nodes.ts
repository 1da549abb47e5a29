import { api, ApiError } from '../../api/client.ts';
import { nameOf, ORG_KIND_NAMES, STAFF_CATEGORY_NAMES } from '../../i18n/zh.ts';
import type { NodeKind } from './types.ts';

export interface Candidate {
  /** The graph node key: person:<ref>, org:<creditCode>. */
  key: string;
  kind: NodeKind;
  label: string;
  detail: string;
}

interface Person {
  ref: string;
  name: string;
}
interface Staff {
  staffNo: string;
  person: string;
  unit: string;
  category: string;
  departedOn: string | null;
}
interface Organization {
  creditCode: string;
  name: string;
  kind: string;
  region: string;
}
interface Page<T> {
  items: T[];
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const STAFF_NO = /^[A-Za-z0-9_-]{1,100}$/;
const MAX = 20;

/** null when the server has no such record (404), the record otherwise. */
async function maybe<T>(path: string): Promise<T | null> {
  try {
    return await api<T>(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function personCandidate(person: Person, staff: Staff[]): Candidate {
  const nos = staff.map((s) => s.staffNo);
  const serving = staff.find((s) => !s.departedOn) ?? staff[0];
  return {
    key: `person:${person.ref}`,
    kind: 'person',
    label: nos.length ? `${person.name}（${nos.join('、')}）` : person.name,
    detail: serving
      ? `${serving.unit} · ${nameOf(STAFF_CATEGORY_NAMES, serving.category)}${serving.departedOn ? `（${serving.departedOn} 离职）` : ''}`
      : '',
  };
}

function orgCandidate(org: Organization): Candidate {
  return {
    key: `org:${org.creditCode}`,
    kind: 'org',
    label: org.name,
    detail: `${nameOf(ORG_KIND_NAMES, org.kind)} · ${org.creditCode}`,
  };
}

/**
 * Finds people and organisations by part of a name, a staff number (工号) or a credit code. People with staff
 * records are shown with their staff numbers, so a common name can be told apart.
 */
export async function searchNodes(text: string): Promise<Candidate[]> {
  const q = text.trim();
  if (!q) return [];
  const code = q.toUpperCase();
  const [people, orgs, staffByNo, orgByCode] = await Promise.all([
    api<Page<Person>>('/api/v1/people', { query: { name: q, limit: MAX } }),
    api<Page<Organization>>('/api/v1/organizations', { query: { name: q, limit: MAX } }),
    STAFF_NO.test(q) ? maybe<Staff>(`/api/v1/staff/${encodeURIComponent(q)}`) : null,
    CREDIT_CODE.test(code) ? maybe<Organization>(`/api/v1/organizations/${code}`) : null,
  ]);
  const persons = [...people.items];
  if (staffByNo && !persons.some((p) => p.ref === staffByNo.person)) {
    const person = await maybe<Person>(`/api/v1/people/${encodeURIComponent(staffByNo.person)}`);
    if (person) persons.unshift(person);
  }
  const staffOf = await Promise.all(
    persons.map((p) =>
      api<Page<Staff>>('/api/v1/staff', { query: { person: p.ref, limit: 10 } }).then((r) => r.items),
    ),
  );
  const organisations = orgByCode
    ? [orgByCode, ...orgs.items.filter((o) => o.creditCode !== orgByCode.creditCode)]
    : orgs.items;
  return [...persons.map((p, i) => personCandidate(p, staffOf[i] ?? [])), ...organisations.map(orgCandidate)];
}
