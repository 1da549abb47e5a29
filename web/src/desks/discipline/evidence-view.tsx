import { useMemo } from 'react';
import { Link } from 'wouter';
import { GraphView } from '../../components/graph-view.tsx';
import { Empty } from '../../components/ui.tsx';
import { evidenceGraph, evidenceRecords, factLines } from './evidence.ts';
import type { Flag } from './types.ts';
import { deskHref } from '../../links.ts';

/** The evidence of a flag: its paths drawn as a small graph, the records they pass with dates, the facts. */
export function EvidenceView({ flag }: { flag: Flag }) {
  const { paths, facts, asOf } = flag.evidence;
  const graph = useMemo(() => evidenceGraph(paths), [paths]);
  const records = useMemo(() => evidenceRecords(paths), [paths]);
  const lines = useMemo(() => factLines(facts), [facts]);
  const focus = useMemo(
    () => [...new Set(paths.flatMap((p) => [p[0]?.node, p.at(-1)?.node]).filter((n): n is string => !!n))],
    [paths],
  );

  return (
    <>
      <p className="muted">
        证据截至 {asOf}（筛查基准日）。
        {focus[0] ? (
          // `~` is the whole address (/app included): the investigator's desk reads the node and day from it.
          <Link href={deskHref(`/graph?${new URLSearchParams({ node: focus[0], asOf })}`)}>
            在关系图谱中展开
          </Link>
        ) : null}
      </p>
      {graph.nodes.length > 0 ? (
        <GraphView nodes={graph.nodes} edges={graph.edges} focus={focus} height={320} label="证据路径图" />
      ) : null}

      <h3>证据记录</h3>
      {records.length === 0 ? (
        <Empty>此线索不经由关系记录，依据见下列事实。</Empty>
      ) : (
        <div className="table-scroll">
          <table aria-label="证据记录">
            <thead>
              <tr>
                <th>#</th>
                <th>关系</th>
                <th>从</th>
                <th>到</th>
                <th>记录</th>
                <th>日期</th>
                <th>来源</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r, i) => (
                <tr key={r.key}>
                  <td>{i + 1}</td>
                  <td className="nowrap">{r.kind}</td>
                  <td>{r.from}</td>
                  <td>{r.to}</td>
                  <td>{r.what}</td>
                  <td className="nowrap">{r.period}</td>
                  <td>{r.source ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {lines.length > 0 ? (
        <>
          <h3>比对的事实</h3>
          <dl className="facts" aria-label="比对的事实">
            {lines.map((l) => (
              <div key={l.key}>
                <dt>{l.label}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </>
  );
}
