import { FLAG_STATUS_NAMES, nameOf } from '../../i18n/zh.ts';
import { Badge } from '../../components/ui.tsx';
import { when } from './format.ts';
import type { FlagEvent } from './types.ts';

/** The status history of a flag: raised, decided, resolved, reopened, with who and why. */
export function FlagHistory({ events }: { events: FlagEvent[] }) {
  return (
    <div className="table-scroll">
      <table aria-label="状态记录">
        <thead>
          <tr>
            <th>时间</th>
            <th>变化</th>
            <th>操作人</th>
            <th>理由</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={`${e.at}-${i}`}>
              <td className="nowrap">{when(e.at)}</td>
              <td className="nowrap">
                {e.fromStatus ? (
                  <>
                    <Badge tone={e.fromStatus}>{nameOf(FLAG_STATUS_NAMES, e.fromStatus)}</Badge> →{' '}
                  </>
                ) : (
                  '发现 → '
                )}
                <Badge tone={e.toStatus}>{nameOf(FLAG_STATUS_NAMES, e.toStatus)}</Badge>
              </td>
              <td>{e.screeningId ? `筛查（${e.screeningId.slice(0, 8)}）` : e.actor}</td>
              <td>{e.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
