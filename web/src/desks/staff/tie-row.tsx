import { Badge } from '../../components/ui.tsx';
import { ORG_KIND_NAMES, ROLE_IN_ORG_NAMES } from '../../i18n/zh.ts';
import { ItemField, type FieldErrors } from './item-field.tsx';
import type { Names } from './names.ts';
import type { TieItem } from './types.ts';

/**
 * One tie (任职、持股) of the staff member or a declared relative to an organisation. A tie the records already
 * hold names its organisation; a new one gives the credit code, and for an organisation not yet recorded its
 * name, kind and region.
 */
export function TieRow({
  label,
  item,
  names,
  people,
  errors,
  onChange,
  onRemove,
}: {
  label: string;
  item: TieItem;
  names: Names;
  /** Who may hold a tie: the staff member and each relative in the declaration. */
  people: { key: string; label: string }[];
  errors: FieldErrors;
  onChange(item: TieItem): void;
  onRemove(): void;
}) {
  const known = item.basis?.known ?? false;
  const orgName = names.org(item.org);
  const text = (value: string) => (value.trim() === '' ? undefined : value);
  return (
    <fieldset className="item-row">
      <legend>
        {label} {known ? <Badge tone="ok">系统已登记</Badge> : <Badge tone="due">新增</Badge>}
      </legend>
      {errors('') ? <p className="field-error">{errors('')}</p> : null}
      <div className="item-fields">
        <ItemField label="人员" error={errors('person')}>
          <select value={item.person} onChange={(e) => onChange({ ...item, person: e.target.value })}>
            {people.some((p) => p.key === item.person) ? null : (
              <option value={item.person}>{names.person(item.person)}</option>
            )}
            {people.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </select>
        </ItemField>
        {known ? (
          <div className="field">
            <span className="field-label">单位</span>
            <span>
              {orgName ?? item.org} <small className="muted">{item.org}</small>
            </span>
          </div>
        ) : (
          <ItemField label="统一社会信用代码" error={errors('org')}>
            <input
              value={item.org}
              maxLength={18}
              autoComplete="off"
              onChange={(e) => onChange({ ...item, org: e.target.value.trim().toUpperCase() })}
            />
          </ItemField>
        )}
        {!known && !orgName ? (
          <>
            <ItemField label="单位名称" error={errors('orgName')} hint="单位尚未在系统登记时必填">
              <input
                value={item.orgName ?? ''}
                onChange={(e) => onChange({ ...item, orgName: text(e.target.value) })}
              />
            </ItemField>
            <ItemField label="单位类别" error={errors('orgKind')}>
              <select
                value={item.orgKind ?? ''}
                onChange={(e) => onChange({ ...item, orgKind: text(e.target.value) })}
              >
                <option value="">请选择</option>
                {Object.entries(ORG_KIND_NAMES).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </ItemField>
            <ItemField label="所在地区代码" error={errors('orgRegion')} hint="6 位行政区划代码，如 230502">
              <input
                value={item.orgRegion ?? ''}
                inputMode="numeric"
                maxLength={6}
                onChange={(e) => onChange({ ...item, orgRegion: text(e.target.value) })}
              />
            </ItemField>
          </>
        ) : null}
        <ItemField label="身份" error={errors('role')}>
          <select value={item.role} onChange={(e) => onChange({ ...item, role: e.target.value })}>
            {Object.entries(ROLE_IN_ORG_NAMES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </ItemField>
        <ItemField label="起始日期" error={errors('from')}>
          <input
            type="date"
            value={item.from ?? ''}
            onChange={(e) => onChange({ ...item, from: e.target.value || null })}
          />
        </ItemField>
        <ItemField label="终止日期" error={errors('to')} hint="仍在任的不填">
          <input
            type="date"
            value={item.to ?? ''}
            onChange={(e) => onChange({ ...item, to: e.target.value || null })}
          />
        </ItemField>
        <ItemField label="持股比例（%）" error={errors('share')}>
          <input
            type="number"
            min={0}
            max={100}
            step="any"
            value={item.share ?? ''}
            onChange={(e) =>
              onChange({ ...item, share: e.target.value === '' ? null : Number(e.target.value) })
            }
          />
        </ItemField>
        <label className="field checkbox-field">
          <input
            type="checkbox"
            checked={item.paid ?? false}
            onChange={(e) => onChange({ ...item, paid: e.target.checked })}
          />
          <span>领取报酬</span>
        </label>
      </div>
      <button type="button" className="secondary" onClick={onRemove}>
        删除{label}
      </button>
    </fieldset>
  );
}
