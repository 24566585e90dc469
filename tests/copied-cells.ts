import ExcelJS from 'exceljs';

/**
 * A workbook's first sheet as Excel puts it on the clipboard when its cells are selected and copied:
 * tab-separated cells, CRLF rows, merged cells blank below and beside their first cell, a cell with a
 * tab, a line break or a quote in quotes.
 */
export async function copiedCells(xlsx: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const quote = (text: string) => (/[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const rows: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      cells.push(quote(cell.isMerged && cell.master.address !== cell.address ? '' : (cell.text ?? '')));
    }
    rows.push(cells.join('\t'));
  }
  return `${rows.join('\r\n')}\r\n`;
}
