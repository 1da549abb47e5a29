import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type Table } from './tabular-export.ts';

const table: Table = {
  sheet: '轮岗',
  columns: [
    { key: 'staffNo', header: '工号' },
    { key: 'note', header: '备注' },
  ],
  rows: [
    { staffNo: 'S001', note: '含,逗号 "引号"' },
    { staffNo: 'S002', note: '=HYPERLINK("x")' },
    { staffNo: 'S003', note: null },
  ],
};

describe('tabular export', () => {
  it('writes CSV with a BOM, quoting, and formula cells defused', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF工号,备注\r\n')).toBe(true);
    expect(csv).toContain('S001,"含,逗号 ""引号"""');
    expect(csv).toContain(`S002,"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('S003,\r\n');
  });

  it('writes an XLSX workbook that reads back', async () => {
    const bytes = await toXlsx(table);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('轮岗')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('工号');
    expect(sheet.getRow(2).getCell(2).value).toBe('含,逗号 "引号"');
    expect(sheet.rowCount).toBe(4);
  });
});
