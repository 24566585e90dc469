import 'server-only';
import { ChangeSet } from '@/lib/audit';
import { fail } from '@/lib/operations';
import { scoreEvaluation } from '@/lib/scoring';
import { defineEvaluationOperation } from './authorize';
import { buildEngineInput, describeScore, type BudgetValues, type EntryValues } from './engine-input';
import { reviewSchema } from './form-schema';
import { formFieldErrors, schemeOfYear, storedBudget, storedEntries } from './sheet';

const reviewedOrNull = (line: { score: string; reason: string }) =>
  line.score === '' ? null : { score: line.score, reason: line.reason.trim() };

/** Finance sets (or clears) reviewed scores, 0 … points with a reason, on any indicator or the budget line. */
export const reviewScoresOperation = defineEvaluationOperation({
  action: 'review',
  schema: reviewSchema,
  async run(input, { bundle, sheet, commit }) {
    const byId = new Map(input.indicators.map((line) => [line.indicatorId, line]));
    if ([...byId.keys()].some((id) => !sheet.indicators.some((ind) => ind.id === id))) {
      return fail('invalid', '复核的指标不属于该项目，请刷新页面后重试');
    }
    const stored = storedEntries(bundle);
    const entries: EntryValues[] = sheet.indicators.map((ind, i) => {
      const line = byId.get(ind.id);
      return line ? { ...stored[i], reviewed: reviewedOrNull(line) } : stored[i];
    });
    const before = storedBudget(bundle);
    const budget: BudgetValues = { ...before, reviewed: reviewedOrNull(input.budget) };
    const result = scoreEvaluation(buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), entries, budget));
    const fieldErrors = formFieldErrors(result.errors, sheet, 'review');
    if (Object.keys(fieldErrors).length > 0) return fail('invalid', '复核得分有误，请按提示修改', fieldErrors);

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
    const id = bundle.evaluation.id;
    changes.compare(
      'evaluation',
      id,
      '预算执行率 复核得分',
      describeScore(before.reviewed),
      describeScore(budget.reviewed),
    );

    return commit({
      data: { finalTotal: result.finalTotal, finalGrade: result.finalGrade },
      evaluation: {
        budgetReviewedScore: budget.reviewed?.score ?? null,
        budgetReviewedReason: budget.reviewed?.reason ?? null,
      },
      results: entries.map(({ reviewed }) => ({
        reviewedScore: reviewed?.score ?? null,
        reviewedReason: reviewed?.reason ?? null,
      })),
      audit: [{ action: 'review', changes: changes.changes }],
      result,
    });
  },
});
