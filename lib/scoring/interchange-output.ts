import { dec, roundHalfUp } from '../decimal';
import { missingExplanations } from './explanation';
import { LEVEL1_NAMES, type ExecutionCap, type Grade } from './scheme';
import type { EvaluationInput, EvaluationResult } from './types';

/** What the interchange file says beyond the engine's input, echoed back in the output. */
export interface InterchangeMeta {
  project?: string;
  indicators: { level2?: string; target: string }[];
}

export interface InterchangeOutput {
  project?: string;
  scheme: string;
  precision: number;
  indicators: {
    name: string;
    level1: string;
    level2?: string;
    target: string;
    points: number;
    rate: number | null;
    score: number;
    computedScore: number;
    selfScore: number;
    reviewedScore: number | null;
    finalScore: number;
    explanationRequired: boolean;
    explanationReasons: string[];
    missingActual: boolean;
    overAchievement: boolean;
    overAchievementDeduction: number;
  }[];
  budget: {
    initial: number;
    adjusted: number;
    executed: number | null;
    rate: number | null;
    points: number;
    score: number;
    computedScore: number;
    reviewedScore: number | null;
    finalScore: number;
    explanationRequired: boolean;
    explanationReasons: string[];
    cap: ExecutionCap | null;
  };
  selfTotal: number;
  selfGrade: Grade;
  total: number;
  grade: Grade;
  cap: ExecutionCap | null;
  selfTotalBeforeCap: number;
  totalBeforeCap: number;
  missingActuals: string[];
  missingExplanations: string[];
}

/** Decimal strings → JSON numbers for display; rates rounded to 6 decimals (0.930233). */
export function interchangeOutput(
  input: EvaluationInput,
  meta: InterchangeMeta,
  result: EvaluationResult,
): InterchangeOutput {
  const num = (text: string) => dec(text).toNumber();
  const numOrNull = (text: string | null) => (text === null ? null : num(text));
  const rate = (text: string | null) => (text === null ? null : roundHalfUp(dec(text), 6).toNumber());
  const { budget } = result;
  return {
    ...(meta.project === undefined ? {} : { project: meta.project }),
    scheme: input.scheme.name,
    precision: result.precision,
    indicators: result.indicators.map((row, i) => ({
      name: row.name,
      level1: LEVEL1_NAMES[row.level1Code],
      ...(meta.indicators[i].level2 === undefined ? {} : { level2: meta.indicators[i].level2 }),
      target: meta.indicators[i].target,
      points: num(row.points),
      rate: rate(row.rate),
      score: num(row.selfScore),
      computedScore: num(row.computedScore),
      selfScore: num(row.selfScore),
      reviewedScore: numOrNull(row.reviewedScore),
      finalScore: num(row.finalScore),
      explanationRequired: row.explanationRequired,
      explanationReasons: row.explanationReasons,
      missingActual: row.missingActual,
      overAchievement: row.overAchievement,
      overAchievementDeduction: num(row.overAchievementDeduction),
    })),
    budget: {
      initial: num(budget.initial),
      adjusted: num(budget.adjusted),
      executed: numOrNull(budget.executed),
      rate: rate(budget.rate),
      points: num(budget.points),
      score: num(budget.computedScore),
      computedScore: num(budget.computedScore),
      reviewedScore: numOrNull(budget.reviewedScore),
      finalScore: num(budget.finalScore),
      explanationRequired: budget.explanationRequired,
      explanationReasons: budget.explanationReasons,
      cap: result.cap,
    },
    selfTotal: num(result.selfTotal),
    selfGrade: result.selfGrade,
    total: num(result.finalTotal),
    grade: result.finalGrade,
    cap: result.cap,
    selfTotalBeforeCap: num(result.selfTotalBeforeCap),
    totalBeforeCap: num(result.finalTotalBeforeCap),
    missingActuals: result.missingActualIndexes.map((i) => result.indicators[i].name),
    missingExplanations: missingExplanations(input, result).map((m) => m.message),
  };
}
