import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearBundleBatches } from '@/db/queries/evaluations';
import { projects } from '@/db/schema';
import { writeYearWorkbook } from '@/lib/exports/workbooks';
import { withReturnNotes } from '@/lib/exports/year-export';
import { buildBenchYear } from '@/scripts/bench-year';
import { tempDatabase, type TempDatabase } from './helpers';

/**
 * The year workbook of a year large enough that its sheets' streams fill (some thousands of rows):
 * each sheet waits for the zip (keepPace), which writes one entry at a time, so 汇总 must be ended
 * before 指标明细 is written. Before it was, the export stopped for good at 指标明细's 500th row.
 */
const YEAR = 2031;
let temp: TempDatabase;
let indicators = 0;

beforeAll(async () => {
  temp = await tempDatabase();
  indicators = (await buildBenchYear(temp.db, { year: YEAR, projectCount: 300 })).indicators;
}, 120_000);
afterAll(() => temp.cleanup());

describe('the year workbook of 300 projects', () => {
  it('is written whole: 汇总 with its 合计, and every indicator in 指标明细', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const batches = () =>
      withReturnNotes(temp.db, yearBundleBatches(temp.db, { where: eq(projects.year, YEAR), batchSize: 50 }));
    const outcome = await writeYearWorkbook({ year: YEAR, batches }, output);
    await new Promise((resolve) => output.end(resolve));
    expect(outcome).toEqual({ sheets: 2, projects: 300, rows: indicators });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getRow(summary.rowCount).getCell(1).value).toBe('合计（300 个项目）');
    expect(wb.getWorksheet('指标明细')!.rowCount).toBe(indicators + 1);
  }, 60_000);
});
