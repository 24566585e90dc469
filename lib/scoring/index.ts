/** The scoring engine of the rule book (docs/scoring-rules.md): pure functions, exact decimals. */
export {
  GRADES,
  HUBEI_SCHEME,
  INTEGRATED_SCHEME,
  LEVEL1_CODES,
  LEVEL1_NAMES,
  NATIONAL_SCHEME,
  QUALITATIVE_TIERS,
  SCHEME_PRESETS,
  SchemeError,
  bandInWords,
  customSchemeSchema,
  formatBand,
  gradeFor,
  isPercentInBand,
  precisionConflicts,
  resolveScheme,
  safeResolveScheme,
  scorePrecisionSchema,
} from './scheme';
export type {
  CustomSchemeInput,
  ExecutionCap,
  Grade,
  Level1Code,
  QualitativeTier,
  ReverseFormula,
  Scheme,
  SchemeIssue,
  SchemeName,
  SchemeResolution,
  ScorePrecision,
  TierBand,
} from './scheme';
export { allocatePoints, isLevel1Code, levelPointsFor, splitEqually } from './allocate-points';
export type { AllocationError, IndicatorPointsInput, PointsAllocation } from './allocate-points';
export { achievementRate, fractionValue, partAchievement } from './achievement';
export type { AchievementError, AchievementOutcome, Fraction, PartAchievement } from './achievement';
export { capInForce, capInWords, cappedTotal, isRateBelowPercent } from './execution-caps';
export { overAchievementDeduction, reachesOverAchievement } from './over-achievement';
export {
  BUDGET_OVERSPENT_REASON,
  UNDER_TARGET_REASON,
  budgetBelowThresholdReason,
  budgetExplanationRequirement,
  explanationRequirement,
  missesTarget,
  missingExplanations,
  overAchievementReason,
  qualitativeNotMetReason,
} from './explanation';
export type { ExplanationRequirement, MissingExplanation } from './explanation';
export { scoreEvaluation } from './score-evaluation';
export { DEDUCTION_WORDS } from './adjustments';
export type {
  BudgetInput,
  BudgetScore,
  EvaluationInput,
  EvaluationResult,
  IndicatorActual,
  IndicatorInput,
  IndicatorScore,
  QualitativeActual,
  ScoreAdjustment,
  ScoringError,
} from './types';
export { formatPath, level1CodeOf, parseInterchange, scoreInterchange, scoreInterchangeText } from './interchange';
export type { InterchangeIssue, InterchangeOutput, InterchangeParse, InterchangeScore } from './interchange';
export { interchangeOutput } from './interchange-output';
