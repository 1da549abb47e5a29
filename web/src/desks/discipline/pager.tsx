import { useEffect, useState } from 'react';

export interface Pages {
  cursor: string | undefined;
  pageNo: number;
  next(cursor: string): void;
  previous(): void;
  restart(): void;
}

/** Keyset paging: the cursors of the pages read so far; a change of `resetKey` (the filters) starts again. */
export function usePages(resetKey: string): Pages {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setCursors([undefined]), [resetKey]);
  return {
    cursor: cursors.at(-1),
    pageNo: cursors.length,
    next: (cursor) => setCursors((c) => [...c, cursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    restart: () => setCursors([undefined]),
  };
}

export function Pager({ pages, nextCursor }: { pages: Pages; nextCursor: string | null }) {
  return (
    <nav className="pager" aria-label="翻页">
      <button type="button" className="secondary" disabled={pages.pageNo === 1} onClick={pages.previous}>
        上一页
      </button>
      <span className="muted">第 {pages.pageNo} 页</span>
      <button
        type="button"
        className="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && pages.next(nextCursor)}
      >
        下一页
      </button>
    </nav>
  );
}
