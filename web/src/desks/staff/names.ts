import type { DeclaredNames, Item, Prefill } from './types.ts';

/** Who and what the items name, in words: the records know the names, the items carry only keys. */
export interface Names {
  self: string;
  person(ref: string): string;
  org(code: string): string | null;
}

export function namesFrom(
  prefill: Prefill | undefined,
  items: readonly Item[] = [],
  declared?: DeclaredNames,
): Names {
  const people = new Map<string, string>(declared?.people.map((p) => [p.ref, p.name]));
  const orgs = new Map<string, string>(declared?.organizations.map((o) => [o.creditCode, o.name]));
  if (prefill) {
    people.set(prefill.self.person, `本人（${prefill.self.name}）`);
    for (const r of prefill.relatives) people.set(r.person, r.name);
    for (const t of prefill.ties) {
      people.set(t.person, people.get(t.person) ?? t.personName);
      orgs.set(t.org, orgs.get(t.org) ?? t.orgName);
    }
  }
  for (const item of items) {
    if (item.type === 'relative' && item.name) people.set(item.person, item.name);
    if (item.type === 'affiliation' && item.orgName) orgs.set(item.org, orgs.get(item.org) ?? item.orgName);
  }
  return {
    self: prefill?.self.person ?? '',
    person: (ref) => people.get(ref) ?? (ref.startsWith('new:') ? '（未填姓名）' : ref),
    org: (code) => orgs.get(code) ?? null,
  };
}
