import type { ReviewerFlagKind } from '@/db/schema';
import { Decimal } from '@/lib/decimal';
import type { EvaluationInput, EvaluationResult } from '@/lib/scoring';

/**
 * The flags worth a reviewer's look, as pure functions over data: what the engine was given and
 * what it answered, plus (for the two that look beyond one evaluation) the texts and scores of
 * others. commitEvaluation stores what they find (evaluation_flags), so lists filter and count by kind.
 */
export const FLAG_THRESHOLDS = {
  /** One indicator worth this many points or more carries a third of the score. */
  heavyIndicatorPoints: 30,
  /** A self score at least this high… */
  highScore: 90,
  /** …with budget execution below this percent. */
  lowExecutionPercent: 80,
  /** A change of the total from the same project's previous year of at least this many points. */
  yearChangePoints: 15,
  /** Explanations shorter than this ("无", "已完成") are not counted as repeated text. */
  repeatedTextMinLength: 10,
} as const;

export const REVIEWER_FLAG_LABELS: Record<ReviewerFlagKind, string> = {
  unexplained_full_marks: '全部满分且无说明',
  over_execution: '预算执行率超过100%',
  heavy_indicator: `单项指标分值≥${FLAG_THRESHOLDS.heavyIndicatorPoints}分`,
  qualitative_unmet: '定性指标未达成',
  repeated_explanation: '说明文字重复',
  high_score_low_execution: `自评≥${FLAG_THRESHOLDS.highScore}分但执行率<${FLAG_THRESHOLDS.lowExecutionPercent}%`,
  year_change: '与上年得分差异大',
};

export interface FlagFinding {
  kind: ReviewerFlagKind;
  detail: string;
}

const percent = (rate: string) => `${new Decimal(rate).times(100).toFixed(2)}%`;
const rowName = (i: number, name: string) => `第${i + 1}行“${name}”`;

/** The five flags one evaluation shows on its own: its numbers as the engine scored them. */
export function evaluationFindings(input: EvaluationInput, result: EvaluationResult): FlagFinding[] {
  const found: FlagFinding[] = [];
  const rows = result.indicators;
  const fullMarks = rows.every(
    (ind) => !ind.missingActual && ind.rate !== null && new Decimal(ind.rate).gte(1) && ind.selfScore === ind.points,
  );
  if (rows.length > 0 && fullMarks && input.indicators.every((ind) => !(ind.explanation ?? '').trim()))
    found.push({ kind: 'unexplained_full_marks', detail: `全部 ${rows.length} 项指标完成率100%且满分，均未填写说明` });

  const rate = result.budget.rate;
  if (rate !== null && new Decimal(rate).gt(1))
    found.push({ kind: 'over_execution', detail: `预算执行率 ${percent(rate)}` });

  const heavy = rows.flatMap((ind, i) =>
    new Decimal(ind.points).gte(FLAG_THRESHOLDS.heavyIndicatorPoints)
      ? [`${rowName(i, ind.name)} ${ind.points} 分`]
      : [],
  );
  if (heavy.length > 0) found.push({ kind: 'heavy_indicator', detail: heavy.join('；') });

  const unmet = input.indicators.flatMap((ind, i) =>
    ind.target.kind === 'qualitative' &&
    ind.actual !== null &&
    typeof ind.actual === 'object' &&
    !Array.isArray(ind.actual) &&
    ind.actual.tier === '未达成'
      ? [rowName(i, ind.name)]
      : [],
  );
  if (unmet.length > 0) found.push({ kind: 'qualitative_unmet', detail: `${unmet.join('；')}评定为未达成` });

  const highLow =
    rate !== null &&
    new Decimal(result.selfTotal).gte(FLAG_THRESHOLDS.highScore) &&
    new Decimal(rate).times(100).lt(FLAG_THRESHOLDS.lowExecutionPercent);
  if (highLow)
    found.push({
      kind: 'high_score_low_execution',
      detail: `自评 ${new Decimal(result.selfTotal).toFixed(2)} 分，预算执行率 ${percent(rate)}`,
    });
  return found;
}

/** An explanation as compared for repetition; null when too short to count. */
export function comparableText(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return [...trimmed].length >= FLAG_THRESHOLDS.repeatedTextMinLength ? trimmed : null;
}

/** Where an explanation text stands: which evaluation (and project), which row. */
export interface TextPlace {
  evaluationId: number;
  project: string;
  row: number;
  text: string;
}

/**
 * The same explanation written on more than one row, in this evaluation or another of the year:
 * `places` holds every place of every text this evaluation uses (its own rows included).
 */
export function repeatedTextFinding(evaluationId: number, places: TextPlace[]): FlagFinding | null {
  const own = places.filter((p) => p.evaluationId === evaluationId);
  const lines: string[] = [];
  for (const place of own) {
    const others = places.filter((p) => p.text === place.text && p !== place);
    if (others.length === 0) continue;
    const where = others
      .slice(0, 3)
      .map((p) => (p.evaluationId === evaluationId ? `第${p.row}行` : `「${p.project}」第${p.row}行`));
    lines.push(`第${place.row}行说明与${where.join('、')}${others.length > 3 ? `等 ${others.length} 处` : ''}相同`);
  }
  return lines.length > 0 ? { kind: 'repeated_explanation', detail: lines.join('；') } : null;
}

/** A total that moved a long way from the same project's previous year (both scored). */
export function yearChangeFinding(
  current: string | null,
  previous: { year: number; score: string } | null,
): FlagFinding | null {
  if (current === null || previous === null) return null;
  const change = new Decimal(current).minus(previous.score);
  if (change.abs().lt(FLAG_THRESHOLDS.yearChangePoints)) return null;
  return {
    kind: 'year_change',
    detail: `较上年（${previous.year} 年 ${new Decimal(previous.score).toFixed(2)} 分）${change.isNeg() ? '下降' : '上升'} ${change.abs().toFixed(2)} 分`,
  };
}
