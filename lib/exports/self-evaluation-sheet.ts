import type { EvaluationBundle } from '@/db/queries/evaluations';
import { formatScore } from '@/lib/format';
import type { EvaluationResult } from '@/lib/scoring';
import {
  evidenceNote,
  FUNDS_HEADERS,
  selfEvaluationHeaders,
  selfEvaluationTable,
  signatureLines,
  type SelfEvaluationTable,
} from './self-evaluation-table';
import {
  A4_LANDSCAPE,
  box,
  cell,
  num,
  NUMBER_FORMATS,
  scoreFormat,
  wrappedHeight,
  type CellContent,
} from './sheet-layout';
import type { AddWorksheetOptions, Worksheet } from 'exceljs';

/** One A4 landscape page wide, as many pages down as the indicators need; the header rows repeat on each. */
export const SELF_EVALUATION_SHEET_OPTIONS: Partial<AddWorksheetOptions> = {
  pageSetup: {
    ...A4_LANDSCAPE,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  },
  headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
};

/** Column widths of the published eight columns, then of 复核得分 and 复核意见. */
const WIDTHS = [10, 12, 24, 20, 18, 10, 10, 34];
const REVIEW_WIDTHS = [10, 26];

/** Column numbers of a table with or without finance's two columns (selfEvaluationHeaders). */
export function selfEvaluationColumns(hasReview: boolean) {
  return {
    points: 6,
    score: 7,
    note: 8,
    review: hasReview ? 9 : null,
    reviewNote: hasReview ? 10 : null,
    last: hasReview ? 10 : 8,
    widths: [...WIDTHS, ...(hasReview ? REVIEW_WIDTHS : [])],
  };
}

/**
 * Writes the 项目支出绩效自评表 of one evaluation into `ws` from row 1, in the Ministry of Finance
 * layout, with the columns, the signature block and the print setup of the page's print
 * (components/evaluation/self-evaluation-table.tsx): the indicator header row repeats on every
 * printed page, the project name heads each page and the footer numbers them. Works on a worksheet
 * of an in-memory Workbook and of the streaming WorkbookWriter alike (rows are only ever written
 * top to bottom). Returns the table it wrote, for callers and tests.
 */
export function writeSelfEvaluationSheet(
  ws: Worksheet,
  bundle: EvaluationBundle,
  result: EvaluationResult,
): SelfEvaluationTable {
  const t = selfEvaluationTable(bundle, result);
  const col = selfEvaluationColumns(t.hasReview);
  const last = col.last;
  const score = scoreFormat(t.precision);
  const width = (c1: number, c2: number) => col.widths.slice(c1 - 1, c2).reduce((a, b) => a + b, 0);
  ws.columns = col.widths.map((w) => ({ width: w }));
  ws.headerFooter.oddHeader = `&L${headerText(t.projectName)}&R${headerText(t.title)}`;
  let r = 1;

  box(ws, r, 1, r, last, t.title, 'title');
  ws.getRow(r).height = 30;
  r++;
  box(ws, r, 1, r, last, '金额单位：万元', 'caption');
  r++;

  box(ws, r, 1, r, 2, '项目名称', 'label');
  box(ws, r, 3, r, last, t.projectName, 'text');
  ws.getRow(r++).height = wrappedHeight([{ text: t.projectName, width: width(3, last) }]);
  box(ws, r, 1, r, 2, '主管部门', 'label');
  box(ws, r, 3, r, 5, t.department, 'text');
  box(ws, r, 6, r, 7, '实施单位', 'label');
  box(ws, r, 8, r, last, t.implementingUnit, 'text');
  ws.getRow(r++).height = wrappedHeight([
    { text: t.department, width: width(3, 5) },
    { text: t.implementingUnit, width: width(8, last) },
  ]);

  box(ws, r, 1, r, 2, '项目资金（万元）', 'header');
  FUNDS_HEADERS.forEach((h, i) => cell(ws, r, 3 + i, h, 'header'));
  if (col.review) cell(ws, r, col.review, '复核得分', 'header');
  if (col.reviewNote) cell(ws, r, col.reviewNote, '复核意见', 'header');
  r++;
  t.funds.forEach((line, i) => {
    box(ws, r, 1, r, 2, line.label, 'centered');
    cell(ws, r, 3, num(line.initial), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 4, num(line.adjusted), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 5, num(line.executed), 'number', NUMBER_FORMATS.money);
    cell(ws, r, 6, num(line.points), 'number', NUMBER_FORMATS.points);
    cell(ws, r, 7, num(line.rate), 'number', NUMBER_FORMATS.rate);
    cell(ws, r, 8, num(line.score), 'number', score);
    if (col.review) cell(ws, r, col.review, num(line.reviewedScore), 'number', score);
    const reviewNote = i === 0 ? t.budgetReviewNote : '';
    if (col.reviewNote) cell(ws, r, col.reviewNote, reviewNote, 'text');
    ws.getRow(r++).height = wrappedHeight([{ text: reviewNote, width: REVIEW_WIDTHS[1] }]);
  });
  const budgetNote = withEvidence(t.budgetNote, t.budgetEvidence);
  if (budgetNote) {
    box(ws, r, 1, r, 2, '预算执行偏差原因', 'label');
    box(ws, r, 3, r, last, budgetNote, 'text');
    ws.getRow(r++).height = wrappedHeight([{ text: budgetNote, width: width(3, last) }]);
  }

  box(ws, r, 1, r + 1, 1, '年度总体目标', 'label');
  box(ws, r, 2, r, 5, '预期目标', 'header');
  box(ws, r, 6, r, last, '实际完成情况', 'header');
  r++;
  box(ws, r, 2, r, 5, t.goal, 'text');
  const goalActual = withEvidence(t.goalActual, t.goalEvidence);
  box(ws, r, 6, r, last, goalActual, 'text');
  ws.getRow(r++).height = wrappedHeight(
    [
      { text: t.goal, width: width(2, 5) },
      { text: goalActual, width: width(6, last) },
    ],
    { min: 40 },
  );

  selfEvaluationHeaders(t.hasReview).forEach((h, i) => cell(ws, r, i + 1, h, 'header'));
  ws.getRow(r).height = 30;
  // Print titles: the indicator header row on top of every printed page, as the page's thead.
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
  r++;
  const first = r;
  t.indicators.forEach((line, i) => {
    const row = first + i;
    if (line.level1Span > 0) box(ws, row, 1, row + line.level1Span - 1, 1, line.level1, 'centered');
    if (line.level2Span > 0) box(ws, row, 2, row + line.level2Span - 1, 2, line.level2, 'centered');
    cell(ws, row, 3, line.name, 'text');
    cell(ws, row, 4, line.target, 'text');
    cell(ws, row, 5, line.actual, 'text');
    cell(ws, row, col.points, num(line.points), 'number', NUMBER_FORMATS.points);
    cell(ws, row, col.score, num(line.score), 'number', score);
    const note = withEvidence(line.note, line.evidence);
    cell(ws, row, col.note, note, 'text');
    if (col.review) cell(ws, row, col.review, num(line.reviewedScore), 'number', score);
    if (col.reviewNote) cell(ws, row, col.reviewNote, line.reviewNote, 'text');
    ws.getRow(row).height = wrappedHeight([
      { text: line.name, width: col.widths[2] },
      { text: line.target, width: col.widths[3] },
      { text: line.actual, width: col.widths[4] },
      { text: note, width: col.widths[7] },
      { text: line.reviewNote, width: REVIEW_WIDTHS[1] },
    ]);
  });
  r = first + t.indicators.length;

  /** A row of the totals: label over columns 1–5, then 分值, 自评, the note column, 复核, 复核意见. */
  const totalsRow = (label: string, values: [CellContent, CellContent, CellContent], style: 'number' | 'centered') => {
    box(ws, r, 1, r, 5, label, 'label');
    cell(ws, r, col.points, values[0], style, style === 'number' ? NUMBER_FORMATS.points : undefined);
    cell(ws, r, col.score, values[1], style, style === 'number' ? score : undefined);
    cell(ws, r, col.note, '', 'text');
    if (col.review) cell(ws, r, col.review, values[2], style, style === 'number' ? score : undefined);
    if (col.reviewNote) cell(ws, r, col.reviewNote, '', 'text');
    ws.getRow(r++).height = 22;
  };
  totalsRow('总分', [num(t.totalPoints), num(t.selfTotal), num(t.finalTotal)], 'number');
  if (t.capNote) {
    box(ws, r, 1, r, 5, '执行率封顶', 'label');
    box(ws, r, col.points, r, last, t.capNote, 'text');
    ws.getRow(r++).height = wrappedHeight([{ text: t.capNote, width: width(col.points, last) }]);
  }
  if (t.evaluationEvidence.length > 0) {
    const names = t.evaluationEvidence.join('、');
    box(ws, r, 1, r, 5, '整体佐证材料', 'label');
    box(ws, r, col.points, r, last, names, 'text');
    ws.getRow(r++).height = wrappedHeight([{ text: names, width: width(col.points, last) }]);
  }
  totalsRow('等级', ['', t.selfGrade, t.finalGrade], 'centered');
  box(ws, r, 1, r, last, statusLine(t), 'plain');
  ws.getRow(r++).height = 20;
  writeSignature(ws, r + 1, t, last);
  return t;
}

/** The signature block two rows under the table: three slots on the first line; 单位（盖章） under 填报日期. */
function writeSignature(ws: Worksheet, top: number, t: SelfEvaluationTable, last: number) {
  const right = last === 10 ? 7 : 6;
  signatureLines(t).forEach((slots, line) => {
    const starts = slots.length === 3 ? [1, 4, right] : [1, right];
    const r = top + line * 2;
    slots.forEach(([label, value], i) =>
      box(ws, r, starts[i], r, (starts[i + 1] ?? last + 1) - 1, `${label}${value}`, 'plain'),
    );
    ws.getRow(r).height = 28;
  });
}

/** Text for an Excel header or footer section: `&` starts a code there, so a literal one is doubled. */
const headerText = (text: string) => text.replaceAll('&', '&&');

/** A cell's text with the names of its row's attachments on a line of their own. */
function withEvidence(text: string, names: readonly string[]): string {
  return [text, evidenceNote(names)].filter(Boolean).join('\n');
}

/** `状态：已定稿　自评得分：100.00（优）　最终得分：97.00（优）`: the self and, once finalised, the final result in words. */
export function statusLine(t: SelfEvaluationTable): string {
  const parts = [`状态：${t.status}`];
  if (t.selfTotal !== null) parts.push(`自评得分：${formatScore(t.selfTotal, t.precision)}（${t.selfGrade}）`);
  if (t.finalized && t.finalTotal !== null)
    parts.push(`最终得分：${formatScore(t.finalTotal, t.precision)}（${t.finalGrade}）`);
  return parts.join('　');
}
