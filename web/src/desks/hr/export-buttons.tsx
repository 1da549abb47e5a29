import { useState } from 'react';
import { download } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ui.tsx';

type Query = Record<string, string | number | undefined>;

/** 导出 CSV / Excel of one export route, with the session's token; a refused export is shown, not lost. */
export function ExportButtons({
  path,
  filename,
  query = {},
  what,
}: {
  path: string;
  filename: string;
  query?: Query;
  what: string;
}) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>();
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(undefined);
    try {
      await download(path, `${filename}.${format}`, { ...query, format });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="hr-export">
      <div className="button-row" role="group" aria-label={`导出${what}`}>
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => run('csv')}>
          {busy === 'csv' ? '正在导出…' : '导出 CSV'}
        </button>
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => run('xlsx')}>
          {busy === 'xlsx' ? '正在导出…' : '导出 Excel'}
        </button>
      </div>
      <ProblemAlert error={error} />
    </div>
  );
}
