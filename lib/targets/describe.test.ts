import { describe, expect, it } from 'vitest';
import { NATIONAL_SCHEME, scoreEvaluation } from '@/lib/scoring';
import { describeTarget, targetPoints } from './describe';
import { parseTargetText } from './parse-target-text';

describe('describeTarget: a target as the parser read it, never with a sign the table did not print', () => {
  it.each([
    ['30家', '30 家（按 ≥ 计分）'],
    ['100%', '100 %（按 ≥ 计分）'],
    ['≥98%', '≥ 98 %'],
    ['≤3次', '≤ 3 次'],
    ['＞300次', '＞ 300 次'],
    ['90-95%', '90–95 %'],
    ['1.扫描仪1台；2.信创笔记本电脑3台', '扫描仪 1 台（按 ≥ 计分）；信创笔记本电脑 3 台（按 ≥ 计分）'],
    ['高效有序处置', '按等级评价'],
  ])('%s → %s', (text, shown) => {
    expect(describeTarget(parseTargetText(text))).toBe(shown);
    expect(describeTarget(parseTargetText(text))).not.toMatch(/(^|；|\s)= /);
  });

  it('the engine still scores a bare number as at least: above the target is full marks', () => {
    const target = parseTargetText('30家');
    expect(target).toMatchObject({ kind: 'quantitative', comparator: '=' });
    const rate = (actual: string) =>
      scoreEvaluation({
        scheme: NATIONAL_SCHEME,
        budget: { initial: '10', adjusted: null, executed: '10' },
        indicators: [{ level1Code: '1', target, actual, explanation: '说明' }],
      } as Parameters<typeof scoreEvaluation>[0]).indicators[0].rate;
    expect([rate('45'), rate('30'), rate('15')]).toEqual(['1', '1', '0.5']);
  });
});

describe('targetPoints: the 分值 the project page shows', () => {
  it('splits a level equally when no 分值 is set, and uses explicit ones that add up', () => {
    const rows = (points: Array<string | null>) => points.map((p, i) => ({ level1Code: i < 2 ? '1' : '3', points: p }));
    // National scheme: 产出 50, 效益 30, 满意度 10 → without 效益, 产出 and 满意度 share its points: 75 and 15.
    expect(targetPoints(rows([null, null, null]), NATIONAL_SCHEME)).toEqual({
      points: ['37.5', '37.5', '15'],
      problems: [],
    });
    expect(targetPoints(rows(['50', '25', null]), NATIONAL_SCHEME).points).toEqual(['50', '25', '15']);
    expect(targetPoints(rows(['50', null, null]), NATIONAL_SCHEME).problems).toHaveLength(1);
  });
});
