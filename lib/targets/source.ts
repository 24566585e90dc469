import { readFile, stat } from 'node:fs/promises';
import {
  checkTextSize,
  checkWorkbookSize,
  columnsTooMany,
  IMPORT_LIMITS,
  rowsTooMany,
  utf8Length,
  type ImportRefusal,
} from './import-limits';
import { parseTargetTable, type ParsedTable } from './parse-target-table';
import { looksLikePastedCells, splitPastedCells } from './pasted-cells';

/** A parsed table, or why the source was refused unread (import-limits.ts). */
export type SourceOutcome = { ok: true; table: ParsedTable } | { ok: false; refusal: ImportRefusal };

const refused = (refusal: ImportRefusal): SourceOutcome => ({ ok: false, refusal });

/** A target table as pasted or uploaded: PDF-extracted text, or an .xlsx workbook in base64. */
export async function parseTargetSource(source: { format: 'text' | 'xlsx'; content: string }): Promise<SourceOutcome> {
  if (source.format === 'xlsx') return parseWorkbookBytes(Buffer.from(source.content, 'base64'));
  const tooLarge = checkTextSize(utf8Length(source.content));
  return tooLarge ? refused(tooLarge) : parseTargetText(source.content);
}

/** A table file (`.xlsx`, else text), its size checked before it is read. */
export async function parseTargetFile(file: string): Promise<SourceOutcome> {
  const { size } = await stat(file);
  const xlsx = /\.xlsx$/i.test(file);
  const tooLarge = xlsx ? checkWorkbookSize(size) : checkTextSize(size);
  if (tooLarge) return refused(tooLarge);
  if (xlsx) return parseWorkbookBytes(await readFile(file));
  return parseTargetText(await readFile(file, 'utf8'));
}

/**
 * Text within the size limit: cells pasted from a sheet laid out like our target workbook (tab-separated,
 * read as that sheet would be, within the workbook's row and column limits), else a PDF's text.
 */
async function parseTargetText(text: string): Promise<SourceOutcome> {
  if (!looksLikePastedCells(text)) return { ok: true, table: parseTargetTable(text) };
  const split = splitPastedCells(text, { rows: IMPORT_LIMITS.xlsxRows, columns: IMPORT_LIMITS.xlsxColumns });
  if ('tooMany' in split)
    return refused(
      split.tooMany === 'rows' ? rowsTooMany(split.at, '粘贴的单元格') : columnsTooMany(split.at, '粘贴的单元格'),
    );
  const { parseTargetGrid } = await import('./xlsx');
  return { ok: true, table: parseTargetGrid(split.rows) };
}

async function parseWorkbookBytes(bytes: Buffer): Promise<SourceOutcome> {
  // Loaded on demand: a text import never pays for exceljs.
  const { checkWorkbook } = await import('./xlsx-guard');
  const refusal = await checkWorkbook(bytes);
  if (refusal) return refused(refusal);
  const { parseTargetWorkbook } = await import('./xlsx');
  return { ok: true, table: await parseTargetWorkbook(bytes) };
}
