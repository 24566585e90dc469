/**
 * The per-year scoring settings of the rule book ("The scheme"). Numbers here are small exact
 * values kept as plain numbers for readability; every calculation turns them into Decimal first.
 */

export const LEVEL1_CODES = ['1', '2', '3'] as const;
export type Level1Code = (typeof LEVEL1_CODES)[number];

export const LEVEL1_NAMES: Record<Level1Code, string> = {
  '1': '产出指标',
  '2': '效益指标',
  '3': '满意度指标',
};

export const QUALITATIVE_TIERS = ['达成', '部分达成', '未达成'] as const;
export type QualitativeTier = (typeof QUALITATIVE_TIERS)[number];

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

export type ReverseFormula = 'ratio' | 'linear';
export type ScorePrecision = 0 | 1 | 2;

/** A tier's band in percent of the indicator's points; `min` is always inside the band. */
export interface TierBand {
  min: number;
  max: number;
  /** 达成 is [80, 100]; the lower tiers stop just below the next tier's minimum: [60, 80). */
  maxInclusive: boolean;
  defaultPercent: number;
}

/** Rule book § Scores, execution caps: below `below` % budget execution the total is at most `maxTotal`. */
export interface ExecutionCap {
  below: number;
  maxTotal: number;
}

export interface Scheme {
  name: string;
  budgetPoints: number;
  levelPoints: Record<Level1Code, number>;
  reverseFormula: ReverseFormula;
  qualitativeTiers: Record<QualitativeTier, TierBand>;
  /** Percent of the target (actual/target) at or above which an at-least indicator needs an explanation. */
  overAchievementThreshold: number;
  /** Percent; a budget execution rate below it needs an explanation. */
  budgetExecutionThreshold: number;
  /** Lowest total of each grade; below 中 is 差. */
  gradeBands: { 优: number; 良: number; 中: number };
  precision: ScorePrecision;
  /** Points off an indicator that reaches the over-achievement threshold; 0 = explanation only. */
  overAchievementDeduction: number;
  /** Strictly from the highest `below` down; empty = no cap. */
  executionCaps: ExecutionCap[];
}
