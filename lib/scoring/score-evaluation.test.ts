import { describe, expect, it } from 'vitest';
import { dec } from '../decimal';
import { HUBEI_SCHEME, resolveScheme } from './scheme';
import { scoreEvaluation } from './score-evaluation';
import { evaluation, indicator, inLevel } from './test-support';

/** One 产出 indicator plus fixed 效益 and 满意度 ones, so the first row gets explicit points. */
function withPoints(points: string, row: ReturnType<typeof indicator>) {
  const rest = (50 - Number(points)).toString();
  return [
    { ...row, points },
    indicator('≥1个', '1', { points: rest }),
    inLevel('2', indicator('≥1个', '1')),
    inLevel('3', indicator('≥1个', '1')),
  ];
}

describe('scoring-rules.md § Scores', () => {
  it('indicator score = round-half-up(points × r, precision), r at full precision', () => {
    const result = scoreEvaluation(evaluation([indicator('95%', '93', { level1Code: '3' }), indicator('≥1个', '1')]));
    // No 效益 indicator: 满意度 gets 15 (rule book § Points per indicator).
    expect(result.indicators[0]).toMatchObject({
      points: '15',
      computedScore: '14.68',
      rate: '0.9789473684210526315789473684210526315789',
    });
  });

  it('decimal trap: points × r exactly x.xx5 rounds up (2.01 × 0.5 = 1.005 → 1.01; 4.35 × 0.5 → 2.18)', () => {
    // Binary floats give 1.00 and 2.17 here.
    expect(scoreEvaluation(evaluation(withPoints('2.01', indicator('≥2个', '1')))).indicators[0].computedScore).toBe(
      '1.01',
    );
    expect(scoreEvaluation(evaluation(withPoints('4.35', indicator('≥2个', '1')))).indicators[0].computedScore).toBe(
      '2.18',
    );
  });

  it('decimal trap: r = 5/24 is not first truncated (15 × 5/24 = 3.125 → 3.13)', () => {
    expect(scoreEvaluation(evaluation(withPoints('15', indicator('≥24次', '5')))).indicators[0].computedScore).toBe(
      '3.13',
    );
    // compound mean kept exact too: (5/24 + 5/24)/2 × 15 = 3.125
    expect(
      scoreEvaluation(evaluation(withPoints('15', indicator('≥24次，≥48个', ['5', '10'])))).indicators[0].computedScore,
    ).toBe('3.13');
  });

  it('budget rate = 全年执行数 / 全年预算数; score = round-half-up(points × min(rate, 1))', () => {
    const { budget } = scoreEvaluation(evaluation([indicator('≥1个', '1')], { initial: '21.5', executed: '20' }));
    expect(budget).toMatchObject({ adjusted: '21.5', computedScore: '9.3', finalScore: '9.3' });
    expect(
      dec(budget.rate ?? '0')
        .toDecimalPlaces(4)
        .toFixed(),
    ).toBe('0.9302');
    const overspent = scoreEvaluation(evaluation([indicator('≥1个', '1')], { initial: '10', executed: '12' })).budget;
    expect(overspent).toMatchObject({ rate: '1.2', computedScore: '10' });
  });

  it('全年预算数 (adjusted) is used when set, defaults to 年初预算数, and must be > 0', () => {
    const adjusted = scoreEvaluation(
      evaluation([indicator('≥1个', '1')], { initial: '10', adjusted: '40', executed: '20' }),
    );
    expect(adjusted.budget).toMatchObject({ adjusted: '40', rate: '0.5', computedScore: '5' });
    const zero = scoreEvaluation(evaluation([indicator('≥1个', '1')], { initial: '10', adjusted: '0', executed: '0' }));
    expect(zero.errors).toEqual([{ path: 'budget.adjusted', message: '全年预算数须大于0' }]);
    expect(zero.budget.rate).toBeNull();
    const zeroInitial = scoreEvaluation(evaluation([indicator('≥1个', '1')], { initial: '0', executed: '0' }));
    expect(zeroInitial.errors[0].path).toBe('budget.initial');
    const negative = scoreEvaluation(evaluation([indicator('≥1个', '1')], { executed: '-1' }));
    expect(negative.errors[0]).toMatchObject({ path: 'budget.executed', message: '全年执行数不能为负数' });
  });

  it('decimal trap: a budget of 0.1 + 0.2 fully spent is rate 1; 0.09 of 0.1 is exactly 90 %', () => {
    const adjusted = dec('0.1').plus(dec('0.2')).toFixed();
    expect(adjusted).toBe('0.3');
    const full = scoreEvaluation(evaluation([indicator('≥1个', '1')], { initial: adjusted, executed: '0.3' }));
    expect(full.budget).toMatchObject({ rate: '1', computedScore: '10', explanationRequired: false });
    const ninety = scoreEvaluation(evaluation([indicator('≥1个', '1')], { initial: '0.1', executed: '0.09' }));
    expect(ninety.budget).toMatchObject({ rate: '0.9', computedScore: '9', explanationRequired: false });
  });

  it('precision 0: 37.24 / 43.2 × 10 → 9 (8.62 at 2 decimals)', () => {
    const budget = { initial: '43.2', executed: '37.24' };
    expect(scoreEvaluation(evaluation([indicator('≥1个', '1')], budget)).budget.computedScore).toBe('8.62');
    expect(
      scoreEvaluation({ ...evaluation([indicator('≥1个', '1')], budget), precision: 0 }).budget.computedScore,
    ).toBe('9');
    const scheme = resolveScheme({ precision: 0 });
    const result = scoreEvaluation(
      evaluation([indicator('95%', '93', { level1Code: '3' }), indicator('≥1个', '1')], budget, scheme),
    );
    expect(result.precision).toBe(0);
    expect(result.indicators[0].computedScore).toBe('15'); // 14.68… → 15
    expect(result.selfTotal).toBe('99');
  });

  it('self-evaluation total = budget score + Σ indicator scores; grade by the scheme bands', () => {
    const result = scoreEvaluation(
      evaluation(
        [indicator('≥10个', '5'), inLevel('2', indicator('≥10个', '10')), inLevel('3', indicator('≥10个', '10'))],
        { executed: '100' },
      ),
    );
    expect(result.indicators.map((i) => i.computedScore)).toEqual(['25', '30', '10']);
    expect(result.selfTotal).toBe('75');
    expect(result.selfGrade).toBe('中');
    expect(result.complete).toBe(true);
  });

  it('hubei: budget 20, levels 40/30/10', () => {
    const result = scoreEvaluation(
      evaluation(
        [indicator('≥1个', '1'), inLevel('3', indicator('有效提升', { tier: '部分达成', percent: '55' }))],
        { executed: '50' },
        HUBEI_SCHEME,
      ),
    );
    expect(result.indicators.map((i) => i.points)).toEqual(['64', '16']);
    expect(result.indicators[1].computedScore).toBe('8.8');
    expect(result.budget).toMatchObject({ points: '20', computedScore: '10' });
    expect(result.selfTotal).toBe('82.8');
  });

  it('the evaluator may lower a computed score with a reason (18 of 20 on a met target), never raise it', () => {
    const met = (deduction: { score: string; reason: string }) =>
      withPoints('20', indicator('≤100万元', '90', { deduction }));
    const lowered = scoreEvaluation(evaluation(met({ score: '18', reason: '成本控制存在不足' })));
    expect(lowered.errors).toEqual([]);
    expect(lowered.indicators[0]).toMatchObject({ computedScore: '20', selfScore: '18', finalScore: '18' });
    expect(lowered.selfTotal).toBe('98');

    const raised = scoreEvaluation(
      evaluation(withPoints('20', indicator('≥10个', '5', { deduction: { score: '12', reason: '…' } }))),
    );
    expect(raised.errors).toEqual([
      { path: 'indicators.0.deduction.score', message: '调减后得分12无效：只能调低，不能高于计算得分10' },
    ]);
    expect(raised.indicators[0].selfScore).toBe('10');

    const noReason = scoreEvaluation(evaluation(met({ score: '18', reason: '  ' })));
    expect(noReason.errors).toEqual([{ path: 'indicators.0.deduction.reason', message: '调减后得分须填写理由' }]);
    expect(noReason.indicators[0].selfScore).toBe('20');
  });

  it('a finance reviewer may set a reviewed score between 0 and the points, with a reason; the final total uses it', () => {
    const rows = withPoints('20', indicator('≥10个', '5', { reviewed: { score: '15', reason: '核实后上调' } }));
    const result = scoreEvaluation(evaluation(rows, { reviewed: { score: '8', reason: '执行进度偏慢' } }));
    expect(result.errors).toEqual([]);
    expect(result.indicators[0]).toMatchObject({ selfScore: '10', reviewedScore: '15', finalScore: '15' });
    expect(result.budget).toMatchObject({ computedScore: '10', reviewedScore: '8', finalScore: '8' });
    expect(result.selfTotal).toBe('90');
    expect(result.finalTotal).toBe('93');
    expect(result.selfGrade).toBe('优');

    const tooHigh = scoreEvaluation(
      evaluation(withPoints('20', indicator('≥10个', '5', { reviewed: { score: '20.01', reason: 'x' } }))),
    );
    expect(tooHigh.errors[0]).toEqual({
      path: 'indicators.0.reviewed.score',
      message: '复核得分20.01无效：应在0至该项分值20之间',
    });
    const budgetNoReason = scoreEvaluation(
      evaluation([indicator('≥1个', '1')], { reviewed: { score: '5', reason: '' } }),
    );
    expect(budgetNoReason.errors).toEqual([{ path: 'budget.reviewed.reason', message: '复核得分须填写理由' }]);
    const finer = scoreEvaluation({
      ...evaluation([indicator('≥1个', '1')], { reviewed: { score: '5.5', reason: 'x' } }),
      precision: 0,
    });
    expect(finer.errors[0]).toEqual({ path: 'budget.reviewed.score', message: '复核得分5.5应为整数' });
  });

  it('a missing actual (draft) scores 0 with rate null, is reported, and is not an error', () => {
    const result = scoreEvaluation(evaluation([indicator('≥10个', null), indicator('≥10个', '10')]));
    expect(result.errors).toEqual([]);
    expect(result.indicators[0]).toMatchObject({
      rate: null,
      computedScore: '0',
      missingActual: true,
      explanationRequired: false,
    });
    expect(result.missingActualIndexes).toEqual([0]);
    expect(result.complete).toBe(false);
    const budgetMissing = scoreEvaluation(evaluation([indicator('≥1个', '1')], { executed: null }));
    expect(budgetMissing.budget).toMatchObject({ missingExecuted: true, rate: null, computedScore: '0' });
    expect(budgetMissing.complete).toBe(false);
  });

  it('errors carry the row path: indicators.N.actual', () => {
    const result = scoreEvaluation(
      evaluation([indicator('≥10个', '5'), indicator('有效提升', { tier: '达成', percent: '70' })]),
    );
    expect(result.errors.map((e) => e.path)).toEqual(['indicators.1.actual.percent']);
    expect(result.indicators[1]).toMatchObject({ rate: null, computedScore: '0' });
  });
});
