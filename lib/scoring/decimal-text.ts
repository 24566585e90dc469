import { Decimal, dec } from '../decimal';

const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal string (`"13.5"`, `"1e-7"` as JavaScript prints small numbers) → Decimal; null when not a number. */
export function parseDecimalText(text: unknown): Decimal | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) return null;
  const value = dec(trimmed);
  return value.isFinite() ? value : null;
}

export function sumDecimals(values: Decimal[]): Decimal {
  return values.reduce((sum, value) => sum.plus(value), dec(0));
}

/**
 * Splits `total` hundredths in proportion to `weights` by the largest-remainder method (rule book
 * "Points per indicator"): everyone gets the floor of their quota, the leftover hundredths go to
 * the largest remainders, ties to the earlier entry. Returns amounts (not hundredths).
 */
export function splitInHundredths(total: Decimal, weights: Decimal[]): Decimal[] {
  const totalHundredths = total.times(100);
  const weightSum = sumDecimals(weights);
  if (weights.length === 0 || weightSum.isZero()) return weights.map(() => dec(0));
  const quotas = weights.map((w) => totalHundredths.times(w).dividedBy(weightSum));
  const floors = quotas.map((q) => q.floor());
  let leftover = totalHundredths.minus(sumDecimals(floors)).round().toNumber();
  const byRemainder = quotas
    .map((q, index) => ({ index, remainder: q.minus(floors[index]) }))
    .sort((x, y) => y.remainder.comparedTo(x.remainder) || x.index - y.index);
  const shares = [...floors];
  for (const { index } of byRemainder) {
    if (leftover <= 0) break;
    shares[index] = shares[index].plus(1);
    leftover -= 1;
  }
  return shares.map((hundredths) => hundredths.dividedBy(100));
}

export type { Decimal };
