import { BUNDLE_KINDS, type BundleKind } from '../../bundle/schema.ts';
import type { ProblemItem } from '../../errors.ts';
import { NATURAL_KEYS, type NaturalKey } from './natural-keys.ts';
import { pointer } from './problems.ts';
import type { BundleRecord, SparseRecords } from './records.ts';

function duplicatesOfKind<K extends BundleKind>(kind: K, records: Array<BundleRecord<K> | undefined>) {
  const spec = NATURAL_KEYS[kind] as NaturalKey<K>;
  const firstAt = new Map<string, number>();
  const problems: ProblemItem[] = [];
  records.forEach((record, i) => {
    if (!record) return;
    const key = spec.of(record);
    const text = JSON.stringify(key);
    const first = firstAt.get(text);
    if (first === undefined) {
      firstAt.set(text, i);
      return;
    }
    const single = spec.fields.length === 1;
    const shown = single
      ? `${spec.fields[0]} ${String(key[0])}`
      : `(${spec.fields.join(', ')}) = (${key.map(String).join(', ')})`;
    problems.push({
      path: single ? pointer(kind, i, spec.fields[0]!) : pointer(kind, i),
      message: `duplicate ${spec.noun} ${shown}; first at ${pointer(kind, first)}`,
    });
  });
  return problems;
}

/** Records of one kind with the same natural key, and people sharing an ID number. */
export function duplicateProblems(records: SparseRecords): ProblemItem[] {
  const problems = BUNDLE_KINDS.flatMap((kind) =>
    duplicatesOfKind(kind, records[kind] as Array<BundleRecord<typeof kind> | undefined>),
  );
  const holder = new Map<string, number>();
  records.people.forEach((person, i) => {
    if (!person?.idNumber) return;
    const first = holder.get(person.idNumber);
    if (first === undefined) holder.set(person.idNumber, i);
    else {
      problems.push({
        path: pointer('people', i, 'idNumber'),
        message: `the same ID number as ${pointer('people', first)}; one person has one ID number`,
      });
    }
  });
  return problems;
}
