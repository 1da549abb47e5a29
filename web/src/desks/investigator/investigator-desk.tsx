import { useCallback, useMemo, useState } from 'react';
import type Sigma from 'sigma';
import { GraphView } from '../../components/graph-view.tsx';
import { Card, Empty, PageHeader, ProblemAlert } from '../../components/ui.tsx';
import { GraphControls } from './graph-controls.tsx';
import { GraphExports } from './graph-exports.tsx';
import { pathEdges, toGraphView, withPaths } from './merge.ts';
import { NodePicker } from './node-picker.tsx';
import { NodeTable } from './node-table.tsx';
import { PathFinder } from './path-finder.tsx';
import { PathList } from './path-list.tsx';
import type { GraphParams, PathsAnswer, Picked } from './types.ts';
import { useNeighbourhoods } from './use-neighbourhoods.ts';
import { readDeskUrl, useDeskUrl } from './desk-url.ts';
import './investigator.css';

interface FoundPaths {
  answer: PathsAnswer;
  ends: { from: Picked; to: Picked };
}

/** 关系图谱: a person's or organisation's network as of a day, grown by expanding nodes, and paths between two. */
export default function InvestigatorDesk() {
  const [initial] = useState(() => readDeskUrl(window.location.search));
  const [params, setParams] = useState<GraphParams>(initial.params);
  const [center, setCenter] = useState<Picked | null>(initial.center);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [paths, setPaths] = useState<FoundPaths | null>(null);
  const [selectedPath, setSelectedPath] = useState<number | null>(null);
  const [sigma, setSigma] = useState<Sigma | null>(null);
  const hood = useNeighbourhoods(center?.key ?? null, expanded, params);
  useDeskUrl(center, params);

  const centre = useCallback((picked: Picked | null) => {
    setCenter(picked);
    setExpanded([]);
  }, []);
  const expand = useCallback(
    (node: string) => setExpanded((list) => (list.includes(node) ? list : [...list, node])),
    [],
  );
  function changeParams(next: GraphParams) {
    // Paths found for another day or other kinds of tie no longer describe what is drawn.
    if (next.asOf !== params.asOf || next.kinds.join() !== params.kinds.join()) setPaths(null);
    setParams(next);
  }

  const found = useMemo(() => paths?.answer.paths ?? [], [paths]);
  const drawing = useMemo(
    () => withPaths({ nodes: hood.nodes, edges: hood.edges }, found),
    [hood.nodes, hood.edges, found],
  );
  const view = useMemo(() => toGraphView(drawing), [drawing]);
  const highlight = useMemo(() => {
    if (found.length === 0) return null;
    const lit = selectedPath === null ? found : found.slice(selectedPath, selectedPath + 1);
    return {
      nodes: [...new Set(lit.flatMap((p) => p.map((h) => h.node)))],
      edges: [...new Set(lit.flatMap((p) => pathEdges(p).map((e) => e.key)))],
    };
  }, [found, selectedPath]);
  // The server names a staff member's node by the person (staff:S001 is person:P1) and a centre read from the
  // address has no label yet: its answer says both.
  const centreNode = center ? hood.nodes.find((n) => n.depth === 0) : undefined;
  const centerKey = center ? (centreNode?.node ?? center.key) : null;
  const shownCenter = center && centreNode ? { key: center.key, label: centreNode.label } : center;
  const focus = useMemo(() => {
    const keys = centerKey ? [centerKey] : [];
    for (const p of found) keys.push(p[0]!.node, p[p.length - 1]!.node);
    return [...new Set(keys)];
  }, [centerKey, found]);
  const labelOf = (key: string) => drawing.nodes.find((n) => n.node === key)?.label ?? key;
  const drawn = view.nodes.length > 0;

  return (
    <div className="investigator-desk">
      <PageHeader title="关系图谱">
        <GraphExports sigma={sigma} center={shownCenter} params={params} asOf={hood.asOf} drawn={drawn} />
      </PageHeader>
      <div className="investigator-layout">
        <div className="investigator-side">
          <Card title="查找人员或单位">
            <NodePicker name="中心对象" picked={shownCenter} onPick={centre} />
          </Card>
          <PathFinder
            params={params}
            center={shownCenter}
            onFound={(answer, ends) => {
              setPaths(answer && ends ? { answer, ends } : null);
              setSelectedPath(null);
            }}
          />
        </div>
        <div className="investigator-main">
          <Card>
            <GraphControls params={params} answeredAsOf={hood.asOf} onChange={changeParams} />
            <ProblemAlert error={hood.error} />
            {hood.truncated.length > 0 ? (
              <p className="notice" role="status">
                结果已截断：{hood.truncated.map(labelOf).join('、')} 的关系超过节点上限（{params.limit}{' '}
                个），图中只显示一部分。可减少关系层数、限定关系类型或提高节点上限。
              </p>
            ) : null}
            {hood.loading ? (
              <p className="muted" role="status">
                正在加载关系网络…
              </p>
            ) : null}
            {drawn ? (
              <>
                <p className="muted graph-summary">
                  {shownCenter ? `中心：${shownCenter.label}；` : ''}
                  {view.nodes.length} 个对象、{view.edges.length} 条关系，按 {hood.asOf ?? paths?.answer.asOf}{' '}
                  有效的关系绘制。点击图中的对象可展开它的直接关系。
                </p>
                <GraphView
                  nodes={view.nodes}
                  edges={view.edges}
                  focus={focus}
                  highlight={highlight}
                  height={560}
                  label="关系网络图"
                  onNodeClick={expand}
                  onReady={setSigma}
                />
                <NodeTable
                  nodes={drawing.nodes}
                  center={centerKey}
                  expanded={expanded}
                  onExpand={expand}
                  onCentre={(n) => centre({ key: n.node, label: n.label })}
                />
              </>
            ) : hood.loading ? null : (
              <Empty>
                查找并选定一个人员或单位，这里会画出其关系网络；也可以在左侧查找两个对象之间的关系路径。
              </Empty>
            )}
          </Card>
          {paths ? (
            <PathList
              answer={paths.answer}
              ends={paths.ends}
              selected={selectedPath}
              onSelect={setSelectedPath}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
