import { Decimal, dec } from '../decimal';
import type { Fraction } from './achievement';
import type { ExecutionCap } from './scheme';

/**
 * Rule book § Scores, execution caps: every cap whose `below` is above the budget execution rate
 * in percent applies, and the lowest `maxTotal` among them wins (on a tie, the one listed first).
 * Null when no cap applies or the rate cannot be computed yet (全年执行数 not entered).
 */
export function capInForce(caps: readonly ExecutionCap[], rate: Fraction | null): ExecutionCap | null {
  if (rate === null) return null;
  let chosen: ExecutionCap | null = null;
  for (const cap of caps) {
    if (!isRateBelowPercent(rate, cap.below)) continue;
    if (chosen === null || dec(cap.maxTotal).lessThan(chosen.maxTotal)) chosen = cap;
  }
  return chosen === null ? null : { below: chosen.below, maxTotal: chosen.maxTotal };
}

/**
 * executed / budget < percent / 100, decided as 100 × executed < percent × budget (budget > 0):
 * exact, so 80 % is not below 80 and 79.99 % is, whatever the amounts.
 */
export function isRateBelowPercent({ numerator, denominator }: Fraction, percent: number): boolean {
  return numerator.times(100).lessThan(denominator.times(percent));
}

/** The total after the cap: never raised, at most the cap's maximum. */
export function cappedTotal(total: Decimal, cap: ExecutionCap | null): Decimal {
  return cap === null ? total : Decimal.min(total, cap.maxTotal);
}

/** `预算执行率低于70%，总分不超过79分`, as the self-evaluation table prints it. */
export function capInWords(cap: ExecutionCap): string {
  return `预算执行率低于${cap.below}%，总分不超过${cap.maxTotal}分`;
}
