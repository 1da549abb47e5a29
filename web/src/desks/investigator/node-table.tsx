import { NODE_KIND_NAMES, ORG_KIND_NAMES } from '../../i18n/zh.ts';
import type { HoodNode } from './types.ts';

interface NodeTableProps {
  nodes: HoodNode[];
  center: string | null;
  expanded: string[];
  onExpand(node: string): void;
  onCentre(node: HoodNode): void;
}

function kindOf(n: HoodNode) {
  if (n.kind === 'org' && n.orgKind) return ORG_KIND_NAMES[n.orgKind] ?? NODE_KIND_NAMES.org;
  if (n.kind === 'person' && n.staffNos?.length) return '消防人员';
  return NODE_KIND_NAMES[n.kind];
}

/** The drawn nodes as a table, so every node can be expanded or re-centred from the keyboard. */
export function NodeTable({ nodes, center, expanded, onExpand, onCentre }: NodeTableProps) {
  return (
    <details className="node-table">
      <summary>图中对象（{nodes.length} 个）：展开或改为中心</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>名称</th>
              <th>类型</th>
              <th>距中心</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => {
              const done = n.node === center || expanded.includes(n.node);
              return (
                <tr key={n.node}>
                  <td>{n.label}</td>
                  <td>{kindOf(n)}</td>
                  <td>{n.depth >= 0 ? `${n.depth} 层` : '路径'}</td>
                  <td className="button-row">
                    <button
                      type="button"
                      className="secondary"
                      disabled={done}
                      aria-label={`展开 ${n.label}`}
                      onClick={() => onExpand(n.node)}
                    >
                      {done ? '已展开' : '展开'}
                    </button>
                    {n.node !== center ? (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`以 ${n.label} 为中心`}
                        onClick={() => onCentre(n)}
                      >
                        设为中心
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
