import { isRateBelowPercent } from './execution-caps';
import { reachesOverAchievement } from './over-achievement';
import type { AchievementOutcome, Fraction } from './achievement';
import type { Scheme } from './scheme';
import type { EvaluationInput, EvaluationResult } from './types';

/** Rule book "When an explanation (偏差原因分析及改进措施) is required". */

export const UNDER_TARGET_REASON = '未达到年度指标值';
const QUALITATIVE_NOT_MET_PREFIX = '定性指标未达成';

export function overAchievementReason(thresholdPercent: number): string {
  return `完成值达到年度指标值的${thresholdPercent}%及以上，请说明目标设定依据`;
}

export function qualitativeNotMetReason(tier: string): string {
  return `${QUALITATIVE_NOT_MET_PREFIX}（评定为“${tier}”）`;
}

export function budgetBelowThresholdReason(thresholdPercent: number): string {
  return `预算执行率低于${thresholdPercent}%`;
}

/** Whether an indicator's explanation reasons say it missed its target (under target, or a tier below 达成). */
export function missesTarget(reasons: readonly string[]): boolean {
  return reasons.some((r) => r === UNDER_TARGET_REASON || r.startsWith(QUALITATIVE_NOT_MET_PREFIX));
}

/** 全年执行数 above 全年预算数: a data error or spending beyond the budget (the score stays at its points). */
export const BUDGET_OVERSPENT_REASON = '预算执行率超过100%（全年执行数超过全年预算数）';

export interface ExplanationRequirement {
  required: boolean;
  reasons: string[];
  /** An at-least part reached actual/target ≥ the over-achievement threshold. */
  overAchievement: boolean;
}

type ExplanationSettings = Pick<Scheme, 'overAchievementThreshold'>;

/** Why one indicator needs an explanation; nothing is required while the actual is missing or invalid. */
export function explanationRequirement(
  outcome: AchievementOutcome,
  scheme: ExplanationSettings,
): ExplanationRequirement {
  const reasons: string[] = [];
  let overAchievement = false;
  if (outcome.status === 'quantitative') {
    if (outcome.exactRate.numerator.lessThan(outcome.exactRate.denominator)) reasons.push(UNDER_TARGET_REASON);
    overAchievement = reachesOverAchievement(outcome, scheme);
    if (overAchievement) reasons.push(overAchievementReason(scheme.overAchievementThreshold));
  } else if (outcome.status === 'qualitative' && outcome.tier !== '达成') {
    reasons.push(qualitativeNotMetReason(outcome.tier));
  }
  return { required: reasons.length > 0, reasons, overAchievement };
}

/**
 * Why the budget line needs an explanation: a rate below the threshold, or above 100 %; rate
 * (全年执行数 / 全年预算数, exact) null when not computable requires nothing yet.
 */
export function budgetExplanationRequirement(
  rate: Fraction | null,
  scheme: Pick<Scheme, 'budgetExecutionThreshold'>,
): { required: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (rate !== null && isRateBelowPercent(rate, scheme.budgetExecutionThreshold))
    reasons.push(budgetBelowThresholdReason(scheme.budgetExecutionThreshold));
  if (rate !== null && rate.numerator.greaterThan(rate.denominator)) reasons.push(BUDGET_OVERSPENT_REASON);
  return { required: reasons.length > 0, reasons };
}

export type MissingExplanation =
  | { line: 'indicator'; index: number; name: string; reasons: string[]; message: string }
  | { line: 'budget'; reasons: string[]; message: string };

const ASK = '请填写偏差原因分析及改进措施';

/**
 * The rows whose required explanation is still empty. Submission is refused while this is not
 * empty; each entry names its row for the refusal message.
 */
export function missingExplanations(input: EvaluationInput, result: EvaluationResult): MissingExplanation[] {
  const missing: MissingExplanation[] = [];
  result.indicators.forEach((scored, index) => {
    if (!scored.explanationRequired || hasText(input.indicators[index]?.explanation)) return;
    const message = `第${index + 1}行“${scored.name}”：${scored.explanationReasons.join('；')}，${ASK}`;
    missing.push({ line: 'indicator', index, name: scored.name, reasons: scored.explanationReasons, message });
  });
  if (result.budget.explanationRequired && !hasText(input.budget.explanation)) {
    const reasons = result.budget.explanationReasons;
    missing.push({ line: 'budget', reasons, message: `预算执行率：${reasons.join('；')}，${ASK}` });
  }
  return missing;
}

function hasText(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.trim().length > 0;
}
