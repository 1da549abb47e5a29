import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Card, Loading, PageHeader } from '../../components/ui.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { RELATION_NAMES } from '../../i18n/zh.ts';
import { DeclarationProblems } from './declaration-problems.tsx';
import { ItemField } from './item-field.tsx';
import { newPersonKey } from './draft-payload.ts';
import { namesFrom } from './names.ts';
import { headlineOf, problemsOf, rowLabel, type ProblemText } from './problem-text.ts';
import { RelativeRow } from './relative-row.tsx';
import { StandingBadge } from './standing.tsx';
import { TieRow } from './tie-row.tsx';
import type { DeclaredNames, Item, MyCampaign, Prefill, RelativeItem, TieItem } from './types.ts';
import { useDraft, type DraftForm } from './use-draft.ts';

type Refusal = { headline: string; problems: ProblemText[] };

/** Fill in, correct, save and submit (or amend with a reason) the declaration of one year. */
export function DeclarationEditor({ staffNo, year }: { staffNo: string; year: number }) {
  const base = `/api/v1/declarations/${encodeURIComponent(staffNo)}/${year}`;
  const campaign = useApi<MyCampaign>(`/api/v1/campaigns/${year}`, { view: 'mine' });
  const prefill = useApi<Prefill>(`${base}/prefill`);
  const { draft, loadError, save, submit } = useDraft(staffNo, year);
  // Names of people declared before (an amendment's relatives may not be recorded yet); optional.
  const declared = useApi<DeclaredNames>(draft ? `${base}/names` : null);
  const [, navigate] = useLocation();
  const [form, setForm] = useState<DraftForm | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (draft && form === null) {
      setForm({
        items: draft.items,
        nothingToReport: draft.nothingToReport,
        amendmentReason: draft.amendmentReason ?? '',
      });
    }
  }, [draft, form]);

  const names = useMemo(
    () => namesFrom(prefill.data, form?.items, declared.data),
    [prefill.data, form?.items, declared.data],
  );
  const failure = loadError ?? campaign.error ?? prefill.error;
  if (failure) {
    return (
      <div className="staff-desk">
        <PageHeader title={`${year} 年度申报`} />
        <DeclarationProblems headline={headlineOf(failure)} problems={[]} />
        <Link href="/">返回我的申报</Link>
      </div>
    );
  }
  if (!draft || !form || !campaign.data || !prefill.data) return <Loading what="申报草稿" />;

  const amending = draft.basedOnVersion !== null;
  const items = form.items;
  const ties = items.filter((i) => i.type === 'affiliation');
  const errorsOf = (index: number) => (field: string) => {
    const at = field ? `/items/${index}/${field}` : `/items/${index}`;
    return refusal?.problems.find((p) => p.path === at)?.what;
  };
  const topError = (path: string) => refusal?.problems.find((p) => p.path === path)?.what;
  const update = (next: Partial<DraftForm>) => setForm({ ...form, ...next });
  const setItem = (index: number, item: Item) =>
    update({ items: items.map((it, i) => (i === index ? item : it)) });
  const restructure = (next: Item[], extra: Partial<DraftForm> = {}) => {
    setRefusal(null);
    update({ items: next, ...extra });
  };
  const people = [
    { key: names.self, label: names.person(names.self) },
    ...items.flatMap((i) =>
      i.type === 'relative'
        ? [
            {
              key: i.person,
              label: `${names.person(i.person)}（${RELATION_NAMES[i.relation] ?? i.relation}）`,
            },
          ]
        : [],
    ),
  ];

  const refuse = (error: unknown) =>
    setRefusal({ headline: headlineOf(error), problems: problemsOf(error, items) });

  async function onSave() {
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await save(form!);
      setForm({ ...form!, items: saved.items });
      setSavedAt(new Date(saved.updatedAt).toLocaleTimeString('zh-CN', { hour12: false }));
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit() {
    if (amending && !form!.amendmentReason.trim()) {
      setRefusal({
        headline: '更正已提交的申报，须填写更正原因',
        problems: [
          { path: '/amendmentReason', where: '更正原因', what: '请说明为什么更正（例如：漏报、信息有误）' },
        ],
      });
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const done = await submit(form!, amending);
      const notice = amending
        ? `已提交 ${year} 年度申报的更正（第 ${done.version} 版），原版本保留在历史中。`
        : `已提交 ${year} 年度申报（第 ${done.version} 版）。`;
      navigate('/', { state: { notice } });
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
    }
  }

  const addRelative = () =>
    restructure([...items, { type: 'relative', person: newPersonKey(items), relation: 'spouse', name: '' }]);
  const addTie = () =>
    restructure([...items, { type: 'affiliation', person: names.self, org: '', role: 'shareholder' }], {
      nothingToReport: false,
    });
  const removeRelative = (index: number, person: string) =>
    restructure(items.filter((it, i) => i !== index && !(it.type === 'affiliation' && it.person === person)));

  return (
    <div className="staff-desk">
      <PageHeader title={amending ? `更正 ${year} 年度申报` : `${year} 年度申报`}>
        <Link href="/">返回我的申报</Link>
      </PageHeader>
      <p className="campaign-line">
        截止日期 {campaign.data.dueOn} <StandingBadge mine={campaign.data.mine} />
      </p>
      {amending ? (
        <p className="notice">
          您已于 {campaign.data.mine.submittedOn} 提交第 {draft.basedOnVersion}{' '}
          版。更正将形成新的版本，原版本保留。
        </p>
      ) : (
        <p className="muted">
          下列事项已按系统登记的信息预先填好，请逐项核对：有误的请更正，漏填的请添加，不属实的请删除。
        </p>
      )}
      {refusal ? <DeclarationProblems {...refusal} /> : null}
      {savedAt ? (
        <p className="success" role="status">
          草稿已保存（{savedAt}），尚未提交。
        </p>
      ) : null}

      <Card
        title="近亲属"
        actions={
          <button type="button" className="secondary" onClick={addRelative}>
            添加亲属
          </button>
        }
      >
        {items.every((i) => i.type !== 'relative') ? <p className="muted">没有填写亲属。</p> : null}
        {items.map((item, index) =>
          item.type === 'relative' ? (
            <RelativeRow
              key={`${item.person}-${index}`}
              label={rowLabel(items, index)}
              item={item}
              names={names}
              errors={errorsOf(index)}
              tieCount={ties.filter((t) => t.person === item.person).length}
              onChange={(next: RelativeItem) => setItem(index, next)}
              onRemove={() => removeRelative(index, item.person)}
            />
          ) : null,
        )}
      </Card>

      <Card
        title="本人及近亲属在消防相关企业、行业协会、中介机构的任职、持股"
        actions={
          <button type="button" className="secondary" onClick={addTie}>
            添加任职持股
          </button>
        }
      >
        {ties.length === 0 ? <p className="muted">没有填写任职、持股。</p> : null}
        {items.map((item, index) =>
          item.type === 'affiliation' ? (
            <TieRow
              key={`tie-${index}`}
              label={rowLabel(items, index)}
              item={item}
              names={names}
              people={people}
              errors={errorsOf(index)}
              onChange={(next: TieItem) => setItem(index, next)}
              onRemove={() => restructure(items.filter((_, i) => i !== index))}
            />
          ) : null,
        )}
        <label
          className={`checkbox-field nothing-to-report${topError('/nothingToReport') ? ' field-invalid' : ''}`}
        >
          <input
            type="checkbox"
            checked={form.nothingToReport === true && ties.length === 0}
            disabled={ties.length > 0}
            aria-invalid={topError('/nothingToReport') ? true : undefined}
            onChange={(e) => update({ nothingToReport: e.target.checked })}
          />
          <span>无申报事项（本人及近亲属本年度在上述单位均无任职、持股）</span>
        </label>
        {topError('/nothingToReport') ? <p className="field-error">{topError('/nothingToReport')}</p> : null}
      </Card>

      {amending ? (
        <Card title="更正原因">
          <ItemField label="更正原因（必填）" error={topError('/amendmentReason')}>
            <textarea
              rows={3}
              value={form.amendmentReason}
              onChange={(e) => update({ amendmentReason: e.target.value })}
            />
          </ItemField>
        </Card>
      ) : null}

      <div className="button-row form-actions">
        <button type="button" className="secondary" disabled={busy} onClick={onSave}>
          保存草稿
        </button>
        <button type="button" disabled={busy} onClick={onSubmit}>
          {amending ? '提交更正' : '提交申报'}
        </button>
      </div>
    </div>
  );
}
