import type { EvaluationBundle } from '@/db/queries/evaluations';
import { reportTextsOf } from '@/lib/reports/sections';
import { entryFieldsFromActual } from './engine-input';
import { storedBudget, storedEntries } from './sheet';
import type { EvaluationDraft, ReviewInput } from './form-schema';

/**
 * What the forms start from, read from what is stored: the owner's draft and finance's review. The
 * page, the tests' world and the benchmark all build their input from here, so none can drift.
 */
export function draftFormValues(bundle: EvaluationBundle): EvaluationDraft {
  const { evaluation: e } = bundle;
  const entries = storedEntries(bundle);
  const budget = storedBudget(bundle);
  return {
    evaluationId: e.id,
    version: e.version,
    budgetAdjusted: budget.adjusted,
    budgetExecuted: budget.executed,
    budgetExplanation: e.budgetExplanation,
    goalActual: e.goalActual,
    indicators: bundle.indicators.map((ind, i) => ({
      indicatorId: ind.id,
      ...entryFieldsFromActual(ind.parsedTarget, entries[i].actual),
      explanation: entries[i].explanation,
      deduction: {
        enabled: entries[i].deduction !== null,
        score: entries[i].deduction?.score ?? '',
        reason: entries[i].deduction?.reason ?? '',
      },
    })),
    report: reportTextsOf(e),
  };
}

export function reviewFormValues(bundle: EvaluationBundle): ReviewInput {
  const { evaluation: e } = bundle;
  const entries = storedEntries(bundle);
  return {
    evaluationId: e.id,
    version: e.version,
    indicators: bundle.indicators.map((ind, i) => ({
      indicatorId: ind.id,
      score: entries[i].reviewed?.score ?? '',
      reason: entries[i].reviewed?.reason ?? '',
    })),
    budget: { score: e.budgetReviewedScore ?? '', reason: e.budgetReviewedReason ?? '' },
  };
}
