import { Field } from '../../components/ui.tsx';
import { EDGE_COLOURS } from '../../components/graph-view.tsx';
import { EDGE_KIND_NAMES } from '../../i18n/zh.ts';
import { EDGE_KINDS, type EdgeKind, type GraphParams } from './types.ts';

interface GraphControlsProps {
  params: GraphParams;
  /** The day the server answered for, shown when no day was chosen. */
  answeredAsOf: string | null;
  onChange(params: GraphParams): void;
}

export const LIMITS = [20, 100, 500, 2000];

/** The as-of day, depth, node cap and the kinds of tie to follow. */
export function GraphControls({ params, answeredAsOf, onChange }: GraphControlsProps) {
  const set = (patch: Partial<GraphParams>) => onChange({ ...params, ...patch });
  const following = new Set<EdgeKind>(params.kinds.length ? params.kinds : EDGE_KINDS);
  function toggle(kind: EdgeKind, on: boolean) {
    const next = EDGE_KINDS.filter((k) => (k === kind ? on : following.has(k)));
    if (next.length === 0) return; // at least one kind: the server refuses an empty list
    set({ kinds: next.length === EDGE_KINDS.length ? [] : next });
  }
  return (
    <div className="graph-controls">
      <div className="filters">
        <Field
          label="查询日期"
          hint={
            params.asOf ? '按该日有效的关系' : `未选择：按今天${answeredAsOf ? `（${answeredAsOf}）` : ''}`
          }
        >
          <input type="date" value={params.asOf} onChange={(e) => set({ asOf: e.target.value })} />
        </Field>
        <Field label="关系层数">
          <select value={params.depth} onChange={(e) => set({ depth: Number(e.target.value) })}>
            <option value={1}>1 层（直接关系）</option>
            <option value={2}>2 层</option>
            <option value={3}>3 层</option>
          </select>
        </Field>
        <Field label="节点上限">
          <select value={params.limit} onChange={(e) => set({ limit: Number(e.target.value) })}>
            {LIMITS.map((l) => (
              <option key={l} value={l}>
                {l} 个
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="edge-kinds">
        <legend>关系类型</legend>
        {EDGE_KINDS.map((k) => (
          <label key={k} className="edge-kind">
            <input
              type="checkbox"
              checked={following.has(k)}
              disabled={following.size === 1 && following.has(k)}
              onChange={(e) => toggle(k, e.target.checked)}
            />
            <i style={{ background: EDGE_COLOURS[k] }} aria-hidden="true" />
            {EDGE_KIND_NAMES[k]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
