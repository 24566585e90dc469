import { describe, expect, it } from 'vitest';
import { scoreEvaluation, type EvaluationInput } from '@/lib/scoring';
import { evaluation, indicator, inLevel } from '@/lib/scoring/test-support';
import {
  comparableText,
  evaluationFindings,
  FLAG_THRESHOLDS,
  repeatedTextFinding,
  yearChangeFinding,
  type TextPlace,
} from './definitions';

/**
 * Each flag worth a reviewer's look (lib/flags/definitions.ts), one case that raises it and one that
 * does not: plain engine input in, the engine's own result beside it, findings out.
 */
const findings = (input: EvaluationInput) => evaluationFindings(input, scoreEvaluation(input));
const kinds = (input: EvaluationInput) => findings(input).map((f) => f.kind);

/** Every row met exactly, no row worth 30 points (产出 25 + 25, 效益 15 + 15, 满意度 20), nothing explained. */
const met = () => [
  indicator('≥10个', '10'),
  indicator('≥4次', '4'),
  inLevel('2', indicator('≥95%', '95')),
  inLevel('2', indicator('≥2项', '2')),
  inLevel('3', indicator('≥90%', '90')),
];

describe('the reviewer’s flags, one evaluation at a time', () => {
  it('unexplained_full_marks: every row at 100 % with full marks and no explanation; one explanation clears it', () => {
    const plain = findings(evaluation(met()));
    expect(plain).toEqual([{ kind: 'unexplained_full_marks', detail: '全部 5 项指标完成率100%且满分，均未填写说明' }]);
    const explained = met().map((row, i) => (i === 2 ? { ...row, explanation: '按计划完成，佐证见附件' } : row));
    expect(kinds(evaluation(explained))).not.toContain('unexplained_full_marks');
    // One row short of its target is no longer full marks.
    const short = met().map((row, i) => (i === 0 ? { ...row, actual: '9' } : row));
    expect(kinds(evaluation(short))).not.toContain('unexplained_full_marks');
  });

  it('over_execution: executed above the budget; exactly the budget is not', () => {
    expect(findings(evaluation(met(), { initial: '100', executed: '120' }))).toContainEqual({
      kind: 'over_execution',
      detail: '预算执行率 120.00%',
    });
    expect(kinds(evaluation(met(), { initial: '100', executed: '100' }))).not.toContain('over_execution');
  });

  it(`heavy_indicator: one row worth ${FLAG_THRESHOLDS.heavyIndicatorPoints} points or more; rows below it are not`, () => {
    // A single 效益 indicator takes the level's 30 points.
    const heavy = [indicator('≥10个', '10'), indicator('≥4次', '4'), inLevel('2', indicator('≥95%', '95'))];
    const found = findings(evaluation([...heavy, inLevel('3', indicator('≥90%', '90'))]));
    expect(found.find((f) => f.kind === 'heavy_indicator')?.detail).toBe('第3行“≥95%” 30 分');
    expect(kinds(evaluation(met()))).not.toContain('heavy_indicator');
  });

  it('qualitative_unmet: a qualitative row judged 未达成; 达成 is not', () => {
    const withTier = (tier: '达成' | '未达成') => [
      ...met(),
      inLevel('2', indicator('高效有序处置', { tier }, { name: '应急处置' })),
    ];
    expect(findings(evaluation(withTier('未达成')))).toContainEqual({
      kind: 'qualitative_unmet',
      detail: '第6行“应急处置”评定为未达成',
    });
    expect(kinds(evaluation(withTier('达成')))).not.toContain('qualitative_unmet');
  });

  it(`high_score_low_execution: a self score ≥ ${FLAG_THRESHOLDS.highScore} with execution below ${FLAG_THRESHOLDS.lowExecutionPercent} %; at 85 % it is not`, () => {
    const low = evaluation(met(), { initial: '100', executed: '79' });
    const result = scoreEvaluation(low);
    expect(Number(result.selfTotal)).toBeGreaterThanOrEqual(FLAG_THRESHOLDS.highScore);
    expect(evaluationFindings(low, result).map((f) => f.kind)).toContain('high_score_low_execution');
    expect(kinds(evaluation(met(), { initial: '100', executed: '85' }))).not.toContain('high_score_low_execution');
    // A low score at low execution is not the contradiction this flag looks for.
    const poor = met().map((row) => ({ ...row, actual: '1' }));
    expect(kinds(evaluation(poor, { initial: '100', executed: '50' }))).not.toContain('high_score_low_execution');
  });
});

describe('the reviewer’s flags that look beyond one evaluation', () => {
  const text = '全年按计划推进，各项工作均已完成';
  const place = (evaluationId: number, row: number, words: string, project = `项目${evaluationId}`): TextPlace => ({
    evaluationId,
    project,
    row,
    text: words,
  });

  it('repeated_explanation: the same text on another project’s row; different texts are not', () => {
    expect(repeatedTextFinding(1, [place(1, 2, text), place(2, 4, text, '三防专项经费')])).toEqual({
      kind: 'repeated_explanation',
      detail: '第2行说明与「三防专项经费」第4行相同',
    });
    expect(repeatedTextFinding(1, [place(1, 2, text), place(2, 4, `${text}。`)])).toBeNull();
    // Texts too short to mean anything ("已完成") are not compared at all.
    expect(comparableText(' 已完成 ')).toBeNull();
    expect(comparableText(` ${text} `)).toBe(text);
  });

  it(`year_change: ${FLAG_THRESHOLDS.yearChangePoints} points or more from the previous year; less, or no previous year, is not`, () => {
    expect(yearChangeFinding('70.50', { year: 2023, score: '90' })).toEqual({
      kind: 'year_change',
      detail: '较上年（2023 年 90.00 分）下降 19.50 分',
    });
    expect(yearChangeFinding('80', { year: 2023, score: '70' })).toBeNull();
    expect(yearChangeFinding('80', null)).toBeNull();
  });
});
