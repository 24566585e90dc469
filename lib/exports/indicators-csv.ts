import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { ReturnNote } from '@/db/queries/workflow';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { formatRate, formatReturnNote, formatScore } from '@/lib/format';
import { STATUS_LABELS } from '@/lib/roles';
import { csvLine, inertText, toCsv, UTF8_BOM } from './csv';
import { exportedEvaluation, type ExportBundle, type ExportResult } from './export-scores';
import { INDICATOR_COLUMNS } from './sheet-layout';

export const INDICATOR_CSV_HEADERS = [
  '年度',
  '部门',
  '项目名称',
  '序号',
  ...INDICATOR_COLUMNS,
  '完成率',
  '自评得分',
  '复核得分',
  '最终得分',
  '偏差原因分析及改进措施',
  '状态',
  '退回说明',
] as const;

/**
 * One indicator of an evaluation as the CSV and the workbook's 指标明细 give it: `text` as typed
 * (the CSV guards it against formulas), `numbers` as exact decimal strings at the year's precision
 * ('' where there is none), in the order of INDICATOR_CSV_HEADERS.
 */
export interface IndicatorLine {
  year: number;
  position: number;
  text: { department: string; project: string; level1: string; level2: string; name: string; target: string };
  actual: string;
  points: string;
  /** The achievement rate in 0..1 (CSV: `93.02%`). */
  rate: string | null;
  selfScore: string;
  reviewedScore: string;
  finalScore: string;
  explanation: string;
  status: string;
  /** At 已退回: who returned it, when and why (formatReturnNote); else ''. */
  returned: string;
}

/**
 * Every indicator of one evaluation, with the engine's numbers (as exported: `exportedEvaluation`, unless `result`
 * is given) and, at 已退回, the return's note (`returnNote`, else the bundle's own).
 */
export function* indicatorLines(
  live: ExportBundle,
  result?: ExportResult,
  returnNote: ReturnNote | null = live.lastReturn ?? null,
): Generator<IndicatorLine> {
  // A finalised evaluation is exported as it was at 定稿; a live one with its cached scores where they hold.
  const { bundle, result: scoredResult } = result ? { bundle: live, result } : exportedEvaluation(live);
  const p = scoredResult.precision;
  const status = STATUS_LABELS[bundle.evaluation.status];
  const returned = bundle.evaluation.status === 'returned' && returnNote ? formatReturnNote(returnNote) : '';
  for (let i = 0; i < bundle.indicators.length; i++) {
    const ind = bundle.indicators[i];
    const scored = scoredResult.indicators[i];
    const r = bundle.results.get(ind.id);
    yield {
      year: bundle.project.year,
      position: ind.position,
      text: {
        department: bundle.departmentName,
        project: bundle.project.name,
        level1: ind.level1Name,
        level2: ind.level2Name,
        name: ind.name,
        target: ind.annualTargetText,
      },
      actual: describeActualWithUnits(ind.parsedTarget, r?.actual ?? null),
      points: formatScore(scored.points),
      rate: scored.rate,
      selfScore: scored.missingActual ? '' : formatScore(scored.selfScore, p),
      reviewedScore: formatScore(scored.reviewedScore, p),
      finalScore: scored.missingActual && scored.reviewedScore === null ? '' : formatScore(scored.finalScore, p),
      explanation: r?.explanation ?? '',
      status,
      returned,
    };
  }
}

function csvRow(line: IndicatorLine): string[] {
  const t = line.text;
  return [
    String(line.year),
    inertText(t.department),
    inertText(t.project),
    String(line.position),
    inertText(t.level1),
    inertText(t.level2),
    inertText(t.name),
    inertText(t.target),
    inertText(line.actual),
    line.points,
    formatRate(line.rate),
    line.selfScore,
    line.reviewedScore,
    line.finalScore,
    inertText(line.explanation),
    line.status,
    inertText(line.returned),
  ];
}

/** One row per indicator of every evaluation, with the engine's numbers at the year's precision. */
export function* indicatorCsvRows(bundles: Iterable<ExportBundle>): Generator<string[]> {
  for (const bundle of bundles) for (const line of indicatorLines(bundle)) yield csvRow(line);
}

/**
 * `GET /api/years/{year}/indicators.csv`: UTF-8 with BOM, CRLF, RFC 4180 quoting, one chunk per batch
 * of bundles as they are read, so the file is never held whole.
 */
export async function* indicatorCsvChunks(batches: AsyncIterable<ExportBundle[]>): AsyncGenerator<string> {
  yield `${UTF8_BOM}${csvLine([...INDICATOR_CSV_HEADERS])}\r\n`;
  for await (const batch of batches) {
    let chunk = '';
    for (const row of indicatorCsvRows(batch)) chunk += `${csvLine(row)}\r\n`;
    if (chunk) yield chunk;
  }
}

/** The whole CSV of some bundles as one string (tests, small exports). */
export function buildIndicatorsCsv(bundles: Iterable<EvaluationBundle>): string {
  return toCsv(INDICATOR_CSV_HEADERS, indicatorCsvRows(bundles));
}
