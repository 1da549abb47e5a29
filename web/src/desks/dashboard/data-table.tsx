/** The numbers behind a chart, for screen readers (and tests): rows of a name and its counts. */
export function DataTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: string[];
  rows: { name: string; values: number[] }[];
}) {
  return (
    <table className="visually-hidden" aria-label={label}>
      <thead>
        <tr>
          <th>名称</th>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th>{r.name}</th>
            {r.values.map((v, i) => (
              <td key={columns[i]}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
