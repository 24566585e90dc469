import type { EngineFlagKind, FlagKind } from '@/db/schema';
import { Decimal } from '@/lib/decimal';
import { REVIEWER_FLAG_LABELS } from '@/lib/flags/definitions';
import { DEDUCTION_WORDS, type EvaluationResult, type Scheme } from '@/lib/scoring';

/**
 * 值得关注: the label of each kind of flag. A new engine kind is one line here and one in db/schema.ts;
 * a reviewer's kind is defined in lib/flags/definitions.ts.
 */
export const FLAG_LABELS: Record<FlagKind, string> = {
  over_achievement: '超额完成（目标可能偏低）',
  deduction: DEDUCTION_WORDS.action,
  reviewed_differs: '复核得分与自评不同',
  low_execution: '预算执行率偏低',
  ...REVIEWER_FLAG_LABELS,
  draft_near_deadline: '临近截止仍为草稿',
};

export interface StoredFlag {
  kind: EngineFlagKind;
  /** Where the flag stands among the evaluation's flags: indicator rows in order, then the budget line. */
  ordinal: number;
  detail: string;
}

/** After every indicator row's (a draft near the deadline comes after these: db/queries/overview.ts). */
const BUDGET_ORDINAL = 1_000_000;
/** The reviewer's kinds (lib/flags), one row each, after the engine's. */
export const REVIEWER_ORDINAL = 1_500_000;

/** What the engine's result of one evaluation deserves a reviewer's look for (stored with its cached scores). */
export function engineFlags(
  result: EvaluationResult,
  scheme: Pick<Scheme, 'overAchievementThreshold' | 'budgetExecutionThreshold'>,
): StoredFlag[] {
  const flags: StoredFlag[] = [];
  result.indicators.forEach((ind, i) => {
    const row = `第${i + 1}行“${ind.name}”`;
    const at = (offset: number) => i * 4 + offset;
    if (ind.overAchievement)
      flags.push({
        kind: 'over_achievement',
        ordinal: at(0),
        detail: `${row}完成值达到年度指标值的${scheme.overAchievementThreshold}%及以上`,
      });
    if (!ind.missingActual && ind.selfScore !== ind.computedScore)
      flags.push({ kind: 'deduction', ordinal: at(1), detail: `${row}由 ${ind.computedScore} 扣至 ${ind.selfScore}` });
    if (ind.reviewedScore !== null && !new Decimal(ind.reviewedScore).equals(ind.selfScore))
      flags.push({
        kind: 'reviewed_differs',
        ordinal: at(2),
        detail: `${row}自评 ${ind.selfScore}，复核 ${ind.reviewedScore}`,
      });
  });
  const budget = result.budget;
  if (budget.reviewedScore !== null && !new Decimal(budget.reviewedScore).equals(budget.computedScore))
    flags.push({
      kind: 'reviewed_differs',
      ordinal: BUDGET_ORDINAL,
      detail: `预算执行率自评 ${budget.computedScore}，复核 ${budget.reviewedScore}`,
    });
  if (budget.rate !== null && new Decimal(budget.rate).times(100).lessThan(scheme.budgetExecutionThreshold))
    flags.push({
      kind: 'low_execution',
      ordinal: BUDGET_ORDINAL + 1,
      detail: `执行率 ${new Decimal(budget.rate).times(100).toFixed(2)}%，低于 ${scheme.budgetExecutionThreshold}%`,
    });
  return flags;
}

/** Days before the deadline from which a draft is flagged. */
export const DEADLINE_WARNING_DAYS = 14;

/** Whole days left until the end of the deadline's day in Beijing (negative once it has passed). */
export function daysUntilDeadline(deadline: string, today: Date): number {
  return Math.ceil((Date.parse(`${deadline}T23:59:59+08:00`) - today.getTime()) / 86_400_000);
}

/** Whether the year's drafts are flagged today: its deadline is at most DEADLINE_WARNING_DAYS away (or passed). */
export function deadlineIsNear(deadline: string | null, today: Date): boolean {
  return deadline !== null && daysUntilDeadline(deadline, today) <= DEADLINE_WARNING_DAYS;
}

export function deadlineDetail(deadline: string, today: Date): string {
  const days = daysUntilDeadline(deadline, today);
  return days < 0 ? `已超过截止日期 ${deadline}` : `距截止日期 ${deadline} 还有 ${days} 天`;
}
