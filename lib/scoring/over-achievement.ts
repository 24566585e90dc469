import { Decimal, dec } from '../decimal';
import type { AchievementOutcome } from './achievement';
import type { Scheme } from './scheme';

/**
 * Rule book: an at-least part (≥, > and unsigned = with a target > 0) whose actual/target reaches
 * the over-achievement threshold. The one predicate behind both the required explanation and the
 * deduction. Compared as a × 100 ≥ threshold × t, so no division rounds near the threshold.
 */
export function reachesOverAchievement(
  outcome: AchievementOutcome,
  scheme: Pick<Scheme, 'overAchievementThreshold'>,
): boolean {
  if (outcome.status !== 'quantitative') return false;
  return outcome.parts.some(
    ({ actualToTarget: ratio }) =>
      ratio !== null &&
      ratio.numerator.times(100).greaterThanOrEqualTo(ratio.denominator.times(scheme.overAchievementThreshold)),
  );
}

/**
 * Rule book § Scores, over-achievement deduction: max(0, round(points × r) − N) when N > 0 and the
 * indicator reaches the threshold, once per indicator however many parts reach it. Returns the
 * score and the points actually taken off (less than N when the score stops at 0).
 */
export function overAchievementDeduction(
  rounded: Decimal,
  overAchieved: boolean,
  scheme: Pick<Scheme, 'overAchievementDeduction'>,
): { score: Decimal; deducted: Decimal } {
  const points = dec(scheme.overAchievementDeduction);
  if (!overAchieved || !points.greaterThan(0)) return { score: rounded, deducted: dec(0) };
  const score = Decimal.max(0, rounded.minus(points));
  return { score, deducted: rounded.minus(score) };
}
