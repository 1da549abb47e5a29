import { Badge } from '../../components/ui.tsx';
import { RELATION_NAMES } from '../../i18n/zh.ts';
import { ItemField, type FieldErrors } from './item-field.tsx';
import type { Names } from './names.ts';
import { isNewPerson, type RelativeItem } from './types.ts';

/** One declared relative: a recorded one can be corrected (relation) or removed; a new one needs a name. */
export function RelativeRow({
  label,
  item,
  names,
  errors,
  tieCount,
  onChange,
  onRemove,
}: {
  label: string;
  item: RelativeItem;
  names: Names;
  errors: FieldErrors;
  tieCount: number;
  onChange(item: RelativeItem): void;
  onRemove(): void;
}) {
  const added = isNewPerson(item.person);
  return (
    <fieldset className="item-row">
      <legend>
        {label} {item.basis?.known ? <Badge tone="ok">系统已登记</Badge> : <Badge tone="due">新增</Badge>}
      </legend>
      {errors('') ? <p className="field-error">{errors('')}</p> : null}
      <div className="item-fields">
        {added ? (
          <>
            <ItemField label="姓名" error={errors('name')}>
              <input
                value={item.name ?? ''}
                autoComplete="off"
                onChange={(e) => onChange({ ...item, name: e.target.value })}
              />
            </ItemField>
            <ItemField label="身份证号码" error={errors('idNumber')} hint="知道的请填写">
              <input
                value={item.idNumber ?? ''}
                inputMode="text"
                autoComplete="off"
                onChange={(e) => onChange({ ...item, idNumber: e.target.value })}
              />
            </ItemField>
          </>
        ) : (
          <div className="field">
            <span className="field-label">姓名</span>
            <span>{names.person(item.person)}</span>
            {errors('person') ? <span className="field-error">{errors('person')}</span> : null}
          </div>
        )}
        <ItemField label="与本人关系" error={errors('relation')}>
          <select value={item.relation} onChange={(e) => onChange({ ...item, relation: e.target.value })}>
            {Object.entries(RELATION_NAMES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </ItemField>
        {added && errors('person') ? <p className="field-error">{errors('person')}</p> : null}
      </div>
      <button type="button" className="secondary" onClick={onRemove}>
        删除{label}
        {tieCount ? `（连同其 ${tieCount} 项任职持股）` : ''}
      </button>
    </fieldset>
  );
}
