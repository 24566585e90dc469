import type { ExecutionCap, Grade, Level1Code, QualitativeTier, Scheme, ScorePrecision } from './scheme';
import type { ParsedTarget } from '../targets/types';

/**
 * Input and output of {@link scoreEvaluation}. Every number is a decimal string (`"13.5"`, `"0.1"`)
 * so that no binary floating point ever touches money, points or scores.
 */

export interface QualitativeActual {
  tier: QualitativeTier;
  /** Percent of the points inside the tier's band; the tier's default when omitted. */
  percent?: string | null;
}

/**
 * null: not entered yet (a draft). A string for a quantitative target, one string per part (in
 * order) for a compound target, a tier for a qualitative target.
 */
export type IndicatorActual = null | string | string[] | QualitativeActual;

/** A judgment deduction (the lowered score) or a reviewed score, always with its reason. */
export interface ScoreAdjustment {
  score: string;
  reason: string;
}

export interface IndicatorInput {
  name: string;
  level1Code: Level1Code;
  target: ParsedTarget;
  /** Explicit 分值; null or absent → allocated by the rule book. */
  points?: string | null;
  actual: IndicatorActual;
  /** 偏差原因分析及改进措施. */
  explanation?: string | null;
  deduction?: ScoreAdjustment | null;
  reviewed?: ScoreAdjustment | null;
}

/** Amounts in 万元. */
export interface BudgetInput {
  /** 年初预算数. */
  initial: string;
  /** 全年预算数; defaults to `initial`. */
  adjusted?: string | null;
  /** 全年执行数; null while not entered yet. */
  executed: string | null;
  explanation?: string | null;
  reviewed?: ScoreAdjustment | null;
}

export interface EvaluationInput {
  scheme: Scheme;
  /** Overrides the scheme's precision. */
  precision?: ScorePrecision;
  budget: BudgetInput;
  indicators: IndicatorInput[];
}

export interface ScoringError {
  /** Where the problem is: `indicators.3.actual`, `indicators.3.deduction.score`, `budget.adjusted`, `points`. */
  path: string;
  message: string;
}

export interface IndicatorScore {
  name: string;
  level1Code: Level1Code;
  points: string;
  /** The achievement rate at full precision; null when the actual is missing or invalid. */
  rate: string | null;
  /** round-half-up(points × rate, precision), less the over-achievement deduction where it applies. */
  computedScore: string;
  /** Points the over-achievement deduction took off (≤ the scheme's N, as the score stops at 0); "0" when none. */
  overAchievementDeduction: string;
  /** After the evaluator's judgment deduction, if any. */
  selfScore: string;
  reviewedScore: string | null;
  /** The reviewed score where set, else the self score. */
  finalScore: string;
  explanationRequired: boolean;
  explanationReasons: string[];
  missingActual: boolean;
  overAchievement: boolean;
}

export interface BudgetScore {
  initial: string;
  adjusted: string;
  executed: string | null;
  /** 全年执行数 / 全年预算数 at full precision (may exceed 1); null when it cannot be computed. */
  rate: string | null;
  points: string;
  computedScore: string;
  reviewedScore: string | null;
  finalScore: string;
  explanationRequired: boolean;
  explanationReasons: string[];
  missingExecuted: boolean;
}

export interface EvaluationResult {
  precision: ScorePrecision;
  indicators: IndicatorScore[];
  budget: BudgetScore;
  /** Budget score + Σ indicator self scores, then at most the execution cap's maximum. */
  selfTotal: string;
  /** Same with reviewed scores where set. */
  finalTotal: string;
  /** The totals before the execution cap. */
  selfTotalBeforeCap: string;
  finalTotalBeforeCap: string;
  /** The execution cap in force at this budget execution rate (both totals are at most its maxTotal); null when none. */
  cap: ExecutionCap | null;
  selfGrade: Grade;
  finalGrade: Grade;
  /** Indexes of indicators whose actual is not entered yet. */
  missingActualIndexes: number[];
  /** No errors and nothing missing: the evaluation could be submitted as far as numbers go. */
  complete: boolean;
  errors: ScoringError[];
}

export type { ExecutionCap, Grade, Level1Code, QualitativeTier, Scheme, ScorePrecision };
