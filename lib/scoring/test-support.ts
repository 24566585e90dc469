import { parseTargetText } from '../targets/parse-target-text';
import { NATIONAL_SCHEME, type Level1Code, type Scheme } from './scheme';
import type { EvaluationInput, IndicatorActual, IndicatorInput } from './types';

/** Builders for the scoring tests: an indicator from its target text, an evaluation from rows. */

export function indicator(
  targetText: string,
  actual: IndicatorActual,
  extra: Partial<Omit<IndicatorInput, 'target' | 'actual'>> = {},
): IndicatorInput {
  return { name: extra.name ?? targetText, level1Code: '1', target: parseTargetText(targetText), actual, ...extra };
}

export function evaluation(
  indicators: IndicatorInput[],
  budget: Partial<EvaluationInput['budget']> = {},
  scheme: Scheme = NATIONAL_SCHEME,
): EvaluationInput {
  return { scheme, budget: { initial: '100', executed: '100', ...budget }, indicators };
}

export function inLevel(level1Code: Level1Code, row: IndicatorInput): IndicatorInput {
  return { ...row, level1Code };
}

/** The rule book's worked example (安全生产基础工作专项经费) as engine input. */
export function workedExampleInput(): EvaluationInput {
  const rows: [string, Level1Code, string, IndicatorActual][] = [
    ['委托专业机构检查企业家数', '1', '30家', '27'],
    ['委托机构、专家检查危险化学品，化工、医药企业的数量', '1', '≥50家', '52'],
    ['委托第三方公司摄像头进行在线维护数量', '1', '405支', '405'],
    ['委托第三方拖运“黑加油车”次数，清洗油罐个数', '1', '≥4次，≥2个', ['4', '1']],
    ['提交整改报告并完成整改率', '1', '95%', '96'],
    ['受检查企业满意度', '3', '95%', '93'],
  ];
  return evaluation(
    rows.map(([name, level1Code, target, actual]) => indicator(target, actual, { name, level1Code })),
    { initial: '21.5', executed: '20' },
  );
}
