import { parseTargetTable, type ParsedTable } from './parse-target-table';

/** A target table as pasted or uploaded: PDF-extracted text, or an .xlsx workbook in base64. */
export async function parseTargetSource(source: { format: 'text' | 'xlsx'; content: string }): Promise<ParsedTable> {
  if (source.format === 'xlsx') {
    const { parseTargetWorkbook } = await import('./xlsx');
    return parseTargetWorkbook(Buffer.from(source.content, 'base64'));
  }
  return parseTargetTable(source.content);
}
