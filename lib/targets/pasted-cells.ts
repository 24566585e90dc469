/**
 * Cells copied from a spreadsheet (our own target workbook, or one laid out like it) and pasted as text:
 * rows of tab-separated cells, a cell with a line break or a tab in quotes (`"…"`, `""` for a quote),
 * as Excel, WPS and LibreOffice put them on the clipboard.
 */

/** The header row the workbook reader needs (lib/targets/xlsx.ts), as pasted: these column names among its cells. */
const HEADER_CELLS = [/^项目名称/, /^一级指标/, /^(三级指标|指标名称)/, /^(年度指标值|实施周期指标值)/];
const HEADER_SEARCH_LINES = 30;

/** True when the text is pasted cells with the target table's header row near the top. */
export function looksLikePastedCells(text: string): boolean {
  let start = 0;
  for (let n = 0; n < HEADER_SEARCH_LINES && start < text.length; n++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (line.includes('\t')) {
      const cells = line.split('\t').map((c) => c.replace(/\s+/g, ''));
      if (HEADER_CELLS.every((header) => cells.some((cell) => header.test(cell)))) return true;
    }
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

/**
 * The rows of pasted cells, in one pass over the text (linear in its length). `limits` stops at the first
 * row or column beyond them and says where, so a crafted paste is refused before a grid is built from it.
 */
export function splitPastedCells(
  text: string,
  limits: { rows: number; columns: number },
): { rows: string[][] } | { tooMany: 'rows' | 'columns'; at: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
    return row.length <= limits.columns;
  };
  const endRow = () => {
    rows.push(row);
    row = [];
    return rows.length <= limits.rows;
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === '\t') {
      if (!endCell()) return { tooMany: 'columns', at: row.length };
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!endCell()) return { tooMany: 'columns', at: row.length };
      if (!endRow()) return { tooMany: 'rows', at: rows.length };
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    if (!endCell()) return { tooMany: 'columns', at: row.length };
    if (!endRow()) return { tooMany: 'rows', at: rows.length };
  }
  return { rows };
}
