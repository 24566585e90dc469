import ExcelJS from 'exceljs';
import { COLUMNS } from '@/lib/entry/layout';

/** Test helpers for the offline entry workbook: open it, find rows by their hidden key, write it back. */
export async function openWorkbook(bytes: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

export function rowWithKey(ws: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(COLUMNS.key).value === key) return ws.getRow(r);
  throw new Error(`no row with key ${key}`);
}

/** The row of an indicator (its first part for a compound target) by the indicator's id. */
export function rowOfIndicator(ws: ExcelJS.Worksheet, indicatorId: number, part: number | null = null): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) {
    const key = String(ws.getRow(r).getCell(COLUMNS.key).value ?? '');
    const [id, , p] = key.split(':');
    if (Number(id) === indicatorId && (part === null ? p === undefined : Number(p) === part + 1)) return ws.getRow(r);
  }
  throw new Error(`no row for indicator ${indicatorId}`);
}

export async function base64Of(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
