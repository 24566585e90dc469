import { describe, expect, it } from 'vitest';
import { parseTargetText } from '../targets/parse-target-text';
import { achievementRate, type AchievementOutcome } from './achievement';
import { HUBEI_SCHEME, NATIONAL_SCHEME, resolveScheme, type Scheme } from './scheme';
import type { IndicatorActual } from './types';

const LINEAR = resolveScheme({ reverseFormula: 'linear' });

function rate(targetText: string, actual: IndicatorActual, scheme: Scheme = NATIONAL_SCHEME): string | null {
  const outcome = achievementRate(parseTargetText(targetText), actual, scheme);
  return outcome.status === 'quantitative' || outcome.status === 'qualitative' ? outcome.rate.toFixed() : null;
}

function errorsOf(outcome: AchievementOutcome) {
  return outcome.status === 'invalid' ? outcome.errors : [];
}

type SchemeName = 'national' | 'linear' | 'hubei';
const SCHEMES: Record<SchemeName, Scheme> = { national: NATIONAL_SCHEME, linear: LINEAR, hubei: HUBEI_SCHEME };

/** A target as typed, the actual entered and the rate r it scores (null: none), under the national scheme unless named. */
type RateCase = [target: string, actual: IndicatorActual, rate: string | null, scheme?: SchemeName];

/**
 * The rules of § Targets (年度指标值: the parsed forms the engine scores) and § Achievement rate r of one
 * indicator (0 ≤ r ≤ 1), each in the rule book's words, above the cases that show it.
 */
const RATES: RateCase[] = [
  // § Targets: every quantitative form of the table: ≥, 或以上, ＞ (as ≥), bare number (= as at-least), 套或本
  ['≥98%', '98', '1'],
  [' ≥90%', '45', '0.5'],
  ['95%或以上', '99', '1'],
  ['＞300次', '300', '1'],
  ['＞300次', '150', '0.5'],
  ['30家', '27', '0.9'],
  ['2736人次', '3000', '1'],
  ['≥200套或本', '50', '0.25'],
  // § Targets: a qualitative text is scored by tier, never an error
  ['高效有序处置', { tier: '达成' }, '1'],
  ['有效提升', { tier: '达成' }, '1'],
  ['2024年全年', { tier: '达成' }, '1'],
  ['按上级要求在规定时间内完成', { tier: '达成' }, '1'],
  // ≥, > and = with t > 0: min(a / t, 1)
  ['≥50家', '52', '1'],
  ['≥50家', '25', '0.5'],
  ['>4次', '1', '0.25'],
  ['95%', '93', '0.9789473684210526315789473684210526315789'],
  ['30家', '0', '0'],
  // = with t = 0: 1 if a ≤ 0 else 0 (e.g. zero accidents)
  ['0次', '0', '1'],
  ['0次', '1', '0'],
  ['=0', '0.01', '0'],
  // ≥ 0 is met by any actual (a / 0 is undefined, and any a ≥ 0 satisfies it)
  ['≥0个', '0', '1'],
  ['≥0个', '7', '1'],
  // ≤, <: 1 if a ≤ t; else ratio t / a
  ['≤1%', '0.5', '1'],
  ['≤1%', '1', '1'],
  ['≤1%', '2', '0.5'],
  ['≤3次', '4', '0.75'],
  ['<5%', '5', '1'],
  ['<5%', '10', '0.5'],
  // ratio vs linear reverse formula: linear is max(0, 1 − (a − t)/t)
  ['≤2%', '3', '0.6666666666666666666666666666666666666667'],
  ['≤2%', '3', '0.5', 'linear'],
  ['≤2%', '4', '0.5'],
  ['≤2%', '4', '0', 'linear'],
  ['≤2%', '10', '0', 'linear'],
  ['≤2%', '1', '1', 'linear'],
  // ≤ 0: 1 if a ≤ 0, else 0 under both formulas
  ['≤0', '0', '1'],
  ['≤0', '1', '0'],
  ['≤0', '1', '0', 'linear'],
  // range [lo, hi]: 1 inside; below a / lo; above hi / a
  ['90-95%', '90', '1'],
  ['90-95%', '95', '1'],
  ['90~95%', '92.5', '1'],
  ['90-95%', '45', '0.5'],
  ['90-95%', '100', '0.95'],
  // a compound target is the arithmetic mean of its parts
  ['≥4次，≥2个', ['4', '1'], '0.75'],
  [
    '1.扫描仪1台；2.信创台式电脑13台；3.信创笔记本电脑3台',
    ['1', '13', '0'],
    '0.6666666666666666666666666666666666666667',
  ],
  ['≥4次，≤2个', ['2', '4'], '0.5'],
  // qualitative: the percent picked inside the tier band / 100, default the tier default
  ['有效提升', { tier: '达成' }, '1'],
  ['有效提升', { tier: '部分达成' }, '0.7'],
  ['有效提升', { tier: '未达成' }, '0.3'],
  ['有效提升', { tier: '达成', percent: '80' }, '0.8'],
  ['有效提升', { tier: '部分达成', percent: '79.5' }, '0.795'],
  ['有效提升', { tier: '未达成', percent: '0' }, '0'],
  // hubei bands: 部分达成 [50, 80), 未达成 [0, 50)
  ['有效提升', { tier: '部分达成', percent: '55' }, '0.55', 'hubei'],
  ['有效提升', { tier: '部分达成', percent: '55' }, null],
  ['有效提升', { tier: '未达成', percent: '55' }, null, 'hubei'],
  ['有效提升', { tier: '未达成', percent: '49' }, '0.49', 'hubei'],
  ['有效提升', { tier: '部分达成' }, '0.7', 'hubei'],
];

describe('scoring-rules.md § Targets and § Achievement rate r: each case of each rule, a test of its own', () => {
  const table = RATES.map(([target, actual, expected, scheme = 'national']) => ({ target, actual, expected, scheme }));
  it.each(table)('$target with $actual ($scheme) scores $expected', ({ target, actual, expected, scheme }) => {
    expect(rate(target, actual, SCHEMES[scheme])).toBe(expected);
  });
});

describe('scoring-rules.md § Achievement rate r of one indicator: actuals that give no rate', () => {
  it('a wrong number of compound parts is an error, not a throw', () => {
    const outcome = achievementRate(parseTargetText('≥4次，≥2个'), ['4'], NATIONAL_SCHEME);
    expect(errorsOf(outcome)).toEqual([
      { path: 'actual', message: '复合指标有2项，应依次填写2个实际完成值，实际填写了1个' },
    ]);
    expect(errorsOf(achievementRate(parseTargetText('≥4次，≥2个'), '4', NATIONAL_SCHEME))).toHaveLength(1);
    expect(errorsOf(achievementRate(parseTargetText('≥4次'), ['4', '5'], NATIONAL_SCHEME))).toHaveLength(1);
  });

  it('a negative or non-numeric actual is invalid input, with the part named', () => {
    expect(errorsOf(achievementRate(parseTargetText('≥50家'), '-1', NATIONAL_SCHEME))[0]).toMatchObject({
      path: 'actual',
      message: expect.stringContaining('负数'),
    });
    expect(errorsOf(achievementRate(parseTargetText('≥4次，≥2个'), ['4', '-1'], NATIONAL_SCHEME))[0].path).toBe(
      'actual.1',
    );
    expect(errorsOf(achievementRate(parseTargetText('≥50家'), 'many', NATIONAL_SCHEME))[0].message).toContain(
      '不是数字',
    );
  });

  it('a missing actual (a draft) is not an error', () => {
    expect(achievementRate(parseTargetText('≥50家'), null, NATIONAL_SCHEME)).toEqual({ status: 'missing' });
  });

  it('qualitative percent outside its band is rejected (80 is not 部分达成, 60 is not 未达成)', () => {
    const target = parseTargetText('有效提升');
    for (const [tier, percent] of [
      ['部分达成', '80'],
      ['部分达成', '59.99'],
      ['未达成', '60'],
      ['达成', '79.9'],
      ['达成', '100.01'],
    ] as const) {
      const errors = errorsOf(achievementRate(target, { tier, percent }, NATIONAL_SCHEME));
      expect(errors).toHaveLength(1);
      expect(errors[0].path).toBe('actual.percent');
    }
    expect(errorsOf(achievementRate(target, { tier: '部分达成', percent: '80' }, NATIONAL_SCHEME))[0].message).toBe(
      '部分达成档次的得分比例应在60%（含）至80%（不含）之间，填写的是80%',
    );
  });

  it('an unknown tier, a number for a qualitative target, a tier for a quantitative one: errors', () => {
    const tierError = errorsOf(
      achievementRate(parseTargetText('有效提升'), { tier: '基本达成' as '达成' }, NATIONAL_SCHEME),
    );
    expect(tierError[0]).toMatchObject({ path: 'actual.tier', message: expect.stringContaining('基本达成') });
    expect(errorsOf(achievementRate(parseTargetText('有效提升'), '100', NATIONAL_SCHEME))[0].message).toContain(
      '定性指标',
    );
    expect(errorsOf(achievementRate(parseTargetText('≥50家'), { tier: '达成' }, NATIONAL_SCHEME))[0].message).toContain(
      '定量指标',
    );
  });
});
