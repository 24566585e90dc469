import { once } from 'node:events';
import ExcelJS from 'exceljs';
import yazl from 'yazl';

/**
 * Small .xlsx files that ask a reader for far more than their size, for the import limits' tests and
 * `npm run bench:parser`. The hand-made ones are complete workbooks (exceljs reads them) whose
 * worksheet XML is written here, so it can say what no spreadsheet program would.
 */

/**
 * The acceptance's crafted file: exceljs's own workbook (~6 KB) with a target table's header row, so a
 * reader goes on to read every row down to the one cell at `ref`.
 */
export async function workbookWithCellAt(ref: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效目标表');
  ws.addRow(['项目名称', '一级指标', '二级指标', '三级指标', '年度指标值']);
  ws.getCell(ref).value = '远处的单元格';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PARTS = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface HandMadeWorkbook {
  /** What goes inside `<worksheet>`, e.g. `<dimension ref="A1"/><sheetData>…</sheetData>`. */
  sheet: string;
  /** `<definedName>` elements for the workbook. */
  definedNames?: string;
  /** More entries (name → content), e.g. a padding file. */
  extra?: Record<string, Buffer | string>;
}

/** A workbook of one sheet whose XML is exactly what is given. */
export async function handMadeWorkbook({ sheet, definedNames = '', extra = {} }: HandMadeWorkbook): Promise<Buffer> {
  const names = definedNames && `<definedNames>${definedNames}</definedNames>`;
  const entries: Record<string, Buffer | string> = {
    ...PARTS,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${MAIN} ${RELS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>${names}</workbook>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${MAIN} ${RELS}>${sheet}</worksheet>`,
    ...extra,
  };
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
  await once(zip.outputStream, 'end');
  return Buffer.concat(chunks);
}

/** `<sheetData>` with one text cell per ref, rows as the refs say. */
export function sheetData(refs: string[]): string {
  const rows = refs.map((ref) => {
    const row = ref.replace(/^[A-Z]+/, '');
    return `<row r="${row}"><c r="${ref}" t="inlineStr"><is><t>x</t></is></c></row>`;
  });
  return `<sheetData>${rows.join('')}</sheetData>`;
}

/** A zip bomb: a valid workbook plus one entry of `bytes` zeros (a few kilobytes compressed). */
export function zipBomb(bytes: number): Promise<Buffer> {
  return handMadeWorkbook({ sheet: sheetData(['A1']), extra: { 'xl/media/padding.bin': Buffer.alloc(bytes) } });
}

/**
 * A workbook whose zip directory under-states how large `entry` is (set to `claimed` bytes), so a
 * reader that trusts the directory inflates more than it was told.
 */
export function understateEntrySize(zip: Buffer, entry: string, claimed: number): Buffer {
  const patched = Buffer.from(zip);
  // End of central directory (no comment: yazl writes none): the entry count and the directory's offset.
  const end = patched.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = patched.readUInt32LE(end + 16);
  for (let i = patched.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = patched.readUInt16LE(at + 28);
    if (patched.toString('utf8', at + 46, at + 46 + nameLength) === entry) patched.writeUInt32LE(claimed, at + 24);
    at += 46 + nameLength + patched.readUInt16LE(at + 30) + patched.readUInt16LE(at + 32);
  }
  return patched;
}
