import type { EvaluationBundle } from '@/db/queries/evaluations';
import { fenToWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import type { EvaluationResult, Grade } from '@/lib/scoring';
import { A4_LANDSCAPE, box, cell, num, NUMBER_FORMATS, scoreFormat } from './sheet-layout';
import type { AddWorksheetOptions, Worksheet } from 'exceljs';

export interface ScoredBundle {
  bundle: EvaluationBundle;
  result: EvaluationResult;
}

export const SUMMARY_HEADERS = [
  '序号',
  '部门',
  '项目名称',
  '项目负责人',
  '预算（万元）',
  '状态',
  '自评得分',
  '最终得分',
  '等级',
] as const;
const WIDTHS = [6, 24, 44, 14, 14, 12, 10, 10, 8];

export const SUMMARY_SHEET_OPTIONS: Partial<AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 2 }],
  pageSetup: {
    ...A4_LANDSCAPE,
    printTitlesRow: '2:2',
  },
};

/** One line of the 汇总: the same visibility as the lists and the API (a final score only once finalised). */
export function summaryLine({ bundle, result }: ScoredBundle) {
  const { evaluation: e, project } = bundle;
  const started = e.selfScore !== null;
  const finalized = e.status === 'finalized';
  const grade: Grade | null = finalized ? result.finalGrade : started ? result.selfGrade : null;
  return {
    department: bundle.departmentName,
    project: project.name,
    owner: bundle.ownerName ?? '',
    budget: fenToWanYuan(project.budgetTotalFen).toFixed(),
    status: STATUS_LABELS[e.status],
    selfScore: started ? result.selfTotal : null,
    finalScore: finalized ? result.finalTotal : null,
    grade,
    precision: result.precision,
  };
}

/** The 汇总 sheet of a year workbook: a title, a header and one row per project, in list order. */
export function writeSummarySheet(ws: Worksheet, { year, entries }: { year: number; entries: ScoredBundle[] }) {
  ws.columns = WIDTHS.map((width) => ({ width }));
  box(ws, 1, 1, 1, WIDTHS.length, `${year}年度项目支出绩效自评汇总表`, 'title');
  ws.getRow(1).height = 30;
  SUMMARY_HEADERS.forEach((h, i) => cell(ws, 2, i + 1, h, 'header'));
  ws.getRow(2).height = 22;
  entries.forEach((entry, i) => {
    const line = summaryLine(entry);
    const r = i + 3;
    const score = scoreFormat(line.precision);
    cell(ws, r, 1, i + 1, 'centered');
    cell(ws, r, 2, line.department, 'text');
    cell(ws, r, 3, line.project, 'text');
    cell(ws, r, 4, line.owner, 'centered');
    cell(ws, r, 5, num(line.budget), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 6, line.status, 'centered');
    cell(ws, r, 7, num(line.selfScore), 'number', score);
    cell(ws, r, 8, num(line.finalScore), 'number', score);
    cell(ws, r, 9, line.grade, 'centered');
  });
  if (entries.length > 0)
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: entries.length + 2, column: WIDTHS.length } };
}
