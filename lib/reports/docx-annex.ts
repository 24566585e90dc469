import { Table, TableLayoutType, TableRow, WidthType } from 'docx';
import { noteWithReview, type SelfEvaluationTable } from '@/lib/exports/self-evaluation-table';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuanText as wan } from '@/lib/money';
import { cell, TABLE_BORDERS } from './docx-parts';
import type { DepartmentSummaryRow } from './department-report';

/** Usable width of A4 landscape with 20 mm margins, in twips. */
const LANDSCAPE_WIDTH = 16838 - 2 * 1134;
/** Usable width of A4 portrait with the standard's margins. */
const PORTRAIT_WIDTH = 11906 - 1587 - 1474;

/** Shares of the width → column widths in twips that add up to `total`. */
function columns(shares: number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((s * total) / sum));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const table = (rows: TableRow[], widths: number[]) =>
  new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
  });

/** The Ministry of Finance layout's ten columns, as on the 自评表 page. */
const SELF_EVALUATION_SHARES = [6, 7, 8, 17, 10, 10, 6, 6, 6, 24];

/**
 * The 项目支出绩效自评表 as a real Word table, from the same view model as the page and the workbook
 * (lib/exports/self-evaluation-table.ts): merged cells where the published table merges them.
 */
export function selfEvaluationDocxTable(t: SelfEvaluationTable): Table {
  const p = t.precision;
  const [total, ...sources] = t.funds;
  const left = { align: 'left' as const };
  const num = { align: 'right' as const };
  const row = (cells: ReturnType<typeof cell>[]) => new TableRow({ children: cells, cantSplit: true });
  // The annex keeps the one 偏差原因 column of the Word layout, finance's 复核意见 after the owner's note.
  const budgetNote = noteWithReview(t.budgetNote, t.budgetReviewNote);
  const rows: TableRow[] = [
    row([cell('项目名称', { bold: true }), cell(t.projectName, { columnSpan: 9, ...left })]),
    row([
      cell('主管部门', { bold: true }),
      cell(t.department, { columnSpan: 4, ...left }),
      cell('实施单位', { columnSpan: 2, bold: true }),
      cell(t.implementingUnit, { columnSpan: 3, ...left }),
    ]),
    row([
      cell('项目资金（万元）', { rowSpan: 2 + sources.length + (budgetNote ? 1 : 0), bold: true }),
      cell('', { columnSpan: 2 }),
      ...['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', t.hasReview ? '复核得分' : ''].map((h) =>
        cell(h, { bold: true }),
      ),
    ]),
    row([
      cell(total.label, { columnSpan: 2 }),
      cell(wan(total.initial), num),
      cell(wan(total.adjusted), num),
      cell(wan(total.executed), num),
      cell(formatScore(total.points), num),
      cell(formatRate(total.rate), num),
      cell(formatScore(total.score, p), num),
      cell(formatScore(total.reviewedScore, p), num),
    ]),
    ...sources.map((line) =>
      row([
        cell(line.label, { columnSpan: 2 }),
        cell(wan(line.initial), num),
        cell(wan(line.adjusted), num),
        cell('', { columnSpan: 5 }),
      ]),
    ),
    ...(budgetNote
      ? [row([cell('预算执行偏差原因', { columnSpan: 2 }), cell(budgetNote, { columnSpan: 7, ...left })])]
      : []),
    row([
      cell('年度总体目标', { rowSpan: 2, bold: true }),
      cell('预期目标', { columnSpan: 5, bold: true }),
      cell('实际完成情况', { columnSpan: 4, bold: true }),
    ]),
    row([cell(t.goal, { columnSpan: 5, ...left }), cell(t.goalActual, { columnSpan: 4, ...left })]),
    row([
      cell('绩效指标', { rowSpan: t.indicators.length + 1, bold: true }),
      ...[
        '一级指标',
        '二级指标',
        '三级指标',
        '年度指标值',
        '实际完成值',
        '分值',
        '得分',
        t.hasReview ? '复核得分' : '',
        '偏差原因分析及改进措施',
      ].map((h) => cell(h, { bold: true })),
    ]),
    ...t.indicators.map((line) =>
      row([
        ...(line.level1Span > 0 ? [cell(line.level1, { rowSpan: line.level1Span })] : []),
        ...(line.level2Span > 0 ? [cell(line.level2, { rowSpan: line.level2Span })] : []),
        cell(line.name, left),
        cell(line.target, left),
        cell(line.actual, left),
        cell(formatScore(line.points), num),
        cell(formatScore(line.score, p), num),
        cell(formatScore(line.reviewedScore, p), num),
        cell(noteWithReview(line.note, line.reviewNote), { ...left, small: true }),
      ]),
    ),
    row([
      cell('总分', { columnSpan: 6, bold: true }),
      cell(formatScore(t.totalPoints), num),
      cell(formatScore(t.selfTotal, p), num),
      cell(t.hasReview ? formatScore(t.finalTotal, p) : '', num),
      cell(`等级：${t.finalGrade ?? '—'}`, left),
    ]),
    ...(t.capNote
      ? [row([cell('执行率封顶', { columnSpan: 6, bold: true }), cell(t.capNote, { columnSpan: 4, ...left })])]
      : []),
  ];
  return table(rows, columns(SELF_EVALUATION_SHARES, LANDSCAPE_WIDTH));
}

const SUMMARY_SHARES = [5, 24, 10, 11, 11, 9, 8, 6, 9];

/** The department report's summary: one row per project. */
export function departmentSummaryTable(headings: string[], rows: DepartmentSummaryRow[]): Table {
  const num = { align: 'right' as const, small: true };
  return table(
    [
      new TableRow({ tableHeader: true, children: headings.map((h) => cell(h, { bold: true, small: true })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(String(r.index), { small: true }),
              cell(r.project, { align: 'left', small: true }),
              cell(r.owner, { small: true }),
              cell(r.budget, num),
              cell(r.executed, num),
              cell(r.rate, num),
              cell(r.score, num),
              cell(r.grade, { small: true }),
              cell(r.status, { small: true }),
            ],
          }),
      ),
    ],
    columns(SUMMARY_SHARES, PORTRAIT_WIDTH),
  );
}
