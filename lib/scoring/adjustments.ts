import { Decimal, decString } from '../decimal';
import { parseDecimalText } from './decimal-text';
import type { ScorePrecision } from './scheme';
import type { ScoreAdjustment, ScoringError } from './types';

/**
 * Rule book "Scores": the evaluator's judgment deduction (lower only) and the finance reviewer's
 * score (0..points), both with a required reason.
 */

interface AdjustmentRule {
  /** `indicators.3.deduction` or `budget.reviewed`. */
  path: string;
  /** Highest allowed score: the computed score for a deduction, the points for a reviewed score. */
  max: Decimal;
  kind: 'deduction' | 'reviewed';
  precision: ScorePrecision;
}

/**
 * The one name of the evaluator's judgment deduction, on the form, in errors, tables, the 自评表 and
 * exports: the step is 调减得分, its score 调减后得分, its reason 调减理由.
 */
export const DEDUCTION_WORDS = {
  action: '调减得分',
  score: '调减后得分',
  reason: '调减理由',
  cancel: '取消调减',
} as const;

const WORDING = {
  deduction: { label: DEDUCTION_WORDS.score, rangeHint: (max: string) => `只能调低，不能高于计算得分${max}` },
  reviewed: { label: '复核得分', rangeHint: (max: string) => `应在0至该项分值${max}之间` },
} as const;

/**
 * The adjusted score, or null when there is no adjustment or it is invalid (its errors are added
 * to `errors`, and the unadjusted score stands).
 */
export function validatedAdjustment(
  adjustment: ScoreAdjustment | null | undefined,
  rule: AdjustmentRule,
  errors: ScoringError[],
): Decimal | null {
  if (adjustment === null || adjustment === undefined) return null;
  const wording = WORDING[rule.kind];
  const found: ScoringError[] = [];
  const score = parseDecimalText(adjustment.score);
  if (score === null) {
    found.push({ path: `${rule.path}.score`, message: `${wording.label}“${String(adjustment.score)}”不是数字` });
  } else if (score.isNegative() || score.greaterThan(rule.max)) {
    found.push({
      path: `${rule.path}.score`,
      message: `${wording.label}${score.toFixed()}无效：${wording.rangeHint(decString(rule.max))}`,
    });
  } else if (score.decimalPlaces() > rule.precision) {
    const places = rule.precision === 0 ? '应为整数' : `最多保留${rule.precision}位小数`;
    found.push({ path: `${rule.path}.score`, message: `${wording.label}${score.toFixed()}${places}` });
  }
  if (typeof adjustment.reason !== 'string' || adjustment.reason.trim() === '') {
    found.push({ path: `${rule.path}.reason`, message: `${wording.label}须填写理由` });
  }
  errors.push(...found);
  return found.length === 0 ? score : null;
}

/**
 * Rule book "Scores": a line's final score is finance's reviewed score when there is one, otherwise
 * its own (the computed score, or the evaluator's after a deduction). With the line's explanation
 * requirement, what the budget line and every indicator line report alike.
 */
export function reviewedOutcome(
  own: Decimal,
  reviewed: Decimal | null,
  explanation: { required: boolean; reasons: string[] },
) {
  return {
    reviewedScore: reviewed === null ? null : decString(reviewed),
    finalScore: decString(reviewed ?? own),
    explanationRequired: explanation.required,
    explanationReasons: explanation.reasons,
  };
}
