import ExcelJS from 'exceljs';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { shownEvaluation, shownProject } from '@/lib/evaluations/frozen';
import { exportedEvaluation, type ExportBundle } from './export-scores';
import { INDICATOR_CSV_HEADERS, indicatorLines, type IndicatorLine } from './indicators-csv';
import { LineSpool } from './line-spool';
import { SELF_EVALUATION_SHEET_OPTIONS, writeSelfEvaluationSheet } from './self-evaluation-sheet';
import { cell, num, NUMBER_FORMATS } from './sheet-layout';
import { SheetNamer } from './sheet-names';
import { keepPace } from './sheet-pace';
import { SUMMARY_SHEET_OPTIONS, SummarySheetWriter } from './summary-sheet';
import type { ZipEntry } from './zip';
import type { Writable } from 'node:stream';

export const SUMMARY_SHEET_NAME = '汇总';

function describeWorkbook(wb: ExcelJS.Workbook) {
  wb.creator = '绩效自评';
  wb.created = new Date();
}

/** What the 自评表 of one evaluation is called when downloaded (alone, or in the evaluation's zip). */
export function selfEvaluationFileName(bundle: EvaluationBundle): string {
  const project = shownProject(bundle);
  return `项目支出绩效自评表-${project.year}-${project.name}.xlsx`;
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

/** `1 队伍装备基础设施建设专项经费`: the row number first, so a sheet is easy to match with its row (entry workbook). */
export function evaluationSheetNames(bundles: Array<Pick<EvaluationBundle, 'project'>>): string[] {
  const namer = new SheetNamer([SUMMARY_SHEET_NAME]);
  return bundles.map((b, i) => namer.next(`${i + 1} ${b.project.name}`, `${i + 1}`));
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export const DETAIL_SHEET_NAME = '指标明细';
const DETAIL_WIDTHS = [6, 24, 36, 6, 12, 14, 30, 22, 22, 8, 10, 10, 10, 10, 36, 10, 40];

/** The 指标明细 row of one indicator line: numbers as numbers (rate as a percent cell), text as typed. */
function detailRow(line: IndicatorLine): Array<string | number | null> {
  const t = line.text;
  return [
    line.year,
    t.department,
    t.project,
    line.position,
    t.level1,
    t.level2,
    t.name,
    t.target,
    line.actual,
    num(line.points),
    num(line.rate),
    num(line.selfScore),
    num(line.reviewedScore),
    num(line.finalScore),
    line.explanation,
    line.status,
    line.returned || null,
  ];
}

interface StyleRegistry {
  addStyleModel(model: object | undefined, cellType?: number): number;
  weakMap?: WeakMap<object, number>;
}

/**
 * exceljs finds each cell's style id by rendering the cell's style to XML and looking that up; every
 * cell has a style object of its own (an empty one for most), so it renders one per cell: the larger
 * part of writing 140,000 rows. The id depends only on the style's content and the cell's type, so it
 * is remembered by those (a style object exceljs has already seen keeps the id it gave it).
 */
function rememberStyleIds(wb: ExcelJS.stream.xlsx.WorkbookWriter) {
  const styles = (wb as unknown as { styles: StyleRegistry }).styles;
  const add = styles.addStyleModel.bind(styles);
  const ids = new Map<string, number>();
  styles.addStyleModel = (model, cellType) => {
    if (!model || styles.weakMap?.has(model)) return add(model, cellType);
    const key = `${cellType}|${JSON.stringify(model)}`;
    const id = ids.get(key) ?? add(model, cellType);
    ids.set(key, id);
    styles.weakMap?.set(model, id);
    return id;
  };
}

/**
 * `GET /api/years/{year}/evaluations.xlsx`: two sheets, 汇总 (one row per project, then 合计) and
 * 指标明细 (one row per indicator), streamed into `output` row by row with exceljs's streaming writer.
 * The year is read and each evaluation scored once: its 汇总 row is written at once and its
 * indicator lines wait in a temporary file (a streamed workbook writes its sheets one after the
 * other) until 指标明细 is written, so at most one batch of bundles is held, whatever the year's size.
 */
export async function writeYearWorkbook(
  { year, batches }: { year: number; batches: () => AsyncIterable<ExportBundle[]> },
  output: Writable,
): Promise<{ sheets: number; projects: number; rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  describeWorkbook(wb);
  rememberStyleIds(wb);

  const spool = new LineSpool<IndicatorLine>();
  try {
    const summarySheet = wb.addWorksheet(SUMMARY_SHEET_NAME, SUMMARY_SHEET_OPTIONS);
    const summary = new SummarySheetWriter(summarySheet, year);
    for await (const batch of batches()) {
      for (const bundle of batch) {
        const shown = exportedEvaluation(bundle);
        summary.add(shown, bundle.lastReturn ?? null);
        for (const line of indicatorLines(shown.bundle, shown.result, bundle.lastReturn ?? null)) spool.add(line);
      }
      await spool.flush();
      // Let the compressor and the output take what was written before the next batch (and other requests run).
      await keepPace(summarySheet, output);
      await nextTick();
    }
    const projects = summary.finish();
    // Ended now, so that the zip moves on to 指标明细 (it writes one entry at a time: its sheet's
    // stream would wait behind an open 汇总, and keepPace with it).
    summarySheet.commit();

    const ws = wb.addWorksheet(DETAIL_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = DETAIL_WIDTHS.map((width) => ({ width }));
    const header = ws.getRow(1);
    INDICATOR_CSV_HEADERS.forEach((h, i) => cell(ws, 1, i + 1, h, 'header'));
    header.commit();
    let rows = 0;
    for await (const line of spool.read()) {
      const r = ws.addRow(detailRow(line));
      r.getCell(11).numFmt = NUMBER_FORMATS.rate;
      r.commit();
      if (++rows % 500 === 0) await keepPace(ws, output);
      if (rows % 2000 === 0) await nextTick();
    }
    if (rows > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: DETAIL_WIDTHS.length } };
    await wb.commit();
    return { sheets: 2, projects, rows };
  } finally {
    spool.dispose();
  }
}

/**
 * The entries of `self-evaluations.zip`: one 自评表 workbook per evaluation, `部门/序号 项目名称.xlsx`,
 * each built only when the archive asks for it (the zip writer pulls one entry at a time).
 */
export async function* selfEvaluationEntries(batches: AsyncIterable<EvaluationBundle[]>): AsyncGenerator<ZipEntry> {
  for await (const batch of batches)
    for (const bundle of batch)
      yield {
        path: [bundle.departmentName, `${bundle.project.position} ${bundle.project.name}.xlsx`],
        data: await buildSelfEvaluationWorkbook(bundle),
      };
}
