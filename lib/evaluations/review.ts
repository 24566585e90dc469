import 'server-only';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { ChangeSet, type AuditChange } from '@/lib/audit';
import { fail } from '@/lib/operations';
import { scoreEvaluation, type EvaluationResult } from '@/lib/scoring';
import { defineEvaluationOperation } from './authorize';
import { buildEngineInput, describeScore, type BudgetValues, type EntryValues, type Sheet } from './engine-input';
import { reviewSchema, type ReviewLines } from './form-schema';
import { formFieldErrors, schemeOfYear, storedBudget, storedEntries } from './sheet';

const reviewedOrNull = (line: { score: string; reason: string }) =>
  line.score === '' ? null : { score: line.score, reason: line.reason.trim() };

export type AppliedReview =
  | { ok: false; message: string; fieldErrors?: Record<string, string> }
  | {
      ok: true;
      result: EvaluationResult;
      changes: AuditChange[];
      evaluation: { budgetReviewedScore: string | null; budgetReviewedReason: string | null };
      results: Array<{ reviewedScore: string | null; reviewedReason: string | null }>;
    };

/**
 * Finance's reviewed scores laid over what is stored: the engine's result with them, their columns
 * and audit entries, or the refusal field by field. Shared by 保存复核得分 and 定稿 (which takes the
 * scores still on the page in the same request).
 */
export function applyReview(bundle: EvaluationBundle, sheet: Sheet, lines: ReviewLines): AppliedReview {
  const byId = new Map(lines.indicators.map((line) => [line.indicatorId, line]));
  if ([...byId.keys()].some((id) => !sheet.indicators.some((ind) => ind.id === id))) {
    return { ok: false, message: '复核的指标不属于该项目，请刷新页面后重试' };
  }
  const stored = storedEntries(bundle);
  const entries: EntryValues[] = sheet.indicators.map((ind, i) => {
    const line = byId.get(ind.id);
    return line ? { ...stored[i], reviewed: reviewedOrNull(line) } : stored[i];
  });
  const before = storedBudget(bundle);
  const budget: BudgetValues = { ...before, reviewed: reviewedOrNull(lines.budget) };
  const result = scoreEvaluation(buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), entries, budget));
  const fieldErrors = formFieldErrors(result.errors, sheet, 'review');
  if (Object.keys(fieldErrors).length > 0) return { ok: false, message: '复核得分有误，请按提示修改', fieldErrors };

  const changes = new ChangeSet();
  sheet.indicators.forEach((ind, i) =>
    changes.compare(
      'indicator_result',
      ind.id,
      `第${i + 1}行“${ind.name}” 复核得分`,
      describeScore(stored[i].reviewed),
      describeScore(entries[i].reviewed),
    ),
  );
  changes.compare(
    'evaluation',
    bundle.evaluation.id,
    '预算执行率 复核得分',
    describeScore(before.reviewed),
    describeScore(budget.reviewed),
  );
  return {
    ok: true,
    result,
    changes: changes.changes,
    evaluation: {
      budgetReviewedScore: budget.reviewed?.score ?? null,
      budgetReviewedReason: budget.reviewed?.reason ?? null,
    },
    results: entries.map(({ reviewed }) => ({
      reviewedScore: reviewed?.score ?? null,
      reviewedReason: reviewed?.reason ?? null,
    })),
  };
}

/** Finance sets (or clears) reviewed scores, 0 … points with a reason, on any indicator or the budget line. */
export const reviewScoresOperation = defineEvaluationOperation({
  action: 'review',
  schema: reviewSchema,
  async run(input, { bundle, sheet, commit }) {
    const review = applyReview(bundle, sheet, input);
    if (!review.ok) return fail('invalid', review.message, review.fieldErrors);
    return commit({
      data: { finalTotal: review.result.finalTotal, finalGrade: review.result.finalGrade },
      evaluation: review.evaluation,
      results: review.results,
      audit: [{ action: 'review', changes: review.changes }],
      result: review.result,
    });
  },
});
