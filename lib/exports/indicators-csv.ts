import type { EvaluationBundle } from '@/db/queries/evaluations';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { formatRate, formatScore } from '@/lib/format';
import { STATUS_LABELS } from '@/lib/roles';
import { inertText, toCsv } from './csv';
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
] as const;

/** One row per indicator of every evaluation, with the engine's numbers at the year's precision. */
export function* indicatorCsvRows(bundles: Iterable<EvaluationBundle>): Generator<string[]> {
  for (const live of bundles) {
    const { bundle, result } = shownEvaluation(live);
    const p = result.precision;
    const status = STATUS_LABELS[bundle.evaluation.status];
    for (let i = 0; i < bundle.indicators.length; i++) {
      const ind = bundle.indicators[i];
      const scored = result.indicators[i];
      const r = bundle.results.get(ind.id);
      yield [
        String(bundle.project.year),
        inertText(bundle.departmentName),
        inertText(bundle.project.name),
        String(ind.position),
        inertText(ind.level1Name),
        inertText(ind.level2Name),
        inertText(ind.name),
        inertText(ind.annualTargetText),
        inertText(describeActualWithUnits(ind.parsedTarget, r?.actual ?? null)),
        formatScore(scored.points),
        formatRate(scored.rate),
        scored.missingActual ? '' : formatScore(scored.selfScore, p),
        formatScore(scored.reviewedScore, p),
        scored.missingActual && scored.reviewedScore === null ? '' : formatScore(scored.finalScore, p),
        inertText(r?.explanation),
        status,
      ];
    }
  }
}

/** `GET /api/years/{year}/indicators.csv`: UTF-8 with BOM, CRLF, RFC 4180 quoting. */
export function buildIndicatorsCsv(bundles: Iterable<EvaluationBundle>): string {
  return toCsv(INDICATOR_CSV_HEADERS, indicatorCsvRows(bundles));
}
