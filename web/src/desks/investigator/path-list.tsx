import { Card } from '../../components/ui.tsx';
import { EDGE_KIND_NAMES } from '../../i18n/zh.ts';
import { EDGE_COLOURS } from '../../components/graph-view.tsx';
import { periodOf } from './merge.ts';
import type { PathsAnswer, Picked } from './types.ts';

interface PathListProps {
  answer: PathsAnswer;
  ends: { from: Picked; to: Picked };
  /** The path drawn emphasised; null: all of them. */
  selected: number | null;
  onSelect(index: number | null): void;
}

/** The paths found, hop by hop: who or what, by which tie, over which dates. */
export function PathList({ answer, ends, selected, onSelect }: PathListProps) {
  const title = `${ends.from.label} → ${ends.to.label}`;
  return (
    <Card title="关系路径">
      <p className="muted">
        {title}，按 {answer.asOf} 有效的关系，最多 {answer.maxDepth} 步。
      </p>
      {answer.paths.length === 0 ? (
        <p className="empty" role="status">
          在 {answer.maxDepth} 步以内没有找到从“{ends.from.label}”到“{ends.to.label}”的关系路径。
        </p>
      ) : (
        <>
          <p role="status">
            找到 {answer.paths.length} 条路径{answer.truncated ? '（只列出最短的一部分）' : ''}。
            {answer.paths.length > 1 ? (
              <button
                type="button"
                className="link-button"
                onClick={() => onSelect(null)}
                disabled={selected === null}
              >
                在图中突出全部路径
              </button>
            ) : null}
          </p>
          <ol className="path-list" aria-label="路径列表">
            {answer.paths.map((path, i) => (
              <li
                key={path.map((h) => h.edge?.key ?? h.node).join('>')}
                className={selected === i ? 'selected' : ''}
              >
                <div className="path-head">
                  <strong>
                    路径 {i + 1}（{path.length - 1} 步）
                  </strong>
                  <button
                    type="button"
                    className="secondary"
                    aria-pressed={selected === i}
                    onClick={() => onSelect(selected === i ? null : i)}
                  >
                    {selected === i ? '取消突出' : `在图中突出路径 ${i + 1}`}
                  </button>
                </div>
                <ol className="hops" aria-label={`路径 ${i + 1}`}>
                  {path.map((hop, j) => (
                    <li key={`${hop.node}-${j}`}>
                      {hop.edge ? (
                        <span className="hop-edge">
                          <i
                            style={{ background: EDGE_COLOURS[hop.edge.kind] ?? '#94a3b8' }}
                            aria-hidden="true"
                          />
                          <span title={hop.edge.direction === 'forward' ? '顺关系方向' : '逆关系方向'}>
                            {hop.edge.direction === 'forward' ? '↓' : '↑'}
                          </span>
                          {EDGE_KIND_NAMES[hop.edge.kind] ?? hop.edge.kind}：{hop.edge.label}
                          <small>（{periodOf(hop.edge.from, hop.edge.to)}）</small>
                        </span>
                      ) : null}
                      <span
                        className={`hop-node kind-${hop.kind === 'person' && hop.staffNos?.length ? 'staff' : hop.kind}`}
                      >
                        {hop.label}
                      </span>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
