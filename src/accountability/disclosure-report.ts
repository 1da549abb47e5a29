import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Table } from '../lib/tabular-export.ts';
import {
  FINDING_TYPES,
  FINDING_TYPE_LABELS,
  HANDLING_MEASURES,
  OUTCOME_LABELS,
  SANCTION_MEASURES,
  type FindingType,
} from './vocabulary.ts';

// 执法公示: counts of the year's findings for publication. Built only from types, outcomes and unit names, so
// no name, ID number, staff number or person ref can reach it.

const Count = z.number().int().nonnegative();

export const AccountabilityReportSchema = z
  .object({
    year: z.number().int(),
    totals: z.object({
      findings: Count,
      severe: Count,
      closed: Count,
      referred: Count.openapi({ description: 'Referred to the supervisory commission (移交监察机关)' }),
      respondents: Count.openapi({
        description: 'Persons held responsible, counted once per finding (人次)',
      }),
      direct: Count,
      leadership: Count,
    }),
    byType: z.array(
      z.object({ type: z.enum(FINDING_TYPES), label: z.string(), findings: Count, respondents: Count }),
    ),
    byOutcome: z.array(
      z.object({
        category: z.enum(['handling', 'sanction']),
        measure: z.string(),
        label: z.string(),
        findings: Count,
        respondents: Count,
      }),
    ),
    byUnit: z.array(z.object({ unit: z.string(), findings: Count, respondents: Count })),
  })
  .openapi('AccountabilityReport');
export type AccountabilityReport = z.infer<typeof AccountabilityReportSchema>;

class Tally {
  readonly findings = new Set<string>();
  respondents = 0;
  add(findingId: string, people = 1) {
    this.findings.add(findingId);
    this.respondents += people;
  }
}

/** The year's findings (by their date, current versions) counted by type, outcome and unit. */
export async function accountabilityReport(
  db: Kysely<Database>,
  year: number,
): Promise<AccountabilityReport> {
  // One snapshot for the three reads, so a finding recorded meanwhile is counted everywhere or nowhere.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => tally(tx, year));
}

async function tally(db: Kysely<Database>, year: number): Promise<AccountabilityReport> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const findings = await db
    .selectFrom('finding')
    .select(['id', 'type', 'status', 'severe', 'referralOn'])
    .where('foundOn', '>=', from)
    .where('foundOn', '<=', to)
    .execute();
  // Joined on the year rather than a list of ids, so a busy year cannot exceed the bind-parameter limit.
  const respondents = await db
    .selectFrom('findingRespondent as r')
    .innerJoin('finding as f', (j) =>
      j.onRef('f.id', '=', 'r.findingId').onRef('f.version', '=', 'r.version'),
    )
    .innerJoin('staff as s', 's.id', 'r.staffId')
    .select(['r.findingId', 'r.responsibility', 's.unit'])
    .where('f.foundOn', '>=', from)
    .where('f.foundOn', '<=', to)
    .execute();
  const outcomes = await db
    .selectFrom('findingOutcome as o')
    .innerJoin('finding as f', (j) =>
      j.onRef('f.id', '=', 'o.findingId').onRef('f.version', '=', 'o.version'),
    )
    .select(['o.findingId', 'o.staffId', 'o.category', 'o.measure'])
    .where('f.foundOn', '>=', from)
    .where('f.foundOn', '<=', to)
    .execute();

  const typeOf = new Map(findings.map((f) => [f.id, f.type as FindingType]));
  const byType = new Map(FINDING_TYPES.map((t) => [t, new Tally()]));
  for (const f of findings) byType.get(f.type as FindingType)?.add(f.id, 0);
  const byUnit = new Map<string, Tally>();
  for (const r of respondents) {
    const type = typeOf.get(r.findingId);
    if (type) byType.get(type)?.add(r.findingId);
    const tally = byUnit.get(r.unit) ?? new Tally();
    tally.add(r.findingId);
    byUnit.set(r.unit, tally);
  }
  const byOutcome = new Map<string, { tally: Tally; people: Set<string> }>();
  for (const o of outcomes) {
    const entry = byOutcome.get(o.measure) ?? { tally: new Tally(), people: new Set<string>() };
    // A person given the same measure twice in one finding is one 人次.
    const person = `${o.findingId}|${o.staffId}`;
    entry.tally.add(o.findingId, entry.people.has(person) ? 0 : 1);
    entry.people.add(person);
    byOutcome.set(o.measure, entry);
  }

  return {
    year,
    totals: {
      findings: findings.length,
      severe: findings.filter((f) => f.severe).length,
      closed: findings.filter((f) => f.status === 'closed').length,
      referred: findings.filter((f) => f.referralOn !== null).length,
      respondents: respondents.length,
      direct: respondents.filter((r) => r.responsibility === 'direct').length,
      leadership: respondents.filter((r) => r.responsibility === 'leadership').length,
    },
    byType: FINDING_TYPES.map((type) => {
      const t = byType.get(type) ?? new Tally();
      return {
        type,
        label: FINDING_TYPE_LABELS[type],
        findings: t.findings.size,
        respondents: t.respondents,
      };
    }),
    byOutcome: [
      ...HANDLING_MEASURES.map((m) => ['handling', m] as const),
      ...SANCTION_MEASURES.map((m) => ['sanction', m] as const),
    ].map(([category, measure]) => {
      const t = byOutcome.get(measure)?.tally ?? new Tally();
      return {
        category,
        measure,
        label: OUTCOME_LABELS[measure],
        findings: t.findings.size,
        respondents: t.respondents,
      };
    }),
    byUnit: [...byUnit.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
      .map(([unit, t]) => ({ unit, findings: t.findings.size, respondents: t.respondents })),
  };
}

/** The report as one sheet for CSV/XLSX: one row per type, outcome and unit, then the totals. */
export function accountabilityTable(report: AccountabilityReport): Table {
  const rows: Table['rows'] = [
    ...report.byType.map((t) => ({
      dimension: '问题类型',
      code: t.type,
      item: t.label,
      findings: t.findings,
      respondents: t.respondents,
    })),
    ...report.byOutcome.map((o) => ({
      dimension: o.category === 'handling' ? '组织处理' : '政务处分',
      code: o.measure,
      item: o.label,
      findings: o.findings,
      respondents: o.respondents,
    })),
    ...report.byUnit.map((u) => ({
      dimension: '单位',
      code: null,
      item: u.unit,
      findings: u.findings,
      respondents: u.respondents,
    })),
    {
      dimension: '合计',
      code: 'total',
      item: '问责案件',
      findings: report.totals.findings,
      respondents: report.totals.respondents,
    },
    {
      dimension: '合计',
      code: 'severe',
      item: '造成恶劣影响或严重后果（一案双查）',
      findings: report.totals.severe,
      respondents: null,
    },
    { dimension: '合计', code: 'closed', item: '已办结', findings: report.totals.closed, respondents: null },
    {
      dimension: '合计',
      code: 'referred',
      item: '移交监察机关',
      findings: report.totals.referred,
      respondents: null,
    },
  ];
  return {
    sheet: `${report.year}年执法责任追究`,
    columns: [
      { key: 'year', header: '年度' },
      { key: 'dimension', header: '分类' },
      { key: 'code', header: '代码' },
      { key: 'item', header: '项目' },
      { key: 'findings', header: '案件数' },
      { key: 'respondents', header: '人次' },
    ],
    rows: rows.map((r) => ({ year: report.year, ...r })),
  };
}
