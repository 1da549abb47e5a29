import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import { Card, Field, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { ruleName } from '../../i18n/zh.ts';
import { subjectOf } from './evidence.ts';
import { FINDING_TYPE_NAMES, HANDLING_NAMES, RESPONSIBILITY_NAMES, SANCTION_NAMES } from './labels.ts';
import type { Finding, FlagDetail } from './types.ts';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The finding type a flag's rule most often leads to, as a starting point the officer may change. */
const typeForRule = (rule: string) =>
  rule.startsWith('COI-') ? 'conflict' : rule.startsWith('DECL-') ? 'reporting' : 'misconduct';

/** 新建问责记录: one finding with one respondent; from a flag, it names the flag and its rule. */
export function FindingForm() {
  const flagId = new URLSearchParams(useSearch()).get('flag');
  const flag = useApi<FlagDetail>(flagId ? `/api/v1/flags/${encodeURIComponent(flagId)}` : null);
  const [, navigate] = useLocation();
  const [type, setType] = useState('');
  const [date, setDate] = useState(today);
  const [narrative, setNarrative] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const [responsibility, setResponsibility] = useState<'direct' | 'leadership'>('direct');
  const [handling, setHandling] = useState('');
  const [sanction, setSanction] = useState('');
  const [severe, setSevere] = useState(false);
  const [suspectedCriminal, setSuspectedCriminal] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!flag.data) return;
    setType((t) => t || typeForRule(flag.data!.rule));
    setStaffNo((s) => s || (flag.data!.staffNo ?? ''));
  }, [flag.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const gaps = [
      ...(type ? [] : ['问题类型']),
      ...(date ? [] : ['日期']),
      ...(narrative.trim() ? [] : ['基本情况']),
    ];
    setMissing(gaps);
    if (gaps.length) return;
    setBusy(true);
    setError(null);
    try {
      const respondent = staffNo.trim()
        ? [
            {
              staffNo: staffNo.trim(),
              responsibility,
              handling: handling ? [{ measure: handling, on: date }] : [],
              sanctions: sanction ? [{ measure: sanction, from: date }] : [],
            },
          ]
        : [];
      const created = await api<Finding>('/api/v1/findings', {
        method: 'POST',
        body: {
          type,
          date,
          narrative: narrative.trim(),
          severe,
          suspectedCriminal,
          respondents: respondent,
          concerns: {
            flags: flag.data ? [flag.data.id] : [],
            rules: flag.data ? [flag.data.rule] : [],
            actions: flag.data?.action ? [flag.data.action] : [],
            declarations: [],
          },
        },
      });
      navigate(`/findings/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="back">
        <Link href="/findings">← 返回问责记录</Link>
      </p>
      <PageHeader title="新建问责记录" />
      {flag.data ? (
        <p className="notice">
          据线索建立：{ruleName(flag.data.rule)}，{subjectOf(flag.data)}（{flag.data.citation.article}）
        </p>
      ) : null}
      <ProblemAlert error={flag.error} />
      <Card>
        <form noValidate onSubmit={submit} aria-label="问责记录" className="finding-form">
          <Field label="问题类型">
            <select value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">请选择</option>
              {Object.entries(FINDING_TYPE_NAMES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </Field>
          <Field label="认定日期">
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </Field>
          <Field label="基本情况">
            <textarea rows={5} value={narrative} onChange={(e) => setNarrative(e.target.value)} />
          </Field>
          <fieldset>
            <legend>被问责人员</legend>
            <Field label="人员编号" hint="不填则暂不列被问责人员">
              <input value={staffNo} onChange={(e) => setStaffNo(e.target.value)} />
            </Field>
            <Field label="责任">
              <select
                value={responsibility}
                onChange={(e) => setResponsibility(e.target.value as 'direct' | 'leadership')}
              >
                {Object.entries(RESPONSIBILITY_NAMES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="组织处理" hint="自认定日期起">
              <select value={handling} onChange={(e) => setHandling(e.target.value)}>
                <option value="">无</option>
                {Object.entries(HANDLING_NAMES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="政务处分" hint="自认定日期起，期限按现行规定">
              <select value={sanction} onChange={(e) => setSanction(e.target.value)}>
                <option value="">无</option>
                {Object.entries(SANCTION_NAMES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={severe} onChange={(e) => setSevere(e.target.checked)} />{' '}
            造成恶劣影响或严重后果（须同时追究领导责任）
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={suspectedCriminal}
              onChange={(e) => setSuspectedCriminal(e.target.checked)}
            />{' '}
            涉嫌犯罪
          </label>
          {missing.length ? (
            <p className="alert" role="alert">
              请填写：{missing.join('、')}。
            </p>
          ) : null}
          <ProblemAlert error={error} />
          <div className="button-row">
            <button type="submit" disabled={busy}>
              {busy ? '正在保存…' : '保存问责记录'}
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}
