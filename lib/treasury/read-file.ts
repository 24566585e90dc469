import ExcelJS from 'exceljs';
import { readCell, type CellRead } from '@/lib/entry/read-workbook';
import { checkWorkbook, UNREADABLE_WORKBOOK } from '@/lib/targets/xlsx-guard';
import { readCsv } from './csv-text';

/**
 * An uploaded treasury file (.csv or .xlsx) as plain rows under its header: 部门, 项目编码, 项目名称
 * and 全年执行数 (万元), each cell the text it holds or why it cannot be read. Nothing here throws;
 * a file that cannot be read at all is one message.
 */
export interface TreasuryRow {
  /** The file's own row number (Excel's, or the CSV's line). */
  row: number;
  department: string;
  code: string;
  name: string;
  amount: CellRead;
}

export type TreasuryRead = { ok: true; rows: TreasuryRow[] } | { ok: false; message: string };

type Column = 'department' | 'code' | 'name' | 'amount';

/** The header texts each column is known by (compared without spaces, brackets or units). */
const HEADERS: Record<Column, string[]> = {
  department: ['部门', '部门名称', '单位', '单位名称', '预算单位', '预算部门'],
  code: ['项目编码', '项目编号', '项目代码'],
  name: ['项目名称', '项目'],
  amount: ['全年执行数', '执行数', '全年支出数', '支出数', '实际支出'],
};

export const MISSING_HEADER =
  '找不到表头：文件需要“全年执行数（万元）”列，以及“项目编码”或“项目名称”列（可再加“部门”列）。请下载模板后填写';

/** How many rows from the top the header may be looked for (a title row or two above it). */
const HEADER_SEARCH_ROWS = 10;

const normalise = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

function columnOf(header: string): { column: Column; unit: string } | null {
  const text = normalise(header);
  const unit = /\(([^)]*)\)$/.exec(text)?.[1] ?? '';
  const bare = text.replace(/\([^)]*\)$/, '');
  const column = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(bare));
  return column ? { column, unit } : null;
}

/** The header's row and where each column is, from rows of cell texts; or why none fits. */
function findHeader(cells: string[][]): { at: number; columns: Partial<Record<Column, number>> } | { message: string } {
  for (let r = 0; r < Math.min(cells.length, HEADER_SEARCH_ROWS); r++) {
    const columns: Partial<Record<Column, number>> = {};
    let unit = '';
    cells[r].forEach((text, c) => {
      const found = columnOf(text);
      if (!found || columns[found.column] !== undefined) return;
      columns[found.column] = c;
      if (found.column === 'amount') unit = found.unit;
    });
    if (columns.amount === undefined || (columns.code === undefined && columns.name === undefined)) continue;
    if (unit !== '' && unit !== '万元')
      return { message: `“全年执行数”的单位是“${unit}”，请换算为万元后上传（金额精确到分）` };
    return { at: r, columns };
  }
  return { message: MISSING_HEADER };
}

/** Rows of cells (text or a problem) with their row numbers → the file's rows under its header. */
function rowsUnderHeader(grid: Array<{ row: number; cells: CellRead[] }>): TreasuryRead {
  const texts = grid.map((g) => g.cells.map((c) => ('text' in c ? c.text : '')));
  const header = findHeader(texts);
  if ('message' in header) return { ok: false, message: header.message };
  const { columns } = header;
  const text = (cells: CellRead[], column: Column) => {
    const at = columns[column];
    const cell = at === undefined ? undefined : cells[at];
    return cell && 'text' in cell ? cell.text.normalize('NFKC').trim() : '';
  };
  const rows: TreasuryRow[] = [];
  for (const { row, cells } of grid.slice(header.at + 1)) {
    if (cells.every((c) => 'text' in c && c.text.trim() === '')) continue;
    rows.push({
      row,
      department: text(cells, 'department'),
      code: text(cells, 'code'),
      name: text(cells, 'name'),
      amount: cells[columns.amount!] ?? { text: '' },
    });
  }
  return { ok: true, rows };
}

async function readXlsx(bytes: Buffer): Promise<TreasuryRead> {
  const refusal = await checkWorkbook(bytes);
  if (refusal) return { ok: false, message: refusal.message };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, message: UNREADABLE_WORKBOOK };
  }
  let first: TreasuryRead = { ok: false, message: MISSING_HEADER };
  for (const ws of wb.worksheets) {
    const grid: Array<{ row: number; cells: CellRead[] }> = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: CellRead[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(readCell(row.getCell(c)));
      grid.push({ row: r, cells });
    }
    const read = rowsUnderHeader(grid);
    if (read.ok) return read;
    if (first.ok === false && first.message === MISSING_HEADER) first = read;
  }
  return first;
}

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** An upload (.xlsx by its zip signature, else CSV text) as rows under its header. */
export async function readTreasuryFile(bytes: Buffer): Promise<TreasuryRead> {
  if (bytes.length === 0) return { ok: false, message: '文件是空的' };
  if (isZip(bytes)) return readXlsx(bytes);
  const csv = readCsv(bytes);
  if (!csv.ok) return csv;
  return rowsUnderHeader(csv.rows.map((cells, i) => ({ row: i + 1, cells: cells.map((text) => ({ text })) })));
}
