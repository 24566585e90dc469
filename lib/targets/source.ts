import { readFile, stat } from 'node:fs/promises';
import { checkTextSize, checkWorkbookSize, utf8Length, type ImportRefusal } from './import-limits';
import { parseTargetTable, type ParsedTable } from './parse-target-table';

/** A parsed table, or why the source was refused unread (import-limits.ts). */
export type SourceOutcome = { ok: true; table: ParsedTable } | { ok: false; refusal: ImportRefusal };

const refused = (refusal: ImportRefusal): SourceOutcome => ({ ok: false, refusal });

/** A target table as pasted or uploaded: PDF-extracted text, or an .xlsx workbook in base64. */
export async function parseTargetSource(source: { format: 'text' | 'xlsx'; content: string }): Promise<SourceOutcome> {
  if (source.format === 'xlsx') return parseWorkbookBytes(Buffer.from(source.content, 'base64'));
  const tooLarge = checkTextSize(utf8Length(source.content));
  return tooLarge ? refused(tooLarge) : { ok: true, table: parseTargetTable(source.content) };
}

/** A table file (`.xlsx`, else text), its size checked before it is read. */
export async function parseTargetFile(file: string): Promise<SourceOutcome> {
  const { size } = await stat(file);
  const xlsx = /\.xlsx$/i.test(file);
  const tooLarge = xlsx ? checkWorkbookSize(size) : checkTextSize(size);
  if (tooLarge) return refused(tooLarge);
  if (xlsx) return parseWorkbookBytes(await readFile(file));
  return { ok: true, table: parseTargetTable(await readFile(file, 'utf8')) };
}

async function parseWorkbookBytes(bytes: Buffer): Promise<SourceOutcome> {
  // Loaded on demand: a text import never pays for exceljs.
  const { checkWorkbook } = await import('./xlsx-guard');
  const refusal = await checkWorkbook(bytes);
  if (refusal) return refused(refusal);
  const { parseTargetWorkbook } = await import('./xlsx');
  return { ok: true, table: await parseTargetWorkbook(bytes) };
}
