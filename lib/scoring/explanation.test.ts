import { describe, expect, it } from 'vitest';
import { parseTargetText } from '../targets/parse-target-text';
import { achievementRate } from './achievement';
import { UNDER_TARGET_REASON, explanationRequirement, missingExplanations, overAchievementReason } from './explanation';
import { NATIONAL_SCHEME, resolveScheme, type Scheme } from './scheme';
import { scoreEvaluation } from './score-evaluation';
import { evaluation, indicator, inLevel } from './test-support';
import type { IndicatorActual } from './types';

function reasons(targetText: string, actual: IndicatorActual, scheme: Scheme = NATIONAL_SCHEME): string[] {
  return explanationRequirement(achievementRate(parseTargetText(targetText), actual, scheme), scheme).reasons;
}

describe('scoring-rules.md § When an explanation (偏差原因分析及改进措施) is required', () => {
  it('a quantitative indicator with r < 1', () => {
    expect(reasons('≥50家', '49')).toEqual([UNDER_TARGET_REASON]);
    expect(reasons('≤1%', '2')).toEqual([UNDER_TARGET_REASON]);
    expect(reasons('≥4次，≥2个', ['4', '1'])).toEqual([UNDER_TARGET_REASON]);
    expect(reasons('≥50家', '50')).toEqual([]);
    expect(reasons('≤1%', '0.2')).toEqual([]);
  });

  it('an at-least target with a / t ≥ 130 % (≥, >, and bare numbers)', () => {
    expect(reasons('≥50家', '65')).toEqual([overAchievementReason(130)]);
    expect(reasons('≥50家', '64.99')).toEqual([]);
    expect(reasons('30家', '39')).toEqual(['完成值达到年度指标值的130%及以上，请说明目标设定依据']);
    expect(reasons('>10次', '13')).toHaveLength(1);
    // at-most and range targets are never "over-achieved"
    expect(reasons('≤10次', '0')).toEqual([]);
    expect(reasons('90-95%', '94')).toEqual([]);
    // 0 targets have no ratio
    expect(reasons('≥0个', '100')).toEqual([]);
  });

  it('a compound target can need both reasons, one per part', () => {
    const outcome = achievementRate(parseTargetText('≥4次，≥2个'), ['8', '1'], NATIONAL_SCHEME);
    const requirement = explanationRequirement(outcome, NATIONAL_SCHEME);
    expect(requirement).toEqual({
      required: true,
      overAchievement: true,
      reasons: [UNDER_TARGET_REASON, overAchievementReason(130)],
    });
  });

  it('the over-achievement threshold is a scheme setting', () => {
    const scheme = resolveScheme({ overAchievementThreshold: 150 });
    expect(reasons('≥50家', '65', scheme)).toEqual([]);
    expect(reasons('≥50家', '75', scheme)).toEqual([overAchievementReason(150)]);
  });

  it('a qualitative indicator not in the 达成 tier', () => {
    expect(reasons('有效提升', { tier: '达成', percent: '80' })).toEqual([]);
    expect(reasons('有效提升', { tier: '部分达成' })).toEqual(['定性指标未达成（评定为“部分达成”）']);
    expect(reasons('有效提升', { tier: '未达成' })).toEqual(['定性指标未达成（评定为“未达成”）']);
  });

  it('nothing is required while the actual is missing', () => {
    expect(reasons('≥50家', null)).toEqual([]);
  });

  it('a budget execution rate below 90 %', () => {
    const rows = [indicator('≥1个', '1')];
    expect(scoreEvaluation(evaluation(rows, { initial: '100', executed: '89.99' })).budget).toMatchObject({
      explanationRequired: true,
      explanationReasons: ['预算执行率低于90%'],
    });
    expect(scoreEvaluation(evaluation(rows, { initial: '100', executed: '90' })).budget.explanationRequired).toBe(
      false,
    );
  });

  it('submission is refused with each offending row named while its explanation is empty', () => {
    const input = evaluation(
      [
        indicator('≥50家', '40', { name: '检查企业数' }),
        indicator('≥50家', '50', { name: '培训场次' }),
        indicator('≥50家', '30', { name: '整改数', explanation: '企业停产，无法检查' }),
        inLevel('3', indicator('有效提升', { tier: '部分达成' }, { name: '满意度', explanation: '   ' })),
      ],
      { initial: '100', executed: '50' },
    );
    const missing = missingExplanations(input, scoreEvaluation(input));
    expect(missing.map((m) => m.message)).toEqual([
      '第1行“检查企业数”：未达到年度指标值，请填写偏差原因分析及改进措施',
      '第4行“满意度”：定性指标未达成（评定为“部分达成”），请填写偏差原因分析及改进措施',
      '预算执行率：预算执行率低于90%，请填写偏差原因分析及改进措施',
    ]);
    expect(missing[0]).toMatchObject({ line: 'indicator', index: 0, name: '检查企业数' });

    const explained = { ...input, budget: { ...input.budget, explanation: '项目延期' } };
    expect(missingExplanations(explained, scoreEvaluation(explained)).map((m) => m.line)).toEqual([
      'indicator',
      'indicator',
    ]);
  });
});
