import { useId, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/ui.tsx';
import { NODE_KIND_NAMES } from '../../i18n/zh.ts';
import { searchNodes, type Candidate } from './search-nodes.ts';
import type { Picked } from './types.ts';

interface NodePickerProps {
  /** What is being picked: 中心对象, 起点, 终点 (the search box's label). */
  name: string;
  picked: Picked | null;
  onPick(picked: Picked | null): void;
}

type Search =
  | { kind: 'idle' }
  | { kind: 'searching'; text: string }
  | { kind: 'done'; text: string; found: Candidate[] }
  | { kind: 'failed'; error: unknown };

/** A search box for a person or organisation (name, staff number, credit code) and the list to pick from. */
export function NodePicker({ name, picked, onPick }: NodePickerProps) {
  const inputId = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    setSearch({ kind: 'searching', text: q });
    try {
      setSearch({ kind: 'done', text: q, found: await searchNodes(q) });
    } catch (error) {
      setSearch({ kind: 'failed', error });
    }
  }

  function choose(c: Candidate) {
    onPick({ key: c.key, label: c.label });
    setSearch({ kind: 'idle' });
  }

  return (
    <div className="node-picker">
      <form onSubmit={submit} role="search" aria-label={name}>
        <label className="field-label" htmlFor={inputId}>
          {name}
        </label>
        <div className="picker-row">
          <input
            id={inputId}
            type="search"
            value={text}
            placeholder="姓名、单位名称、工号或信用代码"
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" aria-label={`查找${name}`} disabled={search.kind === 'searching'}>
            查找
          </button>
        </div>
      </form>
      {picked ? (
        <p className="picked">
          已选：<strong>{picked.label}</strong>
          <button type="button" className="link-button" onClick={() => onPick(null)}>
            清除
          </button>
        </p>
      ) : null}
      {search.kind === 'searching' ? (
        <p className="muted" role="status">
          正在查找“{search.text}”…
        </p>
      ) : null}
      {search.kind === 'failed' ? <ProblemAlert error={search.error} /> : null}
      {search.kind === 'done' && search.found.length === 0 ? (
        <p className="empty" role="status">
          没有找到与“{search.text}”匹配的人员或单位。
        </p>
      ) : null}
      {search.kind === 'done' && search.found.length > 0 ? (
        <ul className="candidates" aria-label={`${name}：查找结果`}>
          {search.found.map((c) => (
            <li key={c.key}>
              <button type="button" className="candidate" onClick={() => choose(c)}>
                <span className={`kind-dot kind-${c.kind}`} aria-hidden="true" />
                <strong>{c.label}</strong>
                <small>
                  {NODE_KIND_NAMES[c.kind]}
                  {c.detail ? ` · ${c.detail}` : ''}
                </small>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
