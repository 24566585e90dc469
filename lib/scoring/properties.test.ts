import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../decimal';
import { HUBEI_SCHEME, LEVEL1_CODES, NATIONAL_SCHEME, resolveScheme, type Level1Code, type Scheme } from './scheme';
import { scoreEvaluation } from './score-evaluation';
import { evaluation, indicator, inLevel } from './test-support';
import type { IndicatorActual, IndicatorInput } from './types';

/** A non-negative decimal with up to 2 places, as text (never through a float). */
const amount = (maxHundredths = 1_000_000) =>
  fc.integer({ min: 0, max: maxHundredths }).map((n) => dec(n).dividedBy(100).toFixed());
const positiveAmount = (maxHundredths = 1_000_000) =>
  fc.integer({ min: 1, max: maxHundredths }).map((n) => dec(n).dividedBy(100).toFixed());
const comparator = fc.constantFrom('≥', '>', '≤', '<', '');
const scheme = fc.constantFrom<Scheme>(NATIONAL_SCHEME, HUBEI_SCHEME, resolveScheme({ reverseFormula: 'linear' }));

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

describe('scoring-rules.md § Scores — properties', () => {
  it('0 ≤ score ≤ points for every indicator and the budget line', () => {
    fc.assert(
      fc.property(fc.array(anyRow, { minLength: 1, maxLength: 12 }), budget, scheme, (rows, money, s) => {
        const result = scoreEvaluation(evaluation(rows, money, s));
        expect(result.errors).toEqual([]);
        for (const line of [...result.indicators, result.budget]) {
          expect(dec(line.computedScore).greaterThanOrEqualTo(0)).toBe(true);
          expect(dec(line.computedScore).lessThanOrEqualTo(line.points)).toBe(true);
        }
      }),
    );
  });

  it('the total equals the sum of its parts, exactly', () => {
    fc.assert(
      fc.property(
        fc.array(anyRow, { minLength: 1, maxLength: 12 }),
        budget,
        scheme,
        fc.constantFrom<0 | 2>(0, 2),
        (rows, money, s, precision) => {
          const result = scoreEvaluation({ ...evaluation(rows, money, s), precision });
          const parts = result.indicators.reduce((sum, i) => sum.plus(i.selfScore), dec(result.budget.computedScore));
          expect(dec(result.selfTotal).equals(parts)).toBe(true);
          const points = result.indicators.reduce((sum, i) => sum.plus(i.points), dec(result.budget.points));
          expect(points.toFixed()).toBe('100');
        },
      ),
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
