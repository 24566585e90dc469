import type { EvaluationBundle } from '@/db/queries/evaluations';
import { dec } from '@/lib/decimal';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { formatRate, formatScore } from '@/lib/format';
import {
  DEDUCTION_WORDS,
  LEVEL1_CODES,
  LEVEL1_NAMES,
  missesTarget,
  type EvaluationResult,
  type IndicatorScore,
} from '@/lib/scoring';

/** One indicator as the report talks about it: the target, what was entered and the engine's numbers. */
interface ReportRow {
  name: string;
  target: string;
  /** With its units (`27家`, `部分达成 70%`); '' while not entered. */
  actual: string;
  qualitative: boolean;
  explanation: string;
  deductionReason: string | null;
  reviewedReason: string | null;
  scored: IndicatorScore;
}

function reportRows(bundle: EvaluationBundle, result: EvaluationResult): ReportRow[] {
  return bundle.indicators.map((ind, i) => {
    const r = bundle.results.get(ind.id);
    return {
      name: ind.name,
      target: ind.annualTargetText,
      actual: describeActualWithUnits(ind.parsedTarget, r?.actual ?? null),
      qualitative: ind.parsedTarget.kind === 'qualitative',
      explanation: (r?.explanation ?? '').trim(),
      deductionReason: r?.deductionScore ? (r.deductionReason ?? '') : null,
      reviewedReason: r?.reviewedScore ? (r.reviewedReason ?? '') : null,
      scored: result.indicators[i],
    };
  });
}

/** The indicators by 一级指标 (产出, 效益, 满意度), in the rule book's order; levels without indicators left out. */
export function levelGroups(bundle: EvaluationBundle, result: EvaluationResult) {
  const rows = reportRows(bundle, result);
  return LEVEL1_CODES.map((code) => ({
    name: LEVEL1_NAMES[code],
    rows: rows.filter((r) => r.scored.level1Code === code),
  })).filter((g) => g.rows.length > 0);
}

const sumOf = (rows: ReportRow[], pick: (s: IndicatorScore) => string) =>
  rows.reduce((acc, r) => acc.plus(pick(r.scored)), dec(0)).toFixed();

/** `3. 受检查企业满意度：年度指标值为“95%”，实际完成值为93%，完成率97.89%，分值15分，得分14.68分。` */
function indicatorSentence(k: number, row: ReportRow, precision: number): string {
  const { scored } = row;
  const head = `${k}. ${row.name}：年度指标值为“${row.target}”，`;
  const points = `分值${formatScore(scored.points)}分`;
  if (scored.missingActual || row.actual === '') return `${head}实际完成值尚未填写，${points}。`;
  const done = row.qualitative
    ? `实际完成情况评定为“${row.actual}”`
    : `实际完成值为${row.actual}，完成率${formatRate(scored.rate)}`;
  let sentence = `${head}${done}，${points}，得分${formatScore(scored.selfScore, precision)}分。`;
  if (scored.overAchievementDeduction !== '0')
    sentence += `其中按评分方案超额完成扣${formatScore(scored.overAchievementDeduction, precision)}分。`;
  if (row.deductionReason !== null) sentence += `${DEDUCTION_WORDS.reason}：${row.deductionReason}。`;
  if (scored.reviewedScore !== null)
    sentence += `财政复核得分${formatScore(scored.reviewedScore, precision)}分（${row.reviewedReason ?? ''}）。`;
  return sentence;
}

/** 二、绩效目标完成情况: per level a summary and one sentence per indicator. */
export function levelParts(bundle: EvaluationBundle, result: EvaluationResult) {
  const p = result.precision;
  return levelGroups(bundle, result).map((group) => ({
    heading: `${group.name}完成情况`,
    paragraphs: [
      `${group.name}共${group.rows.length}项，分值${formatScore(sumOf(group.rows, (s) => s.points))}分，得分${formatScore(
        sumOf(group.rows, (s) => s.selfScore),
        p,
      )}分。`,
      ...group.rows.map((row, k) => indicatorSentence(k + 1, row, p)),
    ],
    free: null,
  }));
}

const described = (row: ReportRow, k: number, missing: string) =>
  `${k + 1}. ${row.name}（年度指标值“${row.target}”，实际完成值${row.actual}）：${row.explanation || missing}`;

/** 三、偏差原因分析: the rows that missed their targets, those far above them, and the budget line, each with its explanation. */
export function deviationParagraphs(bundle: EvaluationBundle, result: EvaluationResult): string[] {
  const rows = reportRows(bundle, result).filter((r) => !r.scored.missingActual);
  const missed = rows.filter((r) => missesTarget(r.scored.explanationReasons));
  const over = rows.filter((r) => r.scored.overAchievement);
  const out: string[] = [];
  if (missed.length > 0) {
    out.push(`未达到年度指标值的指标共${missed.length}项：`);
    out.push(...missed.map((row, k) => described(row, k, '尚未填写偏差原因。')));
  }
  if (over.length > 0) {
    out.push(`完成值明显超过年度指标值的指标共${over.length}项：`);
    out.push(...over.map((row, k) => described(row, k, '尚未填写说明。')));
  }
  const budget = result.budget;
  if (budget.explanationRequired)
    out.push(
      `预算执行：${budget.explanationReasons.join('；')}。原因：${bundle.evaluation.budgetExplanation.trim() || '尚未填写。'}`,
    );
  if (result.missingActualIndexes.length > 0)
    out.push(`另有${result.missingActualIndexes.length}项指标尚未填写实际完成值。`);
  if (out.length === 0) out.push('各项绩效指标均达到年度指标值，预算执行无需要说明的偏差。');
  return out;
}
