import { nameOf, ORG_KIND_NAMES, RELATION_NAMES, ROLE_IN_ORG_NAMES } from '../../i18n/zh.ts';
import type { Names } from './names.ts';
import type { Item } from './types.ts';

const period = (from?: string | null, to?: string | null) =>
  from || to ? `${from ?? '…'} 至 ${to ?? '今'}` : '';

/** A submitted version's items, read-only: relatives, then ties, in words. */
export function ItemList({ items, names }: { items: Item[]; names: Names }) {
  const relatives = items.filter((i) => i.type === 'relative');
  const ties = items.filter((i) => i.type === 'affiliation');
  return (
    <div className="item-list">
      <h3>近亲属</h3>
      {relatives.length ? (
        <ul>
          {relatives.map((r) => (
            <li key={r.person}>
              {nameOf(RELATION_NAMES, r.relation)}：{names.person(r.person)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">未填写</p>
      )}
      <h3>任职、持股</h3>
      {ties.length ? (
        <ul>
          {ties.map((t) => (
            <li key={`${t.person}-${t.org}-${t.role}`}>
              {names.person(t.person)} · {names.org(t.org) ?? t.org}
              {t.orgKind ? `（${nameOf(ORG_KIND_NAMES, t.orgKind)}）` : ''} ·{' '}
              {nameOf(ROLE_IN_ORG_NAMES, t.role)}
              {t.share ? ` · 持股 ${t.share}%` : ''}
              {t.paid ? ' · 领取报酬' : ''} {period(t.from, t.to)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">无</p>
      )}
    </div>
  );
}
