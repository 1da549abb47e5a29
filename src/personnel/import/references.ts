import type { SparseRecords } from './records.ts';
import { pointer } from './problems.ts';

/** The kinds of natural key a record may refer to. */
export type KeySpace = 'person' | 'staff' | 'org' | 'post';

export interface Reference {
  path: string;
  space: KeySpace;
  key: string;
}

/** Every reference the bundle makes to a person, staff record, organisation or post, with its path. */
export function referencesOf(records: SparseRecords): Reference[] {
  const refs: Reference[] = [];
  visitReferences(records, (space, key, at) => refs.push({ space, key, path: pointer(...at) }));
  return refs;
}

/**
 * Calls `visit` with every reference the bundle makes and the segments of its path (`pointer(...at)`): a
 * path is made only for the few references that need one, not for the millions of a bulk import.
 */
export function visitReferences(
  records: SparseRecords,
  visit: (space: KeySpace, key: string, at: Array<string | number>) => void,
): void {
  const add = (space: KeySpace, key: string, ...at: Array<string | number>) => visit(space, key, at);

  records.staff.forEach((r, i) => r && add('person', r.person, 'staff', i, 'person'));
  records.kinship.forEach((r, i) => {
    if (!r) return;
    add('person', r.person, 'kinship', i, 'person');
    add('person', r.relative, 'kinship', i, 'relative');
  });
  records.affiliations.forEach((r, i) => {
    if (!r) return;
    add('person', r.person, 'affiliations', i, 'person');
    add('org', r.org, 'affiliations', i, 'org');
  });
  records.ownerships.forEach((r, i) => {
    if (!r) return;
    add('org', r.owner, 'ownerships', i, 'owner');
    add('org', r.org, 'ownerships', i, 'org');
  });
  records.assignments.forEach((r, i) => {
    if (!r) return;
    add('staff', r.staffNo, 'assignments', i, 'staffNo');
    add('post', r.post, 'assignments', i, 'post');
  });
  records.qualifications.forEach((r, i) => r && add('staff', r.staffNo, 'qualifications', i, 'staffNo'));
  records.suspensions.forEach((r, i) => r && add('staff', r.staffNo, 'suspensions', i, 'staffNo'));
  records.enforcementActions.forEach((r, i) => {
    if (!r) return;
    add('org', r.org, 'enforcementActions', i, 'org');
    r.officers.forEach((staffNo, j) => add('staff', staffNo, 'enforcementActions', i, 'officers', j));
  });
  records.engagements.forEach((r, i) => {
    if (!r) return;
    add('org', r.client, 'engagements', i, 'client');
    add('org', r.contractor, 'engagements', i, 'contractor');
  });
  records.designations.forEach((r, i) => {
    if (!r) return;
    add('staff', r.staffNo, 'designations', i, 'staffNo');
    add('org', r.org, 'designations', i, 'org');
  });
  records.declarations.forEach((r, i) => {
    if (!r) return;
    add('staff', r.staffNo, 'declarations', i, 'staffNo');
    r.items.forEach((item, j) => {
      add('person', item.person, 'declarations', i, 'items', j, 'person');
      if (item.type === 'affiliation') add('org', item.org, 'declarations', i, 'items', j, 'org');
    });
  });
}
