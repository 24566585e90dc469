import type { ReturnNote } from '@/db/queries/workflow';
import { Decimal } from '@/lib/decimal';
import { formatDateTime } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import type { Grade } from '@/lib/scoring';
import { A4_LANDSCAPE, box, cell, num, NUMBER_FORMATS, scoreFormat } from './sheet-layout';
import type { ExportedEvaluation } from './export-scores';
import type { AddWorksheetOptions, Worksheet } from 'exceljs';

export type ScoredBundle = ExportedEvaluation;

export const SUMMARY_HEADERS = [
  '序号',
  '部门',
  '项目名称',
  '项目负责人',
  '预算（万元）',
  '全年执行数（万元）',
  '执行率',
  '状态',
  '自评得分',
  '最终得分',
  '等级',
  '退回人',
  '退回时间',
  '退回意见',
] as const;
const WIDTHS = [6, 24, 44, 14, 14, 16, 10, 12, 10, 10, 8, 16, 18, 40];

export const SUMMARY_SHEET_OPTIONS: Partial<AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 2 }],
  pageSetup: {
    ...A4_LANDSCAPE,
    printTitlesRow: '2:2',
  },
};

/**
 * One line of the 汇总: the same visibility as the lists and the API (a final score only once finalised);
 * an evaluation at 已退回 says who returned it, when and why, as the lists do.
 */
export function summaryLine({ bundle, result }: ScoredBundle, returned: ReturnNote | null = null) {
  const { evaluation: e, project } = bundle;
  const started = e.selfScore !== null;
  const finalized = e.status === 'finalized';
  const grade: Grade | null = finalized ? result.finalGrade : started ? result.selfGrade : null;
  const note = e.status === 'returned' ? returned : null;
  return {
    department: bundle.departmentName,
    project: project.name,
    owner: bundle.ownerName ?? '',
    budget: fenToWanYuan(project.budgetTotalFen).toFixed(),
    executed: e.budgetExecutedFen === null ? null : fenToWanYuan(e.budgetExecutedFen).toFixed(),
    rate: result.budget.rate,
    status: STATUS_LABELS[e.status],
    selfScore: started ? result.selfTotal : null,
    finalScore: finalized ? result.finalTotal : null,
    grade,
    returnedBy: note?.actor ?? null,
    returnedAt: note ? formatDateTime(note.at) : null,
    returnComment: note?.comment ?? null,
    precision: result.precision,
  };
}

/**
 * The 汇总 sheet of a year workbook, written a row at a time (each row committed as it is written, so
 * a streamed sheet holds one row): a title, a header, one row per project in list order, and a 合计 of
 * the budgets, the executed amounts and their rate (Σ 执行数 / Σ 全年预算数 of the projects that report one).
 */
export class SummarySheetWriter {
  private row = 3;
  private budgetFen = 0;
  private executedFen = 0;
  private executedBudgetFen = 0;

  constructor(
    private readonly ws: Worksheet,
    year: number,
  ) {
    ws.columns = WIDTHS.map((width) => ({ width }));
    box(ws, 1, 1, 1, WIDTHS.length, `${year}年度项目支出绩效自评汇总表`, 'title');
    ws.getRow(1).height = 30;
    ws.getRow(1).commit();
    SUMMARY_HEADERS.forEach((h, i) => cell(ws, 2, i + 1, h, 'header'));
    ws.getRow(2).height = 22;
    ws.getRow(2).commit();
  }

  add(entry: ScoredBundle, returned: ReturnNote | null = null) {
    const { ws, row: r } = this;
    const line = summaryLine(entry, returned);
    const { project, evaluation } = entry.bundle;
    this.budgetFen += project.budgetTotalFen;
    if (evaluation.budgetExecutedFen !== null) {
      this.executedFen += evaluation.budgetExecutedFen;
      this.executedBudgetFen += evaluation.budgetAdjustedFen ?? project.budgetTotalFen;
    }
    const score = scoreFormat(line.precision);
    const values = [r - 2, line.department, line.project, line.owner] as const;
    values.forEach((value, i) => cell(ws, r, i + 1, value, i === 0 || i === 3 ? 'centered' : 'text'));
    cell(ws, r, 5, num(line.budget), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 6, num(line.executed), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 7, num(line.rate), 'number', NUMBER_FORMATS.rate);
    cell(ws, r, 8, line.status, 'centered');
    cell(ws, r, 9, num(line.selfScore), 'number', score);
    cell(ws, r, 10, num(line.finalScore), 'number', score);
    cell(ws, r, 11, line.grade, 'centered');
    cell(ws, r, 12, line.returnedBy, 'centered');
    cell(ws, r, 13, line.returnedAt, 'centered');
    cell(ws, r, 14, line.returnComment, 'text');
    ws.getRow(r).commit();
    this.row++;
  }

  /** The 合计 row and the filter over the rows; how many projects the sheet lists. */
  finish(): number {
    const { ws, row: r } = this;
    const projects = r - 3;
    if (projects > 0) ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: r - 1, column: WIDTHS.length } };
    box(ws, r, 1, r, 4, `合计（${projects} 个项目）`, 'header');
    cell(ws, r, 5, num(fenToWanYuan(this.budgetFen).toFixed()), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 6, num(fenToWanYuan(this.executedFen).toFixed()), 'number', NUMBER_FORMATS.money);
    const rate = this.executedBudgetFen > 0 ? new Decimal(this.executedFen).dividedBy(this.executedBudgetFen) : null;
    cell(ws, r, 7, rate === null ? null : rate.toDecimalPlaces(4).toNumber(), 'number', NUMBER_FORMATS.rate);
    ws.getRow(r).commit();
    return projects;
  }
}
