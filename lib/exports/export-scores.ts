import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { ReturnNote } from '@/db/queries/workflow';
import { buildEngineInput } from '@/lib/evaluations/engine-input';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { schemeOfYear, storedBudget } from '@/lib/evaluations/sheet';
import type { BudgetScore, EvaluationResult, Grade, IndicatorScore } from '@/lib/scoring';
import { scoreBudget } from '@/lib/scoring/score-budget';

/** The engine's numbers a year export shows of an evaluation: its totals and grades, the budget rate, each indicator's scores. */
export interface ExportResult {
  precision: EvaluationResult['precision'];
  selfTotal: string;
  finalTotal: string;
  selfGrade: Grade;
  finalGrade: Grade;
  budget: Pick<BudgetScore, 'rate'>;
  indicators: Array<
    Pick<IndicatorScore, 'points' | 'rate' | 'selfScore' | 'reviewedScore' | 'finalScore' | 'missingActual'>
  >;
}

/** A bundle as a year export reads it: with who returned it, when and why, while it stands at 已退回. */
export type ExportBundle = EvaluationBundle & { lastReturn?: ReturnNote | null };

export interface ExportedEvaluation {
  bundle: EvaluationBundle;
  result: ExportResult;
}

/**
 * What a year export shows of an evaluation, without scoring it again where the database already
 * holds the engine's numbers. A finalised one: as it was at 定稿 (its snapshot). A live one that has
 * been written and has no reviewed score: its cached scores, which every write (commitEvaluation,
 * a change of scheme) stores from the engine's result in the same transaction as the data, the
 * numbers the lists show; with no reviewed score an indicator's final score is its self score, and
 * the budget line's rate is the engine's budget rule alone. Any other (never saved, reviewed, a
 * cache not filled): scored by the engine now, as the evaluation page does.
 */
export function exportedEvaluation(live: EvaluationBundle): ExportedEvaluation {
  const e = live.evaluation;
  const cached = live.indicators.map((ind) => live.results.get(ind.id));
  const fromCache =
    e.status !== 'finalized' &&
    e.selfScore !== null &&
    e.finalScore !== null &&
    cached.every((r) => r !== undefined && r.points !== null && r.finalScore !== null && r.reviewedScore === null);
  if (!fromCache) return shownEvaluation(live);
  const scheme = schemeOfYear(live.year.scheme);
  const input = buildEngineInput(
    { budgetInitialFen: live.project.budgetTotalFen, indicators: [] },
    scheme,
    [],
    storedBudget(live),
  );
  const budget = scoreBudget(input.budget, scheme, scheme.precision, []).line;
  return {
    bundle: live,
    result: {
      precision: scheme.precision,
      selfTotal: e.selfScore!,
      finalTotal: e.finalScore!,
      selfGrade: e.selfGrade as Grade,
      finalGrade: e.finalGrade as Grade,
      budget: { rate: budget.rate },
      indicators: cached.map((r) => ({
        points: r!.points!,
        rate: r!.rate,
        selfScore: r!.finalScore!,
        reviewedScore: null,
        finalScore: r!.finalScore!,
        missingActual: r!.actual === null,
      })),
    },
  };
}
