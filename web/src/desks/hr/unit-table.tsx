import type { UnitSummary } from './types.ts';

/** Per unit: headcount, the share cap, moves out and in, and the enforcement officers kept. */
export function UnitTable({ units }: { units: UnitSummary[] }) {
  return (
    <div className="table-scroll">
      <table aria-label="各单位调整情况">
        <thead>
          <tr>
            <th>单位</th>
            <th>在岗人数</th>
            <th>最多调出</th>
            <th>调出</th>
            <th>调入</th>
            <th>持证执法人员（调整前 → 后）</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.unit}>
              <td>{u.unit}</td>
              <td>{u.headcount}</td>
              <td>{u.maxMovesOut}</td>
              <td>{u.movesOut}</td>
              <td>{u.movesIn}</td>
              <td>
                {u.enforcementUnit ? (
                  <span className={u.officersAfter < 2 ? 'hr-warn' : ''}>
                    {u.officersBefore} → {u.officersAfter}
                  </span>
                ) : (
                  <span className="muted">非执法单位</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
