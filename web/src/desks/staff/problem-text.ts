import { ApiError } from '../../api/client.ts';
import type { Item } from './types.ts';

// The server explains a refused declaration in English with a JSON path per problem (RFC 9457 `errors`). A
// firefighter reads Chinese: each problem becomes "where" (亲属 2 · 姓名) and "what" in Chinese words.

export interface ProblemText {
  /** The JSON path the server gave, e.g. `/items/2/name` (to mark the field). */
  path: string;
  where: string;
  what: string;
}

const FIELD_NAMES: Record<string, string> = {
  person: '人员',
  relation: '关系',
  name: '姓名',
  idNumber: '身份证号码',
  org: '统一社会信用代码',
  orgName: '单位名称',
  orgKind: '单位类别',
  orgRegion: '单位所在地区代码',
  role: '身份',
  from: '起始日期',
  to: '终止日期',
  share: '持股比例',
  paid: '是否领取报酬',
  nothingToReport: '无申报事项',
  amendmentReason: '更正原因',
  items: '申报事项',
};

/** "亲属 2" / "任职持股 1": the way the form numbers its rows. */
export function rowLabel(items: readonly Item[], index: number): string {
  const item = items[index];
  if (!item) return `第 ${index + 1} 项`;
  const n = items.slice(0, index + 1).filter((i) => i.type === item.type).length;
  return item.type === 'relative' ? `亲属 ${n}` : `任职持股 ${n}`;
}

const itemRef = (items: readonly Item[], path: string) => {
  const m = /^\/items\/(\d+)/.exec(path);
  return m ? rowLabel(items, Number(m[1])) : path;
};

export function whereOf(path: string, items: readonly Item[]): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'items' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const row = rowLabel(items, Number(parts[1]));
    const field = parts[2];
    return field ? `${row} · ${FIELD_NAMES[field] ?? field}` : row;
  }
  const field = parts[0];
  return field ? (FIELD_NAMES[field] ?? field) : '申报';
}

/** Messages the declaration checks send (src/declarations/items.ts, src/lib/gb*.ts), in Chinese. */
const PATTERNS: [RegExp, (m: RegExpExecArray, items: readonly Item[]) => string][] = [
  [/needs their name/, () => '尚未登记的人员须填写姓名'],
  [/^no person .* is recorded/, () => '系统中没有登记此人；新增亲属请填写姓名'],
  [/you are not your own relative/, () => '不能把本人申报为亲属'],
  [/already declared at (\/items\/\d+)/, (m, items) => `此人已在「${itemRef(items, m[1]!)}」中申报`],
  [/is neither you .* nor a relative/, () => '任职、持股的人员须为本人或本次申报的亲属'],
  [/is not recorded: give its name/, () => '该单位尚未在系统登记，请填写单位名称'],
  [/is not recorded: give its kind/, () => '该单位尚未在系统登记，请选择单位类别'],
  [/is not recorded: give its region/, () => '该单位尚未在系统登记，请填写所在地区代码（6 位）'],
  [/^must be after from$/, () => '终止日期须晚于起始日期'],
  [
    /the same person, organisation and role are declared at (\/items\/\d+)/,
    (m, items) => `同一人员在同一单位的同一身份已在「${itemRef(items, m[1]!)}」中申报`,
  ],
  [/(\d+) tie\(s\) are declared/, (m) => `已填写 ${m[1]} 项任职、持股，不能同时勾选“无申报事项”`],
  [/no tie is declared/, () => '未填写任何任职、持股：如确无申报事项，请勾选“无申报事项”'],
  [/nothing to amend/, () => '首次提交不需要填写更正原因'],
  [/ID number is 17 digits/, () => '身份证号码应为 17 位数字加 1 位校验码（0-9 或大写 X）'],
  [/birth date .* in the ID number/, () => '身份证号码中的出生日期不是有效日期'],
  [/GB 11643/, () => '身份证号码校验码不正确，请核对'],
  [/unified social credit code is 18 characters/, () => '统一社会信用代码应为 18 位数字或大写字母'],
  [/registration authority|organisation category/, () => '统一社会信用代码前两位不正确'],
  [
    /administrative division code of the registering office/,
    () => '统一社会信用代码第 3-8 位应为行政区划代码',
  ],
  [/GB 32100/, () => '统一社会信用代码校验码不正确，请核对'],
  [/6-digit administrative division code/, () => '应为 6 位行政区划代码'],
  [/calendar day/, () => '应为有效日期（年-月-日）'],
  [/unknown field/, () => '系统不认识这一项'],
];

/** What to say when the server's words are not one of the known checks: by field. */
const FIELD_FALLBACK: Record<string, string> = {
  name: '请填写姓名（不超过 100 字）',
  relation: '请选择关系',
  role: '请选择身份',
  share: '持股比例应大于 0、不超过 100',
  orgName: '请填写单位名称（不超过 200 字）',
  orgKind: '请选择单位类别',
  org: '请填写统一社会信用代码',
  person: '请选择人员',
  amendmentReason: '请填写更正原因（不超过 2000 字）',
};

export function whatOf(path: string, message: string, items: readonly Item[]): string {
  for (const [pattern, say] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return say(m, items);
  }
  const field = path.split('/').filter(Boolean).at(-1) ?? '';
  return FIELD_FALLBACK[field] ?? '填写有误，请核对';
}

/** The headline of a refused request, in Chinese. */
export function headlineOf(error: unknown): string {
  if (!(error instanceof ApiError)) return '网络或服务器出错，请稍后重试';
  const { status, detail } = error.problem;
  if (status === 400) return '申报内容有误，请按下列提示修改';
  if (status === 404) return '没有找到本年度的申报（申报活动未覆盖您，或尚未提交）';
  if (status === 412) return '草稿已在其他窗口或设备上修改过，请刷新页面后再修改';
  if (status === 413) return '申报内容过多，请分次填写';
  if (status === 409 && /changes nothing/.test(detail)) return '更正内容与已提交的版本相同，无需更正';
  if (status === 409 && /amendmentReason|cannot change/.test(detail))
    return '本年度申报已经提交，如需更正请填写更正原因';
  if (status === 422) return '重复提交的内容与上次不同，请刷新页面后再提交';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权操作';
  return '操作未成功，请稍后重试';
}

export function problemsOf(error: unknown, items: readonly Item[]): ProblemText[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => ({
    path: e.path,
    where: whereOf(e.path, items),
    what: whatOf(e.path, e.message, items),
  }));
}
