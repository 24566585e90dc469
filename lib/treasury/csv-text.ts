/**
 * An uploaded CSV as rows of fields (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks). The bytes are UTF-8 (with or without the byte order mark) or, as Excel saves a CSV on a
 * Chinese Windows, GB18030; a file that is neither is refused. Pure: bytes in, rows out.
 */
export type CsvRead = { ok: true; rows: string[][] } | { ok: false; message: string };

export const NOT_READABLE_CSV = '无法识别该文件的编码：请另存为 UTF-8 或 GBK 编码的 CSV，或上传 .xlsx 文件';

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

/** Splits CSV text into rows; an unterminated quoted field is an error. */
export function splitCsv(text: string): { ok: true; rows: string[][] } | { ok: false; line: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += c;
  }
  if (quoted) return { ok: false, line: quoteLine };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, rows };
}

export function readCsv(bytes: Uint8Array): CsvRead {
  const text = decode(bytes);
  if (text === null) return { ok: false, message: NOT_READABLE_CSV };
  const split = splitCsv(text);
  if (!split.ok) return { ok: false, message: `第${split.line}行的引号没有闭合，文件不完整，未导入` };
  return { ok: true, rows: split.rows };
}
