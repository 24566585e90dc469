import { StringDecoder } from 'node:string_decoder';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  checkWorkbookSize,
  columnsTooMany,
  EXCEL_MAX_COLUMNS,
  IMPORT_LIMITS,
  malformedWorkbook,
  rowsTooMany,
  uncompressedTooLarge,
  type ImportRefusal,
} from './import-limits';
import { attribute, XmlTagStream, type TagHandler } from './xml-tags';
import type { Readable } from 'node:stream';

export const UNREADABLE_WORKBOOK = '无法读取该文件：请上传 .xlsx 格式（Excel 2007 及以上）的绩效目标表';

/** The entries exceljs reads as worksheets, and its workbook (names as exceljs matches them). */
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKBOOK = 'xl/workbook.xml';

/**
 * Whether an .xlsx may be loaded: refuses, before exceljs sees it, a file over the size limits (the
 * uncompressed total read from the zip's central directory, without inflating), and a worksheet that
 * reaches beyond the row or column limit — by its `<dimension>`, or by any cell, merge, validation or
 * defined name that would make exceljs create cells out there (a 6 KB file can name row 1,048,576).
 * Every entry is then inflated once as a stream, with a hard stop, so an entry whose real size exceeds
 * what the directory says is refused too. Null when the workbook may be loaded.
 */
export async function checkWorkbook(bytes: Buffer): Promise<ImportRefusal | null> {
  const tooLarge = checkWorkbookSize(bytes.length);
  if (tooLarge) return tooLarge;
  let zip: ZipFile;
  try {
    // Undecoded names: yauzl would reject some (absolute paths) that exceljs reads.
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch {
    return { limit: 'xlsxMalformed', actual: 0, message: UNREADABLE_WORKBOOK };
  }
  try {
    const entries = await listEntries(zip);
    if (!entries) return malformedWorkbook('压缩目录无法读取');
    const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > IMPORT_LIMITS.xlsxUncompressedBytes) return uncompressedTooLarge(declared);
    for (const entry of entries) {
      const refusal = await scanEntry(zip, entry);
      if (refusal) return refusal;
    }
    return null;
  } finally {
    zip.close();
  }
}

function listEntries(zip: ZipFile): Promise<Entry[] | null> {
  return new Promise((resolve) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => resolve(null));
    zip.readEntry();
  });
}

function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  return (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/^\//, '');
}

async function scanEntry(zip: ZipFile, entry: Entry): Promise<ImportRefusal | null> {
  const name = entryName(entry);
  const sheet = WORKSHEET.exec(name);
  const handler = sheet ? worksheetHandler(`工作表 sheet${sheet[1]} `) : name === WORKBOOK ? workbookHandler() : null;
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    return malformedWorkbook(`${name} 无法解压`);
  }
  const decoder = new StringDecoder('utf8');
  const tags =
    handler &&
    new XmlTagStream(
      handler.wanted,
      handler.onTag,
      (detail) => malformedWorkbook(`${name} ${detail}`),
      handler.wantsClosing,
    );
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      const refusal = tags?.feed(decoder.write(chunk));
      if (refusal) {
        stream.destroy();
        resolve(refusal);
      }
    });
    stream.once('end', () => resolve(null));
    stream.once('error', (error) =>
      resolve(
        malformedWorkbook(
          /too (many|few) bytes/.test(error.message) ? `${name} 的实际大小与压缩目录不符` : `${name} 无法解压`,
        ),
      ),
    );
  });
}

interface Handler {
  wanted: ReadonlySet<string>;
  onTag: TagHandler;
  wantsClosing?: boolean;
}

/** `B12` or `$B$12` → column and row numbers; null for anything else (whole rows, whole columns, formulas). */
export function cellNumbers(ref: string): { column: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,15})$/.exec(ref.trim());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column, row: Number(m[2]) };
}

/** The first corner of `A1:BH20001` (or of a single cell) beyond the limits, as a refusal. */
function checkRange(range: string, where: string): ImportRefusal | null {
  for (const corner of range.split(':')) {
    const cell = cellNumbers(corner);
    if (!cell) continue;
    if (cell.row > IMPORT_LIMITS.xlsxRows) return rowsTooMany(cell.row, where);
    if (cell.column > IMPORT_LIMITS.xlsxColumns) return columnsTooMany(cell.column, where);
  }
  return null;
}

function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function worksheetHandler(sheet: string): Handler {
  let row = 0;
  let column = 0;
  const wanted = new Set(['dimension', 'row', 'c', 'mergeCell', 'dataValidation', 'col']);
  const onTag: TagHandler = ({ name, attributes }) => {
    switch (name) {
      case 'dimension':
        return checkRange(attribute(attributes, 'ref') ?? '', `${sheet}的范围 ${attribute(attributes, 'ref')} `);
      case 'mergeCell':
        return checkRange(attribute(attributes, 'ref') ?? '', `${sheet}的合并单元格 ${attribute(attributes, 'ref')} `);
      case 'dataValidation': {
        const sqref = attribute(attributes, 'sqref') ?? '';
        for (const range of sqref.split(/\s+/)) {
          const refusal = checkRange(range, `${sheet}的数据验证 ${range} `);
          if (refusal) return refusal;
        }
        return null;
      }
      case 'col': {
        const max = Number(attribute(attributes, 'max') ?? 0);
        return Number.isFinite(max) && max <= EXCEL_MAX_COLUMNS
          ? null
          : malformedWorkbook(`${sheet}的列定义到第 ${max} 列`);
      }
      case 'row': {
        const r = attribute(attributes, 'r');
        row = r === null ? row + 1 : Number(r);
        column = 0;
        if (!Number.isSafeInteger(row)) return malformedWorkbook(`${sheet}的行号 ${r}`);
        return row > IMPORT_LIMITS.xlsxRows ? rowsTooMany(row, `${sheet}`) : null;
      }
      case 'c': {
        const r = attribute(attributes, 'r');
        const cell = r === null ? { column: column + 1, row } : cellNumbers(r);
        if (!cell) return malformedWorkbook(`${sheet}的单元格地址 ${r}`);
        column = cell.column;
        if (cell.row <= IMPORT_LIMITS.xlsxRows && cell.column <= IMPORT_LIMITS.xlsxColumns) return null;
        const where = `${sheet}的单元格 ${columnName(cell.column)}${cell.row} `;
        return cell.row > IMPORT_LIMITS.xlsxRows ? rowsTooMany(cell.row, where) : columnsTooMany(cell.column, where);
      }
      default:
        return null;
    }
  };
  return { wanted, onTag };
}

/** exceljs creates a cell for every cell a defined name (`Sheet1!$A$1:$B$9`) covers. */
function workbookHandler(): Handler {
  let name = '';
  const onTag: TagHandler = ({ name: tag, closing, attributes, textBefore }, tags) => {
    if (tag !== 'definedName') return null;
    tags.keepText = !closing;
    if (!closing) {
      name = attribute(attributes, 'name') ?? '';
      return null;
    }
    for (const range of textBefore.split(',')) {
      const refusal = checkRange(range.split('!').pop() ?? '', `定义名称“${name}”（${range}）`);
      if (refusal) return refusal;
    }
    return null;
  };
  return { wanted: new Set(['definedName']), onTag, wantsClosing: true };
}
