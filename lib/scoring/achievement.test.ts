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

describe('scoring-rules.md § Targets (年度指标值) — the parsed forms the engine scores', () => {
  it('scores every quantitative form of the table: ≥, 或以上, ＞ (as ≥), bare number (= as at-least), 套或本', () => {
    expect(rate('≥98%', '98')).toBe('1');
    expect(rate(' ≥90%', '45')).toBe('0.5');
    expect(rate('95%或以上', '99')).toBe('1');
    expect(rate('＞300次', '300')).toBe('1');
    expect(rate('＞300次', '150')).toBe('0.5');
    expect(rate('30家', '27')).toBe('0.9');
    expect(rate('2736人次', '3000')).toBe('1');
    expect(rate('≥200套或本', '50')).toBe('0.25');
  });

  it('a qualitative text is scored by tier, never an error', () => {
    for (const text of ['高效有序处置', '有效提升', '2024年全年', '按上级要求在规定时间内完成']) {
      expect(rate(text, { tier: '达成' })).toBe('1');
    }
  });
});

describe('scoring-rules.md § Achievement rate r of one indicator (0 ≤ r ≤ 1)', () => {
  it('≥, > and = with t > 0: min(a / t, 1)', () => {
    expect(rate('≥50家', '52')).toBe('1');
    expect(rate('≥50家', '25')).toBe('0.5');
    expect(rate('>4次', '1')).toBe('0.25');
    expect(rate('95%', '93')).toBe('0.9789473684210526315789473684210526315789');
    expect(rate('30家', '0')).toBe('0');
  });

  it('= with t = 0: 1 if a ≤ 0 else 0 (e.g. zero accidents)', () => {
    expect(rate('0次', '0')).toBe('1');
    expect(rate('0次', '1')).toBe('0');
    expect(rate('=0', '0.01')).toBe('0');
  });

  it('≥ 0 is met by any actual (a / 0 is undefined, and any a ≥ 0 satisfies it)', () => {
    expect(rate('≥0个', '0')).toBe('1');
    expect(rate('≥0个', '7')).toBe('1');
  });

  it('≤, <: 1 if a ≤ t; else ratio t / a', () => {
    expect(rate('≤1%', '0.5')).toBe('1');
    expect(rate('≤1%', '1')).toBe('1');
    expect(rate('≤1%', '2')).toBe('0.5');
    expect(rate('≤3次', '4')).toBe('0.75');
    expect(rate('<5%', '5')).toBe('1');
    expect(rate('<5%', '10')).toBe('0.5');
  });

  it('ratio vs linear reverse formula: linear is max(0, 1 − (a − t)/t)', () => {
    expect(rate('≤2%', '3')).toBe('0.6666666666666666666666666666666666666667');
    expect(rate('≤2%', '3', LINEAR)).toBe('0.5');
    expect(rate('≤2%', '4')).toBe('0.5');
    expect(rate('≤2%', '4', LINEAR)).toBe('0');
    expect(rate('≤2%', '10', LINEAR)).toBe('0');
    expect(rate('≤2%', '1', LINEAR)).toBe('1');
  });

  it('≤ 0: 1 if a ≤ 0, else 0 under both formulas', () => {
    expect(rate('≤0', '0')).toBe('1');
    expect(rate('≤0', '1')).toBe('0');
    expect(rate('≤0', '1', LINEAR)).toBe('0');
  });

  it('range [lo, hi]: 1 inside; below a / lo; above hi / a', () => {
    expect(rate('90-95%', '90')).toBe('1');
    expect(rate('90-95%', '95')).toBe('1');
    expect(rate('90~95%', '92.5')).toBe('1');
    expect(rate('90-95%', '45')).toBe('0.5');
    expect(rate('90-95%', '100')).toBe('0.95');
  });

  it('a compound target is the arithmetic mean of its parts', () => {
    expect(rate('≥4次，≥2个', ['4', '1'])).toBe('0.75');
    expect(rate('1.扫描仪1台；2.信创台式电脑13台；3.信创笔记本电脑3台', ['1', '13', '0'])).toBe(
      '0.6666666666666666666666666666666666666667',
    );
    expect(rate('≥4次，≤2个', ['2', '4'])).toBe('0.5');
  });

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

  it('qualitative: the percent picked inside the tier band / 100, default the tier default', () => {
    expect(rate('有效提升', { tier: '达成' })).toBe('1');
    expect(rate('有效提升', { tier: '部分达成' })).toBe('0.7');
    expect(rate('有效提升', { tier: '未达成' })).toBe('0.3');
    expect(rate('有效提升', { tier: '达成', percent: '80' })).toBe('0.8');
    expect(rate('有效提升', { tier: '部分达成', percent: '79.5' })).toBe('0.795');
    expect(rate('有效提升', { tier: '未达成', percent: '0' })).toBe('0');
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

  it('hubei bands: 部分达成 [50, 80), 未达成 [0, 50)', () => {
    expect(rate('有效提升', { tier: '部分达成', percent: '55' }, HUBEI_SCHEME)).toBe('0.55');
    expect(rate('有效提升', { tier: '部分达成', percent: '55' })).toBeNull();
    expect(rate('有效提升', { tier: '未达成', percent: '55' }, HUBEI_SCHEME)).toBeNull();
    expect(rate('有效提升', { tier: '未达成', percent: '49' }, HUBEI_SCHEME)).toBe('0.49');
    expect(rate('有效提升', { tier: '部分达成' }, HUBEI_SCHEME)).toBe('0.7');
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
