import { POST_KIND_NAMES } from '../../i18n/zh.ts';
import { constraintName } from './labels.ts';

// The planner explains each move in sentences built from fixed templates (src/rotation/planner.ts,
// plan-state.ts, plans.ts). HR reads Chinese, so each template is matched here and said again in Chinese;
// a sentence no template matches is shown as the server wrote it.

const kind = (k: string) => POST_KIND_NAMES[k] ?? k;

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  [
    /^(\S+) is not counted among (.+)'s qualified enforcement officers; it keeps (\d+)$/,
    (s, unit, n) => `${s} 不计入${unit}的持证执法人员，该单位仍有 ${n} 名`,
  ],
  [
    /^(.+) keeps (\d+) qualified enforcement officers? \(at least (\d+)\)$/,
    (unit, n, min) => `调出后${unit}剩 ${n} 名持证执法人员（至少应有 ${min} 名）`,
  ],
  [/^(.+) has no enforcement post$/, (unit) => `${unit}没有执法岗位`],
  [
    /^(.+) would lose (\d+) of (\d+) staff in this plan; at most (\d+) \(share ([\d.]+), at least one\)$/,
    (unit, out, all, max, share) =>
      `本方案从${unit}调出 ${out} 人（全单位 ${all} 人），上限 ${max} 人（比例 ${share}，至少可调 1 人）`,
  ],
  [
    /^(enforcement|leadership|administrative|rescue) \(leaving (enforcement|leadership|administrative|rescue)\)$/,
    (to, from) => `${kind(to)}（原为${kind(from)}）`,
  ],
  [/^post (\S+) has no jurisdiction recorded$/, (code) => `岗位 ${code} 未登记辖区`],
  [/^no tie in (.+)$/, (j) => `在辖区 ${j} 无利益关联`],
  [
    /^ties? in (\S+): (.+?)(?:; and (\d+) more)?$/,
    (j, list, more) =>
      `在辖区 ${j} 有利益关联：${list.replaceAll('; ', '；')}${more ? `；另有 ${more} 项` : ''}`,
  ],
  [/^(\S+) is not a leadership post$/, (code) => `${code} 不是领导岗位`],
  [/^no sanction or suspension in effect$/, () => '无生效的处分或停职'],
  [
    /^suspended from (\S+)(?: to (\S+))? \((.*)\)$/,
    (from, to, why) => `自 ${from} 起停职${to ? `至 ${to}` : ''}（${why}）`,
  ],
  [
    /^sanction (.+?) from (\S+)(?: until (\S+))? \(finding (\d+)\)$/,
    (m, from, until, f) => `自 ${from} 起受处分“${m}”${until ? `至 ${until}` : ''}（认定 ${f}）`,
  ],
  [
    /^(.+) has (\d+) qualified enforcement officer\(s\), below two; this move adds one$/,
    (unit, n) => `${unit}现有 ${n} 名持证执法人员，不足两名；此项调入补足一名`,
  ],
  [
    /^has served in (.+) before, but no feasible post is in a unit new to them$/,
    (unit) => `曾在${unit}任职，但没有其未任职过的单位可去`,
  ],
  [/^has not served in (.+) before$/, (unit) => `此前未在${unit}任职`],
  [
    /^(\S+) has (\d+) current holder\(s\), the fewest among the feasible posts$/,
    (code, n) => `${code} 现有 ${n} 人在岗，在可行岗位中最少`,
  ],
  [
    /^(\d+) post\(s\) satisfied every constraint; ties broken by fewest moves into the unit, then post code$/,
    (n) => `共 ${n} 个岗位满足全部约束；条件相同时取调入人数最少的单位，再按岗位代码排序`,
  ],
  [/^no other (\w+) post is recorded$/, (k) => `没有登记其他${kind(k)}`],
  [/^every other (\w+) post is in (.+)$/, (k, unit) => `其他${kind(k)}都在${unit}`],
  [
    /^no (\w+) post outside (.+) has its jurisdiction recorded$/,
    (k, unit) => `${unit}以外的${kind(k)}都未登记辖区，无法核查利益关联`,
  ],
  [
    /^every (\w+) post outside (.+) is in a jurisdiction where they or a close relative have a tie \(last: (.+)\)$/,
    (k, unit, last) =>
      `${unit}以外的${kind(k)}所在辖区，本人或近亲属均有利益关联（其一：${explainZh(last)}）`,
  ],
  [
    /^every candidate left is a leadership post, closed to them: (.+)$/,
    (d) => `余下的候选均为领导岗位，其不得调入：${d.split('; ').map(explainZh).join('；')}`,
  ],
  [/^post (\S+) is not recorded$/, (code) => `岗位 ${code} 未登记`],
  [/^assignment (\d+) is no longer current on (\S+)$/, (id, day) => `任职记录 ${id} 在 ${day} 已不在任`],
  [/^(\S+) holds (\S+) since (\S+)$/, (s, code, since) => `${s} 自 ${since} 起任 ${code}`],
  [/^(\S+) already holds (\S+)$/, (s, code) => `${s} 已在 ${code} 任职`],
  [
    /^chosen by (\S+) in place of (.+)$/,
    (who, was) => `由 ${who} 改定，取代${was === 'no post' ? '原方案（无岗位）' : ` ${was}`}`,
  ],
  [
    /^moving (\S+) to (\S+) breaks ([\w, -]+): (.+)$/,
    (s, code, ids, d) =>
      `将 ${s} 调往 ${code} 违反约束“${ids.split(', ').map(constraintName).join('、')}”：` +
      d.split('; ').map(explainZh).join('；'),
  ],
  [/^(\S+) \(leaving (.+)\)$/, (to, from) => `调往${to}（离开${from}）`],
  [/^(\d{6})$/, (j) => `辖区 ${j}`],
];

/** A planner sentence in Chinese (unmatched sentences as written). */
export function explainZh(sentence: string): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(sentence);
    if (m) return say(...m.slice(1).map((g) => g ?? ''));
  }
  return sentence;
}
