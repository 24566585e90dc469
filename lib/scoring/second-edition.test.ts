import { describe, expect, it } from 'vitest';
import { BUDGET_OVERSPENT_REASON, missingExplanations, overAchievementReason } from './explanation';
import {
  HUBEI_SCHEME,
  INTEGRATED_SCHEME,
  NATIONAL_SCHEME,
  resolveScheme,
  safeResolveScheme,
  type CustomSchemeInput,
  type Scheme,
} from './scheme';
import { scoreEvaluation } from './score-evaluation';
import { evaluation, indicator, inLevel } from './test-support';
import type { BudgetInput, IndicatorInput } from './types';

/**
 * The second edition of the rule book: precision 1, the over-achievement deduction, execution caps,
 * the "integrated" preset and the explanation above 100 % execution. A lone 产出 indicator gets all
 * 90 indicator points (rule book § Points per indicator), which keeps the expected numbers readable.
 */

const score = (rows: IndicatorInput[], budget: Partial<BudgetInput> = {}, scheme: Scheme = INTEGRATED_SCHEME) =>
  scoreEvaluation(evaluation(rows, budget, scheme));
const lone = (target: string, actual: IndicatorInput['actual'], scheme: Scheme = INTEGRATED_SCHEME) =>
  score([indicator(target, actual)], {}, scheme).indicators[0];
/** A met 90-point indicator and a budget of 100 with `executed` spent. */
const spending = (executed: string, scheme: Scheme = INTEGRATED_SCHEME, row = indicator('≥50家', '50')) =>
  score([row], { initial: '100', executed }, scheme);
const issuesOf = (custom: unknown) => {
  const resolution = safeResolveScheme(custom);
  return resolution.success ? [] : resolution.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('scoring-rules.md § The scheme: the second edition settings', () => {
  it('"integrated" = national + over-achievement deduction 2 + caps 80→89, 70→79, 60→69, 50→59', () => {
    expect(resolveScheme('integrated')).toBe(INTEGRATED_SCHEME);
    expect(INTEGRATED_SCHEME).toMatchObject({ name: 'integrated', overAchievementDeduction: 2 });
    expect(INTEGRATED_SCHEME.executionCaps.map((cap) => `${cap.below}→${cap.maxTotal}`)).toEqual([
      '80→89',
      '70→79',
      '60→69',
      '50→59',
    ]);
    const differing = ['name', 'overAchievementDeduction', 'executionCaps'];
    const others = (scheme: Scheme) => Object.entries(scheme).filter(([key]) => !differing.includes(key));
    expect(others(INTEGRATED_SCHEME)).toEqual(others(NATIONAL_SCHEME));
  });

  it('national and hubei: no deduction (explanation only), no caps, 2 decimals', () => {
    for (const scheme of [NATIONAL_SCHEME, HUBEI_SCHEME])
      expect(scheme).toMatchObject({ overAchievementDeduction: 0, executionCaps: [], precision: 2 });
  });

  it('custom settings over a base: precision 1, a deduction, caps; a caps list replaces the base list', () => {
    const scheme = resolveScheme({
      precision: 1,
      overAchievementDeduction: 1.5,
      executionCaps: [{ below: 60, maxTotal: 70 }],
    });
    expect(scheme).toMatchObject({ name: 'custom', precision: 1, overAchievementDeduction: 1.5 });
    expect(scheme.executionCaps).toEqual([{ below: 60, maxTotal: 70 }]);
    expect(resolveScheme({ base: 'integrated', executionCaps: [] })).toMatchObject({
      overAchievementDeduction: 2,
      executionCaps: [],
    });
    expect(resolveScheme({ base: 'integrated', precision: 0 }).executionCaps).toHaveLength(4);
    expect(resolveScheme(JSON.parse(JSON.stringify(INTEGRATED_SCHEME)))).toEqual(INTEGRATED_SCHEME);
  });

  it('invalid settings are named by their field', () => {
    const cap = (below: unknown, maxTotal: unknown) => ({ below, maxTotal });
    const cases: [unknown, string][] = [
      [{ executionCaps: [cap(101, 89)] }, 'executionCaps.0.below: 不能大于100'],
      [{ executionCaps: [cap(-1, 89)] }, 'executionCaps.0.below: 不能小于0'],
      [{ executionCaps: [cap(80, 101)] }, 'executionCaps.0.maxTotal: 不能大于100'],
      [{ executionCaps: [cap(80, -5)] }, 'executionCaps.0.maxTotal: 不能小于0'],
      [{ overAchievementDeduction: -1 }, 'overAchievementDeduction: 不能小于0'],
      [{ precision: 3 }, 'precision: 精度只能是 2（两位小数）、1（一位小数）或 0（整数）'],
      [{ executionCaps: [cap(70, 79), cap(80, 89)] }, 'executionCaps.1.below: 封顶规则须按执行率从高到低排列'],
      [{ executionCaps: [cap(80, 89), cap(80, 79)] }, 'executionCaps.1.below: 与第1条封顶规则的执行率80%重复'],
      [{ overAchievementDeduction: '2' }, 'overAchievementDeduction: '],
      [{ executionCaps: { below: 80, maxTotal: 89 } }, 'executionCaps: 应为封顶规则列表'],
      [{ executionCaps: [{ below: 80 }] }, 'executionCaps.0.maxTotal: '],
      [{ executionCaps: [{ below: 80, max: 89, maxTotal: 89 }] }, 'executionCaps.0: '],
      [{ precision: 0, overAchievementDeduction: 0.5 }, 'overAchievementDeduction: 得分取整时，超额扣分0.5须为整数'],
      [
        { precision: 1, executionCaps: [cap(80, 89.25)] },
        'executionCaps.0.maxTotal: 得分保留1位小数时，封顶总分89.25最多保留1位小数',
      ],
      [{ overAchievementDeduction: 0.125 }, 'overAchievementDeduction: 分值最多保留2位小数'],
    ];
    for (const [custom, expected] of cases) {
      const issues = issuesOf(custom);
      expect(
        issues.some((issue) => issue.startsWith(expected)),
        `${JSON.stringify(custom)} → ${issues.join(' | ')}`,
      ).toBe(true);
    }
    expect(issuesOf({ executionCaps: [cap(100, 99), cap(0, 0)], overAchievementDeduction: 100 })).toEqual([]);
  });
});

describe('scoring-rules.md § Scores: precision 1', () => {
  const rows = (actual: string) => [
    indicator('≥2个', actual, { points: '24.5' }),
    indicator('≥1个', '1', { points: '25.5' }),
    inLevel('2', indicator('≥1个', '1')),
    inLevel('3', indicator('≥1个', '1')),
  ];
  const onePlace = resolveScheme({ precision: 1 });

  it('rounds half up to one decimal: 24.5 × 0.5 = 12.25 → 12.3', () => {
    const result = score(rows('1'), {}, onePlace);
    expect(result.precision).toBe(1);
    expect(result.indicators[0]).toMatchObject({ computedScore: '12.3', selfScore: '12.3' });
    expect(result.selfTotal).toBe('87.8');
  });

  it('the budget line too: 10 × 82.5 % = 8.25 → 8.3; 10 × 82.44 % = 8.244 → 8.2', () => {
    expect(score(rows('2'), { initial: '100', executed: '82.5' }, onePlace).budget.computedScore).toBe('8.3');
    expect(score(rows('2'), { initial: '100', executed: '82.44' }, onePlace).budget.computedScore).toBe('8.2');
  });

  it('a judgment deduction or a reviewed score takes at most one decimal', () => {
    const finer = score(
      [
        { ...indicator('≥2个', '2', { points: '24.5' }), deduction: { score: '20.25', reason: '质量' } },
        ...rows('2').slice(1),
      ],
      {},
      onePlace,
    );
    expect(finer.errors).toEqual([{ path: 'indicators.0.deduction.score', message: '调减后得分20.25最多保留1位小数' }]);
    const reviewed = score(rows('2'), { reviewed: { score: '7.5', reason: '复核' } }, onePlace);
    expect(reviewed.errors).toEqual([]);
    expect(reviewed.finalTotal).toBe('97.5');
  });

  it('an override finer than the deduction or a cap can be written at is an error on precision', () => {
    const scheme = resolveScheme({ overAchievementDeduction: 1.5, executionCaps: [{ below: 80, maxTotal: 89.5 }] });
    const result = scoreEvaluation({ ...evaluation([indicator('≥1个', '1')], {}, scheme), precision: 0 });
    expect(result.errors.map((e) => e.path)).toEqual(['precision', 'precision']);
    expect(result.errors[0].message).toBe('得分取整时，超额扣分1.5须为整数');
  });
});

describe('scoring-rules.md § Scores: over-achievement deduction', () => {
  it('max(0, round(points × r) − N) when an at-least part reaches the threshold; the explanation is still required', () => {
    const over = lone('≥50家', '65');
    expect(over).toMatchObject({ computedScore: '88', selfScore: '88', overAchievementDeduction: '2' });
    expect(over).toMatchObject({ overAchievement: true, explanationRequired: true });
    expect(over.explanationReasons).toEqual([overAchievementReason(130)]);
    expect(lone('≥50家', '64.99')).toMatchObject({ computedScore: '90', overAchievementDeduction: '0' });
    // >, and an unsigned target scored as at-least, exactly at the threshold
    expect(lone('>10次', '13').computedScore).toBe('88');
    expect(lone('30家', '39').computedScore).toBe('88');
  });

  it('a compound indicator with two parts over the threshold is deducted once', () => {
    expect(lone('≥4次，≥2个', ['8', '3'])).toMatchObject({ computedScore: '88', overAchievementDeduction: '2' });
    // one part over, one under: r = (1 + 0.5) / 2, still deducted once
    expect(lone('≥4次，≥2个', ['8', '1'])).toMatchObject({ computedScore: '65.5', overAchievementDeduction: '2' });
  });

  it('a deduction larger than the score stops at 0', () => {
    const result = lone('≥50家', '100', resolveScheme({ overAchievementDeduction: 95 }));
    expect(result).toMatchObject({ computedScore: '0', selfScore: '0', overAchievementDeduction: '90' });
  });

  it('0 (national) is explanation only', () => {
    expect(lone('≥50家', '65', NATIONAL_SCHEME)).toMatchObject({
      computedScore: '90',
      overAchievement: true,
      overAchievementDeduction: '0',
      explanationRequired: true,
    });
  });

  it('at-most, range, zero and qualitative targets are never deducted', () => {
    expect(lone('≤10次', '0').computedScore).toBe('90');
    expect(lone('90-95%', '95').computedScore).toBe('90');
    expect(lone('≥0个', '100').computedScore).toBe('90');
    expect(lone('有效提升', { tier: '达成' }).computedScore).toBe('90');
  });

  it('follows the scheme threshold, and rounds first: precision 0 deducts from the whole-point score', () => {
    const at150 = resolveScheme({ base: 'integrated', overAchievementThreshold: 150 });
    expect(lone('≥50家', '65', at150).computedScore).toBe('90');
    expect(lone('≥50家', '75', at150).computedScore).toBe('88');
    const whole = resolveScheme({ base: 'integrated', precision: 0 });
    // r = (1 + 0.55) / 2; 90 × 0.775 = 69.75 → 70 → 68
    expect(lone('≥4次，≥20个', ['8', '11'], whole).computedScore).toBe('68');
  });

  it('the judgment deduction lowers the deducted score; a reviewer may still set up to the points', () => {
    const raised = score([indicator('≥50家', '65', { deduction: { score: '89', reason: '质量' } })]);
    expect(raised.errors).toEqual([
      { path: 'indicators.0.deduction.score', message: '调减后得分89无效：只能调低，不能高于计算得分88' },
    ]);
    const reviewed = score([indicator('≥50家', '65', { reviewed: { score: '90', reason: '目标合理' } })]);
    expect(reviewed.errors).toEqual([]);
    expect(reviewed.indicators[0]).toMatchObject({ selfScore: '88', finalScore: '90' });
    expect([reviewed.selfTotal, reviewed.finalTotal]).toEqual(['98', '100']);
  });
});

describe('scoring-rules.md § Scores: execution caps', () => {
  it('execution exactly 80 % is not capped by below 80; 79.99 % is', () => {
    expect(spending('80')).toMatchObject({ cap: null, selfTotal: '98', selfGrade: '优' });
    expect(spending('79.99')).toMatchObject({
      cap: { below: 80, maxTotal: 89 },
      selfTotalBeforeCap: '98',
      selfTotal: '89',
      finalTotal: '89',
      selfGrade: '良',
    });
  });

  it('compares exact fractions, not rounded percents', () => {
    const rate = (executed: string, adjusted: string) =>
      score([indicator('≥1个', '1')], { initial: '1', adjusted, executed });
    expect(rate('2.4', '3').cap).toBeNull(); // exactly 80 %
    expect(rate('0.2399999', '0.3').cap).toEqual({ below: 80, maxTotal: 89 }); // 79.99997 %
    // 2 / 2.857143 = 69.9999965… %: shown as 70.00 %, still below 70; 2.0000001 / 2.857143 is exactly 70 %
    expect(rate('2', '2.857143').cap).toEqual({ below: 70, maxTotal: 79 });
    expect(rate('2.0000001', '2.857143').cap).toEqual({ below: 80, maxTotal: 89 });
  });

  it('execution 65 % with caps 80→89 and 70→79 caps at 79: the lowest applicable max wins', () => {
    const scheme = resolveScheme({
      executionCaps: [
        { below: 80, maxTotal: 89 },
        { below: 70, maxTotal: 79 },
      ],
    });
    expect(spending('65', scheme)).toMatchObject({
      cap: { below: 70, maxTotal: 79 },
      selfTotal: '79',
      selfGrade: '中',
    });
    const odd = resolveScheme({
      executionCaps: [
        { below: 90, maxTotal: 70 },
        { below: 80, maxTotal: 85 },
      ],
    });
    expect(spending('75', odd)).toMatchObject({ cap: { below: 90, maxTotal: 70 }, selfTotal: '70' });
    const tie = resolveScheme({
      executionCaps: [
        { below: 80, maxTotal: 79 },
        { below: 70, maxTotal: 79 },
      ],
    });
    expect(spending('65', tie).cap).toEqual({ below: 80, maxTotal: 79 });
    expect(spending('45').cap).toEqual({ below: 50, maxTotal: 59 });
  });

  it('a total already below the max is not raised, and the cap in force is still named', () => {
    const result = spending('65', INTEGRATED_SCHEME, indicator('≥50家', '25'));
    expect(result).toMatchObject({ cap: { below: 70, maxTotal: 79 }, selfTotalBeforeCap: '51.5', selfTotal: '51.5' });
  });

  it('applies to the final total too: reviewed scores first, then the cap; grades from the capped totals', () => {
    const row = indicator('≥50家', '25', { reviewed: { score: '90', reason: '复核' } });
    const result = score([row], { initial: '100', executed: '65', reviewed: { score: '10', reason: '复核' } });
    expect(result).toMatchObject({
      selfTotal: '51.5',
      finalTotalBeforeCap: '100',
      finalTotal: '79',
      selfGrade: '差',
      finalGrade: '中',
    });
  });

  it('a judgment deduction and an over-achievement deduction count before the cap', () => {
    const judged = score([indicator('≥50家', '50', { deduction: { score: '85', reason: '质量' } })], {
      initial: '100',
      executed: '79',
    });
    expect(judged).toMatchObject({ selfTotalBeforeCap: '92.9', selfTotal: '89' });
    const over = spending('79', INTEGRATED_SCHEME, indicator('≥50家', '80'));
    expect(over).toMatchObject({ selfTotalBeforeCap: '95.9', selfTotal: '89' });
  });

  it('precision 0 and 1 round the budget score first, then cap', () => {
    expect(spending('79.99', resolveScheme({ base: 'integrated', precision: 0 }))).toMatchObject({
      selfTotalBeforeCap: '98',
      selfTotal: '89',
    });
    expect(
      spending(
        '65.55',
        resolveScheme({ base: 'integrated', precision: 1, executionCaps: [{ below: 70, maxTotal: 99.5 }] }),
      ),
    ).toMatchObject({ selfTotalBeforeCap: '96.6', selfTotal: '96.6', cap: { below: 70, maxTotal: 99.5 } });
  });

  it('no cap while 全年执行数 is not entered; caps work over any base', () => {
    expect(spending('0').cap).toEqual({ below: 50, maxTotal: 59 });
    expect(score([indicator('≥1个', '1')], { executed: null })).toMatchObject({ cap: null, selfTotal: '90' });
    const hubei = resolveScheme({ base: 'hubei', executionCaps: [{ below: 60, maxTotal: 59 }] });
    expect(spending('50', hubei)).toMatchObject({ selfTotalBeforeCap: '90', selfTotal: '59' });
  });
});

describe('scoring-rules.md § When an explanation is required: execution above 100 %', () => {
  const presets: [string, Scheme][] = [
    ['national', NATIONAL_SCHEME],
    ['hubei', HUBEI_SCHEME],
    ['integrated', INTEGRATED_SCHEME],
    ['custom', resolveScheme({ budgetExecutionThreshold: 50, precision: 0 } satisfies CustomSchemeInput)],
  ];

  it.each(presets)('%s: 110 %% needs an explanation and scores full budget points, never capped', (_name, scheme) => {
    const result = spending('110', scheme);
    expect(result.budget).toMatchObject({
      rate: '1.1',
      computedScore: String(scheme.budgetPoints),
      explanationRequired: true,
      explanationReasons: [BUDGET_OVERSPENT_REASON],
    });
    expect(result.cap).toBeNull();
    expect(spending('100', scheme).budget.explanationRequired).toBe(false);
  });

  it('submission names the budget line until it is explained', () => {
    const input = evaluation([indicator('≥1个', '1')], { initial: '21.5', executed: '23.65' });
    expect(missingExplanations(input, scoreEvaluation(input)).map((m) => m.message)).toEqual([
      '预算执行率：预算执行率超过100%（全年执行数超过全年预算数），请填写偏差原因分析及改进措施',
    ]);
    const explained = { ...input, budget: { ...input.budget, explanation: '追加支出，已报批' } };
    expect(missingExplanations(explained, scoreEvaluation(explained))).toEqual([]);
  });
});
