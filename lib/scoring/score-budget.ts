import { Decimal, dec, decString, roundHalfUp } from '../decimal';
import { fractionValue, type Fraction } from './achievement';
import { reviewedOutcome, validatedAdjustment } from './adjustments';
import { parseDecimalText } from './decimal-text';
import { budgetExplanationRequirement } from './explanation';
import type { Scheme, ScorePrecision } from './scheme';
import type { BudgetInput, BudgetScore, ScoringError } from './types';

/**
 * Rule book "Scores", budget line: rate = 全年执行数 / 全年预算数 (全年预算数 defaults to 年初预算数 and
 * must be > 0); score = round-half-up(budget points × min(rate, 1), precision). Also returns the
 * rate as an exact fraction, for the execution caps.
 */
export function scoreBudget(
  budget: BudgetInput,
  scheme: Scheme,
  precision: ScorePrecision,
  errors: ScoringError[],
): { line: BudgetScore; executionRate: Fraction | null } {
  const points = dec(scheme.budgetPoints);
  const initial = amount(budget.initial, 'budget.initial', '年初预算数', errors);
  const adjustedGiven = budget.adjusted !== undefined && budget.adjusted !== null && budget.adjusted.trim() !== '';
  const adjusted = adjustedGiven ? amount(budget.adjusted, 'budget.adjusted', '全年预算数', errors) : initial;
  if (adjusted !== null && adjusted.isZero()) {
    const path = adjustedGiven ? 'budget.adjusted' : 'budget.initial';
    errors.push({ path, message: `${adjustedGiven ? '全年预算数' : '全年预算数（未填写时取年初预算数）'}须大于0` });
  }
  const missingExecuted = budget.executed === null || budget.executed === undefined;
  const executed = missingExecuted ? null : amount(budget.executed, 'budget.executed', '全年执行数', errors);

  const usable = adjusted !== null && adjusted.greaterThan(0) && executed !== null;
  const executionRate: Fraction | null = usable ? { numerator: executed, denominator: adjusted } : null;
  const rate = executionRate === null ? null : fractionValue(executionRate);
  let computed = dec(0);
  if (usable) {
    // points × executed / adjusted in one division keeps an exact x.xx5 product exact before rounding.
    const earned = executed.greaterThanOrEqualTo(adjusted) ? points : points.times(executed).dividedBy(adjusted);
    computed = roundHalfUp(earned, precision);
  }
  const reviewed = validatedAdjustment(
    budget.reviewed,
    { path: 'budget.reviewed', max: points, kind: 'reviewed', precision },
    errors,
  );
  const explanation = budgetExplanationRequirement(executionRate, scheme);
  const line: BudgetScore = {
    initial: initial === null ? String(budget.initial) : decString(initial),
    adjusted: adjusted === null ? String(budget.adjusted ?? budget.initial) : decString(adjusted),
    executed: executed === null ? (missingExecuted ? null : String(budget.executed)) : decString(executed),
    rate: rate === null ? null : decString(rate),
    points: decString(points),
    computedScore: decString(computed),
    ...reviewedOutcome(computed, reviewed, explanation),
    missingExecuted,
  };
  return { line, executionRate };
}

function amount(text: string | null | undefined, path: string, label: string, errors: ScoringError[]): Decimal | null {
  const value = parseDecimalText(text);
  if (value === null) {
    errors.push({ path, message: `${label}“${String(text ?? '')}”不是数字（单位：万元）` });
    return null;
  }
  if (value.isNegative()) {
    errors.push({ path, message: `${label}不能为负数` });
    return null;
  }
  return value;
}
