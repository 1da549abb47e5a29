import type { BundleKind } from '../../bundle/schema.ts';
import type { TableSpec } from './upsert-rows.ts';

/** Where each kind of record is stored, the columns the import writes and the natural key among them. */
export const TABLE_SPECS: Record<BundleKind, TableSpec> = {
  people: { table: 'person', columns: { ref: 'text', name: 'text', idNumber: 'text' }, key: ['ref'] },
  organizations: {
    table: 'organization',
    columns: { creditCode: 'text', name: 'text', kind: 'text', region: 'text' },
    key: ['creditCode'],
  },
  posts: {
    table: 'post',
    columns: { code: 'text', name: 'text', unit: 'text', kind: 'text', rotationYears: 'integer' },
    key: ['code'],
  },
  staff: {
    table: 'staff',
    columns: {
      staffNo: 'text',
      personId: 'bigint',
      category: 'text',
      unit: 'text',
      jurisdiction: 'text',
      hiredOn: 'date',
      departedOn: 'date',
      departureKind: 'text',
    },
    key: ['staffNo'],
  },
  kinship: {
    table: 'kinship',
    columns: { personId: 'bigint', relativeId: 'bigint', relation: 'text' },
    key: ['personId', 'relativeId'],
  },
  affiliations: {
    table: 'affiliation',
    columns: {
      personId: 'bigint',
      orgId: 'bigint',
      role: 'text',
      validFrom: 'date',
      share: 'numeric',
      paid: 'boolean',
      validTo: 'date',
      source: 'text',
    },
    key: ['personId', 'orgId', 'role', 'validFrom'],
  },
  ownerships: {
    table: 'ownership',
    columns: { ownerOrgId: 'bigint', orgId: 'bigint', validFrom: 'date', share: 'numeric', validTo: 'date' },
    key: ['ownerOrgId', 'orgId', 'validFrom'],
  },
  assignments: {
    table: 'assignment',
    columns: { staffId: 'bigint', postId: 'bigint', validFrom: 'date', validTo: 'date' },
    key: ['staffId', 'postId', 'validFrom'],
  },
  qualifications: {
    table: 'qualification',
    columns: {
      certNo: 'text',
      staffId: 'bigint',
      kind: 'text',
      level: 'text',
      issuer: 'text',
      passedOn: 'date',
      expiresOn: 'date',
    },
    key: ['certNo'],
  },
  suspensions: {
    table: 'suspension',
    columns: { staffId: 'bigint', validFrom: 'date', validTo: 'date', reason: 'text' },
    key: ['staffId', 'validFrom'],
  },
  enforcementActions: {
    table: 'enforcementAction',
    columns: { ref: 'text', kind: 'text', orgId: 'bigint', onDate: 'date' },
    key: ['ref'],
  },
  engagements: {
    table: 'engagement',
    columns: { clientOrgId: 'bigint', contractorOrgId: 'bigint', onDate: 'date' },
    key: ['clientOrgId', 'contractorOrgId', 'onDate'],
  },
  designations: {
    table: 'designation',
    columns: { staffId: 'bigint', orgId: 'bigint', onDate: 'date', source: 'text', note: 'text' },
    key: ['staffId', 'orgId', 'onDate'],
  },
  campaigns: { table: 'campaign', columns: { year: 'integer', dueOn: 'date' }, key: ['year'] },
  declarations: {
    table: 'declaration',
    columns: { staffId: 'bigint', year: 'integer', submittedOn: 'date', items: 'jsonb' },
    key: ['staffId', 'year'],
  },
};
