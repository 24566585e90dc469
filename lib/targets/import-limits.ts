/**
 * The largest target table any import path (the command line, the 导入目标表 page, any future route)
 * accepts, far above a published department table (the seed: 26 KB of text, 17 projects), and the
 * refusals that say which limit a source broke and by how much. Checked before anything is parsed or
 * loaded, so one crafted file cannot take the server down.
 */

const MB = 1024 * 1024;

export const IMPORT_LIMITS = {
  /** Text (PDF-extracted), UTF-8 bytes. */
  textBytes: 8 * MB,
  /** The .xlsx file as uploaded. */
  xlsxBytes: 5 * MB,
  /** Everything inside the .xlsx once inflated (what exceljs would hold). */
  xlsxUncompressedBytes: 50 * MB,
  /** The highest row and column number any worksheet may use. */
  xlsxRows: 20_000,
  xlsxColumns: 60,
} as const;

/** Excel's own last column (XFD); column definitions beyond it are malformed. */
export const EXCEL_MAX_COLUMNS = 16_384;

/** `resources`: the parse itself ran out of memory or time (lib/off-thread/run.ts). */
export type ImportLimit = keyof typeof IMPORT_LIMITS | 'xlsxMalformed' | 'resources';

export interface ImportRefusal {
  limit: ImportLimit;
  /** The value that broke it (bytes, a row or column number); 0 for a malformed file. */
  actual: number;
  message: string;
}

const grouped = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB`;
/** A size as refused: megabytes, and the bytes too, so `5 MB` is never shown as over `5 MB`. */
const size = (bytes: number) => `${megabytes(bytes)}（${grouped(bytes)} 字节）`;

/** UTF-8 length without allocating (also in the browser). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function checkTextSize(bytes: number): ImportRefusal | null {
  if (bytes <= IMPORT_LIMITS.textBytes) return null;
  return {
    limit: 'textBytes',
    actual: bytes,
    message: `目标表文本为 ${size(bytes)}，超过 ${megabytes(IMPORT_LIMITS.textBytes)} 的上限，未导入`,
  };
}

export function checkWorkbookSize(bytes: number): ImportRefusal | null {
  if (bytes <= IMPORT_LIMITS.xlsxBytes) return null;
  return {
    limit: 'xlsxBytes',
    actual: bytes,
    message: `xlsx 文件为 ${size(bytes)}，超过 ${megabytes(IMPORT_LIMITS.xlsxBytes)} 的上限，未导入`,
  };
}

export function uncompressedTooLarge(bytes: number): ImportRefusal {
  return {
    limit: 'xlsxUncompressedBytes',
    actual: bytes,
    message: `xlsx 文件解压后为 ${size(bytes)}，超过 ${megabytes(IMPORT_LIMITS.xlsxUncompressedBytes)} 的上限，未导入`,
  };
}

/** `where` names the place: `工作表 sheet1 的单元格 A1048576`, `工作表 sheet1 的范围 A1:BH20001`. */
export function rowsTooMany(row: number, where: string): ImportRefusal {
  return {
    limit: 'xlsxRows',
    actual: row,
    message: `${where}用到第 ${grouped(row)} 行，超过 ${grouped(IMPORT_LIMITS.xlsxRows)} 行的上限，未导入`,
  };
}

export function columnsTooMany(column: number, where: string): ImportRefusal {
  return {
    limit: 'xlsxColumns',
    actual: column,
    message: `${where}用到第 ${grouped(column)} 列，超过 ${grouped(IMPORT_LIMITS.xlsxColumns)} 列的上限，未导入`,
  };
}

export function malformedWorkbook(detail: string): ImportRefusal {
  return { limit: 'xlsxMalformed', actual: 0, message: `xlsx 文件已损坏或被改动过（${detail}），未导入` };
}

/**
 * The longest `content` the import form may send: text within its limit has at most that many
 * characters, and an xlsx within its limit is shorter in base64. What is longer is refused unread.
 */
export const MAX_SOURCE_CHARS = Math.max(IMPORT_LIMITS.textBytes, Math.ceil(IMPORT_LIMITS.xlsxBytes / 3) * 4);

export function sourceTooLarge(content: string): string {
  return `内容为 ${size(utf8Length(content))}，超过导入的上限（文本 ${megabytes(IMPORT_LIMITS.textBytes)}，xlsx 文件 ${megabytes(IMPORT_LIMITS.xlsxBytes)}），未导入`;
}

/**
 * The largest request body of an import route (lib/auth/operation-route.ts): a source at its limit
 * as JSON, with room for escapes (a text of 8 MB, an xlsx of 5 MB as 6.7 MB of base64). The server
 * actions keep their own, much smaller limit (next.config.js).
 */
export const IMPORT_BODY_BYTES = 16 * MB;
