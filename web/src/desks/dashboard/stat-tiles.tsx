import type { DashboardData } from './use-dashboard.ts';

interface Tile {
  label: string;
  value: string;
  hint?: string;
  tone?: 'alert' | 'warn' | 'ok';
}

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

/** The key numbers of the panels the caller may see, one tile each, read before any chart. */
export function tilesOf(d: DashboardData): Tile[] {
  const tiles: Tile[] = [];
  const f = d.flags?.data;
  if (f) {
    const violations = f.bySeverity.find((s) => s.severity === 'violation')?.count ?? 0;
    tiles.push({ label: '待处理线索', value: String(f.total), tone: f.total ? 'alert' : 'ok' });
    tiles.push({ label: '其中违规', value: String(violations), hint: `风险 ${f.total - violations}` });
  }
  const p = d.campaign?.progress.data;
  if (p) {
    const t = p.totals;
    tiles.push({
      label: '申报完成率',
      value: pct(t.submitted + t.submittedLate, t.population),
      hint: `${p.campaign.year} 年度 ${t.submitted + t.submittedLate}/${t.population} 人`,
      tone: 'ok',
    });
    tiles.push({ label: '逾期未报', value: String(t.overdue), tone: t.overdue ? 'alert' : 'ok' });
  }
  const r = d.rotations?.data;
  if (r) {
    tiles.push({ label: '轮岗已超期', value: String(r.overdue), tone: r.overdue ? 'alert' : 'ok' });
    tiles.push({ label: `轮岗 ${r.withinDays} 天内到期`, value: String(r.due), tone: r.due ? 'warn' : 'ok' });
  }
  const c = d.certificates?.data;
  if (c) {
    const soon = c.items.filter((x) => x.daysLeft <= 90).length;
    tiles.push({ label: '证书 90 天内失效', value: String(soon), tone: soon ? 'warn' : 'ok' });
    tiles.push({ label: `证书 ${c.withinDays} 天内失效`, value: String(c.items.length) });
  }
  return tiles;
}

export function StatTiles({ data }: { data: DashboardData }) {
  const tiles = tilesOf(data);
  if (!tiles.length) return null;
  return (
    <div className="stats dash-stats" aria-label="关键数字">
      {tiles.map((t) => (
        <div
          key={t.label}
          className={`stat dash-stat ${t.tone ? `dash-${t.tone}` : ''}`}
          role="group"
          aria-label={t.label}
        >
          <strong>{t.value}</strong>
          <span>{t.label}</span>
          {t.hint ? <small className="muted">{t.hint}</small> : null}
        </div>
      ))}
    </div>
  );
}
