import ExcelJS from 'exceljs';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { SELF_EVALUATION_SHEET_OPTIONS, writeSelfEvaluationSheet } from './self-evaluation-sheet';
import { SheetNamer } from './sheet-names';
import { SUMMARY_SHEET_OPTIONS, writeSummarySheet, type ScoredBundle } from './summary-sheet';
import type { Writable } from 'node:stream';

export const SUMMARY_SHEET_NAME = '汇总';

function describeWorkbook(wb: ExcelJS.Workbook) {
  wb.creator = '绩效自评';
  wb.created = new Date();
}

/** What the 自评表 of one evaluation is called when downloaded (alone, or in the evaluation's zip). */
export function selfEvaluationFileName(bundle: Pick<EvaluationBundle, 'project'>): string {
  return `项目支出绩效自评表-${bundle.project.year}-${bundle.project.name}.xlsx`;
}

/** `GET /api/evaluations/{id}/self-evaluation.xlsx`: the 自评表 of one evaluation, one sheet. */
export async function buildSelfEvaluationWorkbook(bundle: EvaluationBundle): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  describeWorkbook(wb);
  const ws = wb.addWorksheet('项目支出绩效自评表', SELF_EVALUATION_SHEET_OPTIONS);
  const shown = shownEvaluation(bundle);
  writeSelfEvaluationSheet(ws, shown.bundle, shown.result);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `1 队伍装备基础设施建设专项经费`: the row number of the 汇总 first, so the two are easy to match. */
export function evaluationSheetNames(bundles: Array<Pick<EvaluationBundle, 'project'>>): string[] {
  const namer = new SheetNamer([SUMMARY_SHEET_NAME]);
  return bundles.map((b, i) => namer.next(`${i + 1} ${b.project.name}`, `${i + 1}`));
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `GET /api/years/{year}/evaluations.xlsx`: the 汇总 sheet, then one 自评表 per evaluation, streamed
 * into `output` sheet by sheet so that a year of thousands of projects never sits in memory as a
 * workbook. Each evaluation is scored once, by the engine, for both its summary row and its sheet.
 */
export async function writeYearWorkbook(
  { year, bundles }: { year: number; bundles: EvaluationBundle[] },
  output: Writable,
): Promise<{ sheets: number; rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  describeWorkbook(wb);
  const entries: ScoredBundle[] = bundles.map(shownEvaluation);

  const summary = wb.addWorksheet(SUMMARY_SHEET_NAME, SUMMARY_SHEET_OPTIONS);
  writeSummarySheet(summary, { year, entries });
  summary.commit();

  const names = evaluationSheetNames(bundles);
  let rows = entries.length;
  for (let i = 0; i < entries.length; i++) {
    const ws = wb.addWorksheet(names[i], SELF_EVALUATION_SHEET_OPTIONS);
    const table = writeSelfEvaluationSheet(ws, entries[i].bundle, entries[i].result);
    rows += table.indicators.length;
    ws.commit();
    // Let the zip stream drain what was written before piling up the next sheets.
    if (i % 25 === 24) await nextTick();
  }
  await wb.commit();
  return { sheets: entries.length + 1, rows };
}
