import type { BundleKind } from '../../bundle/schema.ts';
import type { BundleRecord } from './records.ts';

/** How a record of each kind is identified (BUNDLE.md "Import semantics"). */
export interface NaturalKey<K extends BundleKind> {
  /** What the record is called in messages. */
  noun: string;
  /** The fields of the key, as named in the bundle. */
  fields: string[];
  of(record: BundleRecord<K>): Array<string | number | null>;
}

export const NATURAL_KEYS: { [K in BundleKind]: NaturalKey<K> } = {
  people: { noun: 'person', fields: ['ref'], of: (r) => [r.ref] },
  staff: { noun: 'staff record', fields: ['staffNo'], of: (r) => [r.staffNo] },
  kinship: { noun: 'kinship', fields: ['person', 'relative'], of: (r) => [r.person, r.relative] },
  organizations: { noun: 'organisation', fields: ['creditCode'], of: (r) => [r.creditCode] },
  affiliations: {
    noun: 'affiliation',
    fields: ['person', 'org', 'role', 'from'],
    of: (r) => [r.person, r.org, r.role, r.from ?? null],
  },
  ownerships: {
    noun: 'ownership',
    fields: ['owner', 'org', 'from'],
    of: (r) => [r.owner, r.org, r.from ?? null],
  },
  posts: { noun: 'post', fields: ['code'], of: (r) => [r.code] },
  assignments: {
    noun: 'assignment',
    fields: ['staffNo', 'post', 'from'],
    of: (r) => [r.staffNo, r.post, r.from],
  },
  qualifications: { noun: 'qualification', fields: ['certNo'], of: (r) => [r.certNo] },
  suspensions: { noun: 'suspension', fields: ['staffNo', 'from'], of: (r) => [r.staffNo, r.from] },
  enforcementActions: { noun: 'enforcement action', fields: ['ref'], of: (r) => [r.ref] },
  engagements: {
    noun: 'engagement',
    fields: ['client', 'contractor', 'on'],
    of: (r) => [r.client, r.contractor, r.on],
  },
  designations: {
    noun: 'designation',
    fields: ['staffNo', 'org', 'on'],
    of: (r) => [r.staffNo, r.org, r.on],
  },
  campaigns: { noun: 'campaign', fields: ['year'], of: (r) => [r.year] },
  declarations: { noun: 'declaration', fields: ['staffNo', 'year'], of: (r) => [r.staffNo, r.year] },
};
