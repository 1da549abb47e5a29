import { isNewPerson, type Item } from './types.ts';

/** The items as the API takes them: without the server's annotations, blanks left out. */
export function itemsForServer(items: readonly Item[]): Item[] {
  return items.map((item): Item => {
    if (item.type === 'relative') {
      const { basis: _basis, name, idNumber, ...rest } = item;
      if (!isNewPerson(item.person)) return rest;
      const out: Item = { ...rest };
      if (name?.trim()) out.name = name.trim();
      if (idNumber?.trim()) out.idNumber = idNumber.trim();
      return out;
    }
    const { basis: _basis, ...rest } = item;
    const out: Item = { ...rest };
    for (const key of ['orgName', 'orgKind', 'orgRegion'] as const) {
      if (!out[key]?.trim()) delete out[key];
    }
    return out;
  });
}

/** A fresh `new:` label for a relative not yet recorded, unique within the declaration. */
export function newPersonKey(items: readonly Item[]): string {
  const taken = new Set(items.map((i) => i.person));
  for (let n = 1; ; n += 1) if (!taken.has(`new:${n}`)) return `new:${n}`;
}

/** A key per intended submission, so a retried request is answered once (works without a secure context). */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
