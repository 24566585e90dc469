import { Decimal, dec } from '../decimal';
import { parseDecimalText } from './decimal-text';
import {
  QUALITATIVE_TIERS,
  bandInWords,
  isPercentInBand,
  type QualitativeTier,
  type ReverseFormula,
  type Scheme,
} from './scheme';
import type { IndicatorActual, QualitativeActual } from './types';
import type { ParsedTarget, QuantitativePart } from '../targets/types';

/** Rule book "Achievement rate r of one indicator (0 ≤ r ≤ 1)". */

/**
 * An exact rate numerator/denominator. Scores are computed as points × numerator / denominator so
 * that a product that is exactly x.xx5 (15 × 5/24 = 3.125) is not first truncated by dividing.
 */
export interface Fraction {
  numerator: Decimal;
  denominator: Decimal;
}

export interface PartAchievement {
  rate: Fraction;
  /** actual / target, exactly, of an at-least part with target > 0 (the over-achievement rule); null otherwise. */
  actualToTarget: Fraction | null;
}

export interface AchievementError {
  /** Relative to the indicator: `actual`, `actual.1`, `actual.tier`, `actual.percent`. */
  path: string;
  message: string;
}

export type AchievementOutcome =
  | { status: 'missing' }
  | { status: 'invalid'; errors: AchievementError[] }
  | { status: 'quantitative'; rate: Decimal; exactRate: Fraction; parts: PartAchievement[] }
  | { status: 'qualitative'; rate: Decimal; exactRate: Fraction; tier: QualitativeTier; percent: Decimal };

type RateSettings = Pick<Scheme, 'reverseFormula' | 'qualitativeTiers'>;

export function achievementRate(
  target: ParsedTarget,
  actual: IndicatorActual,
  scheme: RateSettings,
): AchievementOutcome {
  if (actual === null || actual === undefined) return { status: 'missing' };
  if (target.kind === 'qualitative') return qualitativeRate(actual, scheme);

  const parts = target.kind === 'compound' ? target.parts : [target];
  const values = typeof actual === 'string' ? [actual] : actual;
  if (!Array.isArray(values)) {
    return invalid('actual', '该指标为定量指标，请填写实际完成值（数字），不是完成档次');
  }
  if (values.length !== parts.length) {
    const expected =
      target.kind === 'compound'
        ? `复合指标有${parts.length}项，应依次填写${parts.length}个实际完成值`
        : '应填写1个实际完成值';
    return invalid('actual', `${expected}，实际填写了${values.length}个`);
  }

  const errors: AchievementError[] = [];
  const partResults: PartAchievement[] = [];
  values.forEach((text, i) => {
    const path = parts.length > 1 ? `actual.${i}` : 'actual';
    const value = parseDecimalText(text);
    if (value === null) errors.push({ path, message: `实际完成值“${String(text)}”不是数字` });
    else if (value.isNegative()) errors.push({ path, message: `实际完成值不能为负数（${String(text)}）` });
    else partResults.push(partAchievement(parts[i], value, scheme.reverseFormula));
  });
  if (errors.length > 0) return { status: 'invalid', errors };

  const exactRate = meanOf(partResults.map((p) => p.rate));
  return { status: 'quantitative', rate: fractionValue(exactRate), exactRate, parts: partResults };
}

/** r of one quantitative part with target t and actual a ≥ 0, per the rule book's table. */
export function partAchievement(
  part: QuantitativePart,
  actual: Decimal,
  reverseFormula: ReverseFormula,
): PartAchievement {
  const target = dec(part.value);
  const none = { rate: fraction(0), actualToTarget: null };
  const full = { rate: fraction(1), actualToTarget: null };
  switch (part.comparator) {
    case '>=':
    case '>':
    case '=': {
      // `= 0` is the only at-least form where the target can be missed by exceeding it (zero accidents).
      if (target.isZero()) return part.comparator === '=' && actual.greaterThan(0) ? none : full;
      const actualToTarget = { numerator: actual, denominator: target };
      const rate = actual.greaterThanOrEqualTo(target) ? fraction(1) : { numerator: actual, denominator: target };
      return { rate, actualToTarget };
    }
    case '<=':
    case '<': {
      if (actual.lessThanOrEqualTo(target)) return full;
      if (target.isZero()) return none;
      if (reverseFormula === 'ratio') return { rate: { numerator: target, denominator: actual }, actualToTarget: null };
      // linear: max(0, 1 − (a − t)/t) = max(0, (2t − a)/t)
      const numerator = Decimal.max(0, target.times(2).minus(actual));
      return { rate: { numerator, denominator: target }, actualToTarget: null };
    }
    case 'range': {
      const upper = dec(part.upper ?? part.value);
      if (actual.lessThan(target)) return { rate: { numerator: actual, denominator: target }, actualToTarget: null };
      if (actual.greaterThan(upper)) return { rate: { numerator: upper, denominator: actual }, actualToTarget: null };
      return full;
    }
  }
}

function qualitativeRate(actual: Exclude<IndicatorActual, null>, scheme: RateSettings): AchievementOutcome {
  if (typeof actual === 'string' || Array.isArray(actual) || typeof actual !== 'object') {
    return invalid('actual', '该指标为定性指标，请选择完成档次（达成/部分达成/未达成），不是数字');
  }
  const { tier, percent: percentText } = actual as QualitativeActual;
  if (!(QUALITATIVE_TIERS as readonly string[]).includes(tier)) {
    return invalid('actual.tier', `完成档次“${String(tier)}”无效，应为 ${QUALITATIVE_TIERS.join('、')} 之一`);
  }
  const band = scheme.qualitativeTiers[tier];
  const hasPercent = percentText !== undefined && percentText !== null && String(percentText).trim() !== '';
  const percent = hasPercent ? parseDecimalText(percentText) : dec(band.defaultPercent);
  if (percent === null) return invalid('actual.percent', `得分比例“${String(percentText)}”不是数字`);
  if (!isPercentInBand(percent.toFixed(), band)) {
    return invalid(
      'actual.percent',
      `${tier}档次的得分比例应在${bandInWords(band)}之间，填写的是${percent.toFixed()}%`,
    );
  }
  const exactRate = { numerator: percent, denominator: dec(100) };
  return { status: 'qualitative', rate: fractionValue(exactRate), exactRate, tier, percent };
}

function invalid(path: string, message: string): AchievementOutcome {
  return { status: 'invalid', errors: [{ path, message }] };
}

function fraction(value: number): Fraction {
  return { numerator: dec(value), denominator: dec(1) };
}

export function fractionValue({ numerator, denominator }: Fraction): Decimal {
  return numerator.dividedBy(denominator);
}

/** The arithmetic mean of the parts' rates, kept as one exact fraction. */
function meanOf(rates: Fraction[]): Fraction {
  if (rates.length === 1) return rates[0];
  const denominator = rates.reduce((product, r) => product.times(r.denominator), dec(1));
  const numerator = rates.reduce((sum, r) => sum.plus(r.numerator.times(denominator).dividedBy(r.denominator)), dec(0));
  return { numerator, denominator: denominator.times(rates.length) };
}
