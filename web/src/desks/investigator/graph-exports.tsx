import { useState } from 'react';
import { downloadAsPNG } from '@sigma/export-image';
import type Sigma from 'sigma';
import { download } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ui.tsx';
import { queryOf } from './use-neighbourhoods.ts';
import type { GraphParams, Picked } from './types.ts';

interface GraphExportsProps {
  sigma: Sigma | null;
  center: Picked | null;
  params: GraphParams;
  asOf: string | null;
  drawn: boolean;
}

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

/** The picture as drawn (PNG), and the centre's neighbourhood as GEXF for Gephi. */
export function GraphExports({ sigma, center, params, asOf, drawn }: GraphExportsProps) {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<'png' | 'gexf' | null>(null);
  const base = fileSafe(`关系图谱_${center?.label ?? '路径'}_${asOf ?? params.asOf ?? ''}`);

  async function run(kind: 'png' | 'gexf', job: () => Promise<void>) {
    setBusy(kind);
    setError(undefined);
    try {
      await job();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="graph-exports">
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={!sigma || !drawn || busy !== null}
          onClick={() =>
            run('png', () => downloadAsPNG(sigma!, { fileName: base, backgroundColor: '#ffffff' }))
          }
        >
          {busy === 'png' ? '正在导出…' : '导出图片（PNG）'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!center || busy !== null}
          title="中心对象按当前日期、层数和关系类型的关系网络，可用 Gephi 打开"
          onClick={() =>
            run('gexf', () =>
              download(
                '/api/v1/graph/neighborhood.gexf',
                `${base}.gexf`,
                queryOf(params, center!.key, params.depth),
              ),
            )
          }
        >
          {busy === 'gexf' ? '正在导出…' : '导出 GEXF'}
        </button>
      </div>
      <ProblemAlert error={error} />
    </div>
  );
}
