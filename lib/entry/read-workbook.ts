import ExcelJS from 'exceljs';
import { dec } from '@/lib/decimal';
import { checkWorkbook, UNREADABLE_WORKBOOK } from '@/lib/targets/xlsx-guard';
import { COLUMNS, FIRST_ROW, LAST_VISIBLE_COLUMN, TITLE_ROW } from './layout';

/**
 * Reads an uploaded entry workbook into plain rows: every cell the upload may change as the text the
 * form would have received, or the reason it cannot be read (a formula, a date, an error value).
 * The file is checked against the import limits (size, inflated size, rows, columns, a zip bomb)
 * before exceljs loads it, and nothing here throws.
 */
export type CellRead = { text: string } | { problem: string };

export interface RawRow {
  /** The sheet's row number, as Excel shows it. */
  row: number;
  /** Column K; '' for a row that has none (one inserted by hand). */
  key: string;
  value: CellRead;
  percent: CellRead;
  explanation: CellRead;
}

export interface RawSheet {
  name: string;
  /** K1: the sheet key; '' on a sheet that is not an entry sheet. */
  key: string;
  title: string;
  rows: RawRow[];
}

export type ReadOutcome = { ok: true; sheets: RawSheet[] } | { ok: false; message: string };

export const NOT_A_WORKBOOK = '无法读取该文件：请上传从本系统下载并填写好的填报表（.xlsx 格式）';

const EMPTY: CellRead = { text: '' };

/** A number as typed: its shortest decimal form; a cell formatted as percent (98%) holds 0.98 and reads as 98. */
function numberText(value: number, format: string): string {
  const text = String(value);
  if (!format.includes('%') || !Number.isFinite(value)) return text;
  return dec(text).times(100).toFixed();
}

export function readCell(cell: ExcelJS.Cell): CellRead {
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return EMPTY;
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return { text: String(value) };
    case ExcelJS.ValueType.Number:
      return { text: numberText(value as number, cell.numFmt ?? '') };
    case ExcelJS.ValueType.Boolean:
      return { text: value ? 'TRUE' : 'FALSE' };
    case ExcelJS.ValueType.RichText:
      return { text: (value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('') };
    case ExcelJS.ValueType.Hyperlink:
      return { text: String((value as ExcelJS.CellHyperlinkValue).text ?? '') };
    case ExcelJS.ValueType.Formula:
      return { problem: '是公式，请填写数值（可复制后“选择性粘贴”为数值）' };
    case ExcelJS.ValueType.Date:
      return { problem: '被 Excel 识别成了日期，请将单元格设为文本后重新填写' };
    case ExcelJS.ValueType.Error:
      return { problem: '是错误值，请重新填写' };
    default:
      return { problem: '无法识别该单元格的内容' };
  }
}

const textOf = (cell: ExcelJS.Cell) => {
  const read = readCell(cell);
  return 'text' in read ? read.text.trim() : '';
};

function readSheet(ws: ExcelJS.Worksheet): RawSheet {
  const rows: RawRow[] = [];
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const key = textOf(row.getCell(COLUMNS.key));
    let filled = false;
    for (let c = 1; c <= LAST_VISIBLE_COLUMN && !filled; c++) filled = row.getCell(c).type !== ExcelJS.ValueType.Null;
    if (!key && !filled) continue;
    rows.push({
      row: r,
      key,
      value: readCell(row.getCell(COLUMNS.value)),
      percent: readCell(row.getCell(COLUMNS.percent)),
      explanation: readCell(row.getCell(COLUMNS.explanation)),
    });
  }
  return {
    name: ws.name,
    key: textOf(ws.getCell(TITLE_ROW, COLUMNS.key)),
    title: textOf(ws.getCell(TITLE_ROW, 1)),
    rows,
  };
}

export async function readEntryWorkbook(bytes: Buffer): Promise<ReadOutcome> {
  const refusal = await checkWorkbook(bytes);
  if (refusal)
    return { ok: false, message: refusal.message === UNREADABLE_WORKBOOK ? NOT_A_WORKBOOK : refusal.message };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return { ok: true, sheets: wb.worksheets.map(readSheet) };
  } catch {
    return { ok: false, message: NOT_A_WORKBOOK };
  }
}
