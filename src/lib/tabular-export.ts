import ExcelJS from 'exceljs';

/** A table to hand to people: column headers (often Chinese) and rows of plain values. */
export interface Table {
  sheet: string;
  columns: { key: string; header: string }[];
  rows: Record<string, string | number | boolean | null>[];
}

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV with a UTF-8 BOM so Excel opens Chinese text correctly. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(table: Table): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet);
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(10, c.header.length * 2 + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The body and headers of a download in the requested format. */
export async function renderTable(
  table: Table,
  format: ExportFormat,
  filename: string,
): Promise<{ body: string | Uint8Array; headers: Record<string, string> }> {
  const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
  return {
    body,
    headers: {
      'content-type': EXPORT_MEDIA_TYPES[format],
      'content-disposition': `attachment; filename="${filename}.${format}"`,
    },
  };
}
