import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, roundHalfUp } from '../decimal';
import {
  HUBEI_SCHEME,
  INTEGRATED_SCHEME,
  LEVEL1_CODES,
  NATIONAL_SCHEME,
  resolveScheme,
  type Level1Code,
  type Scheme,
} from './scheme';
import { scoreEvaluation } from './score-evaluation';
import { evaluation, indicator, inLevel } from './test-support';
import type { IndicatorActual, IndicatorInput } from './types';

/** A non-negative decimal with up to 2 places, as text (never through a float). */
const amount = (maxHundredths = 1_000_000) =>
  fc.integer({ min: 0, max: maxHundredths }).map((n) => dec(n).dividedBy(100).toFixed());
const positiveAmount = (maxHundredths = 1_000_000) =>
  fc.integer({ min: 1, max: maxHundredths }).map((n) => dec(n).dividedBy(100).toFixed());
const comparator = fc.constantFrom('≥', '>', '≤', '<', '');
const scheme = fc.constantFrom<Scheme>(
  NATIONAL_SCHEME,
  HUBEI_SCHEME,
  INTEGRATED_SCHEME,
  resolveScheme({ reverseFormula: 'linear', precision: 1 }),
);

const quantitativeRow = fc
  .record({ sign: comparator, target: amount(), actual: amount(), level: fc.constantFrom<Level1Code>(...LEVEL1_CODES) })
  .map(({ sign, target, actual, level }) => inLevel(level, indicator(`${sign}${target}个`, actual)));
const rangeRow = fc.tuple(positiveAmount(), positiveAmount(), amount()).map(([a, b, actual]) => {
  const [lo, hi] = dec(a).lessThan(b) ? [a, b] : [b, a];
  return indicator(`${lo}-${hi}%`, actual);
});
const compoundRow = fc
  .tuple(positiveAmount(), amount(), positiveAmount(), amount())
  .map(([t1, a1, t2, a2]) => indicator(`≥${t1}次，≤${t2}个`, [a1, a2]));
const qualitativeRow = fc
  .constantFrom<IndicatorActual>(
    { tier: '达成' },
    { tier: '部分达成' },
    { tier: '未达成' },
    { tier: '达成', percent: '85.5' },
    null,
  )
  .map((actual) => inLevel('2', indicator('有效提升', actual)));
const anyRow = fc.oneof(quantitativeRow, rangeRow, compoundRow, qualitativeRow);
const budget = fc.record({ initial: positiveAmount(), executed: amount() });
const someRows = (maxLength: number) => fc.array(anyRow, { minLength: 1, maxLength });

describe('scoring-rules.md § Scores — properties', () => {
  // Points are in hundredths; at precision 1 or 0 the rule book's round-half-up(points × r) may round
  // 7.15 points up to 7.2, so the bound is the points at the score precision (the points themselves at 2).
  it('0 ≤ score ≤ points (at the score precision) for every indicator and the budget line', () => {
    fc.assert(
      fc.property(someRows(12), budget, scheme, (rows, money, s) => {
        const result = scoreEvaluation(evaluation(rows, money, s));
        expect(result.errors).toEqual([]);
        for (const line of [...result.indicators, result.budget]) {
          expect(dec(line.computedScore).greaterThanOrEqualTo(0)).toBe(true);
          expect(dec(line.computedScore).lessThanOrEqualTo(roundHalfUp(dec(line.points), result.precision))).toBe(true);
        }
      }),
    );
  });

  it('the total equals the sum of its parts, exactly', () => {
    fc.assert(
      fc.property(someRows(12), budget, scheme, fc.constantFrom<0 | 1 | 2>(0, 1, 2), (rows, money, s, precision) => {
        const result = scoreEvaluation({ ...evaluation(rows, money, s), precision });
        const parts = result.indicators.reduce((sum, i) => sum.plus(i.selfScore), dec(result.budget.computedScore));
        expect(dec(result.selfTotalBeforeCap).equals(parts)).toBe(true);
        const capped = result.cap === null ? parts : decMin(parts, result.cap.maxTotal);
        expect(dec(result.selfTotal).equals(capped)).toBe(true);
        const points = result.indicators.reduce((sum, i) => sum.plus(i.points), dec(result.budget.points));
        expect(points.toFixed()).toBe('100');
      }),
    );
  });

  it('raising the actual of an at-least target never lowers its score', () => {
    fc.assert(
      fc.property(fc.constantFrom('≥', '>', ''), amount(), amount(), amount(), (sign, target, a, b) => {
        const [low, high] = dec(a).lessThan(b) ? [a, b] : [b, a];
        const score = (actual: string) =>
          scoreEvaluation(evaluation([indicator(`${sign}${target}家`, actual)])).indicators[0].computedScore;
        expect(dec(score(low)).lessThanOrEqualTo(score(high))).toBe(true);
      }),
    );
  });

  it('raising the actual of an at-most target never raises its score (ratio and linear)', () => {
    fc.assert(
      fc.property(fc.constantFrom('≤', '<'), amount(), amount(), amount(), scheme, (sign, target, a, b, s) => {
        const [low, high] = dec(a).lessThan(b) ? [a, b] : [b, a];
        const score = (actual: string) =>
          scoreEvaluation(evaluation([indicator(`${sign}${target}次`, actual)], {}, s)).indicators[0].computedScore;
        expect(dec(score(high)).lessThanOrEqualTo(score(low))).toBe(true);
      }),
    );
  });

  it('every target met exactly, every qualitative 达成 at its default, the budget fully spent → 100', () => {
    const metRow = fc.oneof(
      fc
        .tuple(fc.constantFrom('≥', '>', '≤', '<', ''), positiveAmount())
        .map(([sign, t]) => indicator(`${sign}${t}个`, t)),
      fc.tuple(positiveAmount(), positiveAmount()).map(([t1, t2]) => indicator(`≥${t1}次，≥${t2}个`, [t1, t2])),
      fc.constant(indicator('有效提升', { tier: '达成' })),
    );
    const row = fc
      .tuple(metRow, fc.constantFrom<Level1Code>(...LEVEL1_CODES))
      .map(([r, level]): IndicatorInput => inLevel(level, r));
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 15 }),
        positiveAmount(),
        fc.constantFrom(NATIONAL_SCHEME, HUBEI_SCHEME),
        (rows, money, s) => {
          const result = scoreEvaluation(evaluation(rows, { initial: money, executed: money }, s));
          expect(result.selfTotal).toBe('100');
          expect(result.finalGrade).toBe('优');
        },
      ),
    );
  });
});

/** Caps as the scheme accepts them: distinct `below` percents listed from the highest down, any maxima. */
const caps = fc
  .uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 5 })
  .chain((belows) =>
    fc
      .tuple(...belows.map(() => fc.integer({ min: 0, max: 100 })))
      .map((maxima) => [...belows].sort((a, b) => b - a).map((below, i) => ({ below, maxTotal: maxima[i] }))),
  );
const reviewedBudget = fc.option(
  fc.integer({ min: 0, max: 10 }).map((n) => ({ score: String(n), reason: '复核' })),
  { nil: null },
);

describe('scoring-rules.md § Scores — second edition properties', () => {
  it('a cap never raises a total: each total is min(uncapped, maxTotal) and its grade is never better', () => {
    fc.assert(
      fc.property(someRows(8), budget, reviewedBudget, caps, (rows, money, reviewed, list) => {
        const input = evaluation(rows, { ...money, reviewed });
        const uncapped = scoreEvaluation({ ...input, scheme: resolveScheme({ executionCaps: [] }) });
        const capped = scoreEvaluation({ ...input, scheme: resolveScheme({ executionCaps: list }) });
        for (const key of ['selfTotal', 'finalTotal'] as const) {
          expect(dec(capped[key]).lessThanOrEqualTo(uncapped[key])).toBe(true);
          const bound = capped.cap === null ? dec(uncapped[key]) : decMin(uncapped[key], capped.cap.maxTotal);
          expect(capped[key]).toBe(bound.toFixed());
        }
        const rank = (grade: string) => ['优', '良', '中', '差'].indexOf(grade);
        expect(rank(capped.finalGrade)).toBeGreaterThanOrEqual(rank(uncapped.finalGrade));
      }),
    );
  });

  it('a deduction never raises a score, never takes more than N, and scores stay within [0, points]', () => {
    const deduction = fc.integer({ min: 0, max: 10_000 }).map((n) => dec(n).dividedBy(100).toNumber());
    fc.assert(
      fc.property(someRows(8), budget, deduction, (rows, money, n) => {
        const input = evaluation(rows, money);
        const plain = scoreEvaluation(input).indicators;
        const deducted = scoreEvaluation({ ...input, scheme: resolveScheme({ overAchievementDeduction: n }) });
        expect(deducted.errors).toEqual([]);
        deducted.indicators.forEach((row, i) => {
          const before = dec(plain[i].computedScore);
          expect(dec(row.computedScore).lessThanOrEqualTo(before)).toBe(true);
          expect(dec(row.computedScore).greaterThanOrEqualTo(0)).toBe(true);
          expect(dec(row.computedScore).lessThanOrEqualTo(row.points)).toBe(true); // national: precision 2
          expect(before.minus(row.computedScore).equals(row.overAchievementDeduction)).toBe(true);
          expect(dec(row.overAchievementDeduction).lessThanOrEqualTo(row.overAchievement ? n : 0)).toBe(true);
        });
      }),
    );
  });
});

function decMin(a: string | ReturnType<typeof dec>, b: number) {
  return dec(a).lessThan(b) ? dec(a) : dec(b);
}
