import { Decimal, dec, decString, roundHalfUp } from '../decimal';
import { achievementRate } from './achievement';
import { reviewedOutcome, validatedAdjustment } from './adjustments';
import { allocatePoints, type AllocationError } from './allocate-points';
import { sumDecimals } from './decimal-text';
import { capInForce, cappedTotal } from './execution-caps';
import { explanationRequirement } from './explanation';
import { overAchievementDeduction } from './over-achievement';
import { gradeFor, precisionConflicts, type Scheme, type ScorePrecision } from './scheme';
import { scoreBudget } from './score-budget';
import type { EvaluationInput, EvaluationResult, IndicatorInput, IndicatorScore, ScoringError } from './types';

/**
 * Rule book "Scores": one project's evaluation → indicator scores, budget score, totals and grades.
 * Pure: data in, data out. Problems are reported in `errors` (Chinese, with a path), never thrown,
 * so a partly filled draft always yields a result.
 */
export function scoreEvaluation(input: EvaluationInput): EvaluationResult {
  const { scheme } = input;
  const precision: ScorePrecision = input.precision ?? scheme.precision;
  const errors: ScoringError[] = [];
  // A precision override finer settings cannot be expressed at (a 0.5 deduction when scoring in whole points).
  if (precision !== scheme.precision)
    errors.push(
      ...precisionConflicts(scheme, precision).map((issue) => ({ path: 'precision', message: issue.message })),
    );

  const allocation = allocatePoints(input.indicators, scheme);
  errors.push(...allocation.errors.map(allocationErrorPath));

  const indicators = input.indicators.map((indicator, index) =>
    scoreIndicator(indicator, index, dec(allocation.points[index]), { scheme, precision }, errors),
  );
  const { line: budget, executionRate } = scoreBudget(input.budget, scheme, precision, errors);

  const selfTotalBeforeCap = sumDecimals([dec(budget.computedScore), ...indicators.map((i) => dec(i.selfScore))]);
  const finalTotalBeforeCap = sumDecimals([dec(budget.finalScore), ...indicators.map((i) => dec(i.finalScore))]);
  // Rule book § Scores: the cap follows the execution rate, so it bounds the reviewed total as well.
  const cap = capInForce(scheme.executionCaps, executionRate);
  const selfTotal = cappedTotal(selfTotalBeforeCap, cap);
  const finalTotal = cappedTotal(finalTotalBeforeCap, cap);
  const missingActualIndexes = indicators.flatMap((indicator, index) => (indicator.missingActual ? [index] : []));
  return {
    precision,
    indicators,
    budget,
    selfTotal: decString(selfTotal),
    finalTotal: decString(finalTotal),
    selfTotalBeforeCap: decString(selfTotalBeforeCap),
    finalTotalBeforeCap: decString(finalTotalBeforeCap),
    cap,
    selfGrade: gradeFor(selfTotal, scheme),
    finalGrade: gradeFor(finalTotal, scheme),
    missingActualIndexes,
    complete: errors.length === 0 && missingActualIndexes.length === 0 && !budget.missingExecuted,
    errors,
  };
}

interface ScoringContext {
  scheme: Scheme;
  precision: ScorePrecision;
}

function scoreIndicator(
  indicator: IndicatorInput,
  index: number,
  points: Decimal,
  { scheme, precision }: ScoringContext,
  errors: ScoringError[],
): IndicatorScore {
  const path = `indicators.${index}`;
  const outcome = achievementRate(indicator.target, indicator.actual, scheme);
  if (outcome.status === 'invalid')
    errors.push(...outcome.errors.map((e) => ({ path: `${path}.${e.path}`, message: e.message })));

  const hasRate = outcome.status === 'quantitative' || outcome.status === 'qualitative';
  // Only the score is rounded; points × numerator / denominator is exact wherever the product is.
  const rounded = hasRate
    ? roundHalfUp(points.times(outcome.exactRate.numerator).dividedBy(outcome.exactRate.denominator), precision)
    : dec(0);
  const explanation = explanationRequirement(outcome, scheme);
  const { score: computed, deducted } = overAchievementDeduction(rounded, explanation.overAchievement, scheme);

  // A deduction on a draft without an actual cannot be checked against a score that does not exist yet.
  const deduction = hasRate
    ? validatedAdjustment(
        indicator.deduction,
        { path: `${path}.deduction`, max: computed, kind: 'deduction', precision },
        errors,
      )
    : null;
  const reviewed = validatedAdjustment(
    indicator.reviewed,
    { path: `${path}.reviewed`, max: points, kind: 'reviewed', precision },
    errors,
  );
  const selfScore = deduction ?? computed;

  return {
    name: indicator.name,
    level1Code: indicator.level1Code,
    points: decString(points),
    rate: hasRate ? decString(outcome.rate) : null,
    computedScore: decString(computed),
    overAchievementDeduction: decString(deducted),
    selfScore: decString(selfScore),
    ...reviewedOutcome(selfScore, reviewed, explanation),
    missingActual: outcome.status === 'missing',
    overAchievement: explanation.overAchievement,
  };
}

function allocationErrorPath(error: AllocationError): ScoringError {
  if (error.index === undefined) return { path: 'points', message: error.message };
  return { path: `indicators.${error.index}.${error.field ?? 'points'}`, message: error.message };
}
