import { describe, expect, it } from 'vitest';
import { level1CodeOf, parseInterchange, scoreInterchange, scoreInterchangeText } from './interchange';

const base = () => ({
  scheme: 'national' as unknown,
  budget: { initial: 21.5, executed: 20 } as Record<string, unknown>,
  indicators: [
    { level1: '1-产出指标', level2: '11-数量指标', name: '检查企业数', target: '≥50家', actual: 50 },
    {
      level1: '效益指标',
      level2: '社会效益',
      name: '安全水平',
      target: '有效提升',
      actual: { tier: '部分达成', percent: 70 },
    },
    { level1: '满意度指标', name: '满意度', target: '≥4次，≥2个', actual: [4, 2] },
  ] as Record<string, unknown>[],
});

function errorsOf(raw: unknown): string[] {
  const scored = scoreInterchange(raw);
  return scored.ok ? [] : scored.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('what-if command interchange format (issue 3, docs/score-command.md)', () => {
  it('level1 with or without its code', () => {
    expect(
      [
        '产出指标',
        '1-产出指标',
        '1',
        '1、产出指标',
        '效益指标',
        '2-效益指标',
        '满意度指标',
        '服务对象满意度指标',
        '3-满意度指标',
      ].map(level1CodeOf),
    ).toEqual(['1', '1', '1', '1', '2', '2', '3', '3', '3']);
    expect(level1CodeOf('1-效益指标')).toBeNull();
    expect(level1CodeOf('过程指标')).toBeNull();
  });

  it('converts JSON numbers to decimals through their text, never float arithmetic', () => {
    const raw = base();
    raw.budget = { initial: 0.3, executed: 0.3 };
    const parsed = parseInterchange(raw);
    if (!parsed.ok) throw new Error('expected ok');
    expect(parsed.input.budget).toMatchObject({ initial: '0.3', executed: '0.3', adjusted: null });
    expect(parsed.input.indicators[2].actual).toEqual(['4', '2']);
    expect(parsed.input.indicators[1].actual).toEqual({ tier: '部分达成', percent: '70' });
    const scored = scoreInterchange(raw);
    expect(scored.ok && scored.output.budget).toMatchObject({ rate: 1, score: 10 });
  });

  it('accepts numbers as strings, 1e-7 notation, and null points / actual', () => {
    const raw = base();
    raw.budget = { initial: '100', adjusted: '1e2', executed: '50.50' };
    raw.indicators[0] = { ...raw.indicators[0], points: null, actual: null };
    const scored = scoreInterchange(raw);
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    expect(scored.output.budget).toMatchObject({ adjusted: 100, rate: 0.505, score: 5.05, explanationRequired: true });
    expect(scored.output.indicators[0]).toMatchObject({ rate: null, score: 0, missingActual: true });
    expect(scored.output.missingActuals).toEqual(['检查企业数']);
  });

  it('precision overrides the scheme; a scheme object is merged over national', () => {
    const raw = { ...base(), precision: 0, scheme: { reverseFormula: 'linear' } };
    raw.indicators[0] = { ...raw.indicators[0], target: '≤2%', actual: 3 };
    const scored = scoreInterchange(raw);
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    expect(scored.output).toMatchObject({ scheme: 'custom', precision: 0 });
    expect(scored.output.indicators[0]).toMatchObject({ points: 50, rate: 0.5, score: 25 });
    expect(scored.output.budget.score).toBe(9);
  });

  it('deduction and reviewed scores pass through; total is the final total', () => {
    const raw = base();
    raw.indicators[0] = {
      ...raw.indicators[0],
      deduction: { score: 45, reason: '质量一般' },
      reviewed: { score: 40, reason: '复核' },
    };
    const scored = scoreInterchange(raw);
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    expect(scored.output.indicators[0]).toMatchObject({
      computedScore: 50,
      score: 45,
      reviewedScore: 40,
      finalScore: 40,
    });
    expect(scored.output.total).toBe(scored.output.selfTotal - 5);
  });

  it('invalid input names the offending field', () => {
    const raw = base();
    raw.indicators[2] = { ...raw.indicators[2], actual: 'lots' };
    expect(errorsOf(raw)[0]).toMatch(/^indicators\[2\]\.actual: 实际完成值应为/);

    const wrongParts = base();
    wrongParts.indicators[2] = { ...wrongParts.indicators[2], actual: [4] };
    expect(errorsOf(wrongParts)).toEqual([
      'indicators[2].actual: 复合指标有2项，应依次填写2个实际完成值，实际填写了1个',
    ]);

    const outsideBand = base();
    outsideBand.indicators[1] = { ...outsideBand.indicators[1], actual: { tier: '部分达成', percent: 85 } };
    expect(errorsOf(outsideBand)[0]).toMatch(/^indicators\[1\]\.actual\.percent: /);

    const badLevel = base();
    badLevel.indicators[0] = { ...badLevel.indicators[0], level1: '过程指标' };
    expect(errorsOf(badLevel)[0]).toMatch(/^indicators\[0\]\.level1: 无法识别的一级指标/);

    expect(errorsOf({ ...base(), budget: { executed: 1 } })[0]).toMatch(/^budget\.initial: /);
    expect(errorsOf({ ...base(), budget: { initial: 10, adjusted: 0, executed: 1 } })).toEqual([
      'budget.adjusted: 全年预算数须大于0',
    ]);
    expect(errorsOf({ ...base(), scheme: 'guangxi' })[0]).toMatch(/^scheme: 未知的评分方案/);
    expect(errorsOf({ ...base(), scheme: { budgetPoints: 30 } })[0]).toMatch(/^scheme\.levelPoints: /);
    expect(errorsOf({ ...base(), precision: 3 })[0]).toMatch(/^precision: /);
  });

  it('explicit points that do not add up fail the file', () => {
    const raw = base();
    raw.indicators[0] = { ...raw.indicators[0], points: 40 };
    expect(errorsOf(raw)).toEqual(['points: 产出指标各指标分值合计为40，应为50（第1行）']);
  });

  it('unknown fields and a level-2 code of another group are warnings, not errors', () => {
    const raw = base();
    raw.indicators[1] = { ...raw.indicators[1], level2: '11-数量指标', unit: '家' };
    const scored = scoreInterchange({ ...raw, year: 2024 });
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    expect(scored.warnings.map((w) => w.path)).toEqual(['year', 'indicators[1].unit', 'indicators[1].level2']);
    expect(scored.warnings[2].message).toContain('按一级指标计分');
  });

  it('broken JSON is an error, not a throw', () => {
    const scored = scoreInterchangeText('{"budget": ');
    expect(scored.ok).toBe(false);
  });
});

describe('what-if command: second edition settings (issue 16, docs/score-command.md)', () => {
  /** base() with its first indicator over-achieved (80 of ≥50) and 13 of 20 万元 spent (65 %). */
  const variant = (scheme: unknown, extra: Record<string, unknown> = {}) => {
    const raw = { ...base(), scheme, ...extra };
    raw.budget = { initial: 20, executed: 13 };
    raw.indicators[0] = { ...raw.indicators[0], actual: 80 };
    return raw;
  };

  it('"integrated" names the preset: the cap for the budget/total and each indicator\'s deduction', () => {
    const scored = scoreInterchange(variant('integrated'));
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    const { output } = scored;
    expect(output.scheme).toBe('integrated');
    expect(output.indicators.map((i) => [i.computedScore, i.overAchievementDeduction])).toEqual([
      [48, 2],
      [21, 0],
      [10, 0],
    ]);
    expect(output.indicators[0]).toMatchObject({ overAchievement: true, explanationRequired: true });
    expect(output.budget).toMatchObject({ rate: 0.65, score: 6.5, cap: { below: 70, maxTotal: 79 } });
    expect(output).toMatchObject({
      selfTotalBeforeCap: 85.5,
      selfTotal: 79,
      totalBeforeCap: 85.5,
      total: 79,
      grade: '中',
      cap: { below: 70, maxTotal: 79 },
    });
  });

  it('keeps every first-edition field, with a null cap and 0 deductions under national', () => {
    const scored = scoreInterchange(variant('national'));
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    const { output } = scored;
    expect(Object.keys(output)).toEqual(
      expect.arrayContaining([
        'scheme',
        'precision',
        'indicators',
        'budget',
        'selfTotal',
        'selfGrade',
        'total',
        'grade',
      ]),
    );
    expect(output).toMatchObject({ cap: null, selfTotal: 87.5, total: 87.5, grade: '良' });
    expect(output.budget.cap).toBeNull();
    expect(output.indicators.map((i) => i.overAchievementDeduction)).toEqual([0, 0, 0]);
  });

  it('a scheme object sets precision 1, a deduction and caps over a base; top-level precision 1 overrides', () => {
    const custom = {
      base: 'hubei',
      precision: 1,
      overAchievementDeduction: 1.5,
      executionCaps: [{ below: 66, maxTotal: 80.5 }],
    };
    const scored = scoreInterchange(variant(custom));
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    // hubei: budget 20 → 13.0; 产出 40 − 1.5; 效益 30 × 70 % = 21; 满意度 10
    expect(scored.output).toMatchObject({ scheme: 'custom', precision: 1, selfTotalBeforeCap: 82.5, selfTotal: 80.5 });
    expect(scored.output.cap).toEqual({ below: 66, maxTotal: 80.5 });
    const overridden = scoreInterchange({ ...variant('integrated'), precision: 1 });
    expect(overridden.ok && overridden.output.precision).toBe(1);
  });

  it('invalid settings fail the file, each naming its field', () => {
    const cases: [unknown, string][] = [
      [{ executionCaps: [{ below: 120, maxTotal: 89 }] }, 'scheme.executionCaps.0.below: '],
      [{ executionCaps: [{ below: 80, maxTotal: 101 }] }, 'scheme.executionCaps.0.maxTotal: '],
      [{ overAchievementDeduction: -2 }, 'scheme.overAchievementDeduction: '],
      [
        {
          executionCaps: [
            { below: 60, maxTotal: 69 },
            { below: 70, maxTotal: 79 },
          ],
        },
        'scheme.executionCaps.1.below: ',
      ],
      [
        {
          executionCaps: [
            { below: 70, maxTotal: 79 },
            { below: 70, maxTotal: 69 },
          ],
        },
        'scheme.executionCaps.1.below: ',
      ],
      [{ precision: 3 }, 'scheme.precision: '],
      [{ executionCaps: 'none' }, 'scheme.executionCaps: '],
      [{ executionCaps: [{ below: '80', maxTotal: 89 }] }, 'scheme.executionCaps.0.below: '],
    ];
    for (const [scheme, prefix] of cases) expect(errorsOf(variant(scheme))[0]).toMatch(new RegExp(`^${prefix}`));
    expect(errorsOf(variant('integrated', { precision: 3 }))[0]).toMatch(/^precision: 精度只能是/);
    expect(errorsOf(variant({ overAchievementDeduction: 0.5 }, { precision: 0 }))).toEqual([
      'precision: 得分取整时，超额扣分0.5须为整数',
    ]);
  });
});
