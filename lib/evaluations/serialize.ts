import type { EvaluationBundle } from '@/db/queries/evaluations';
import { formatScore } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';
import type { EvaluationResult } from '@/lib/scoring';

const wan = (fen: number | null) => (fen === null ? null : fenToWanYuan(fen).toFixed(2));
const score = (s: string | null, precision: number) => (s === null ? null : formatScore(s, precision));

/** The integration view of one evaluation: amounts in 万元 and scores as exact decimal strings. */
export function serializeEvaluation(bundle: EvaluationBundle, result: EvaluationResult) {
  const { evaluation: e, project } = bundle;
  const p = result.precision;
  // Final scores exist for integrations once finalised, as in the list; until then reviewed scores are work in progress.
  const finalised = e.status === 'finalized';
  return {
    id: e.id,
    status: e.status,
    version: e.version,
    project: {
      id: project.id,
      name: project.name,
      year: project.year,
      department: bundle.departmentName,
      implementingUnit: project.implementingUnit,
      owner: bundle.ownerName,
      goal: project.goal,
      budget: {
        total: wan(project.budgetTotalFen),
        fiscal: wan(project.budgetFiscalFen),
        special: wan(project.budgetSpecialFen),
        other: wan(project.budgetOtherFen),
      },
    },
    goalActual: e.goalActual,
    selfScore: formatScore(result.selfTotal, p),
    finalScore: finalised ? formatScore(result.finalTotal, p) : null,
    selfGrade: result.selfGrade,
    finalGrade: finalised ? result.finalGrade : null,
    budget: {
      initial: wan(project.budgetTotalFen),
      adjusted: wan(e.budgetAdjustedFen ?? project.budgetTotalFen),
      executed: wan(e.budgetExecutedFen),
      rate: result.budget.rate,
      points: formatScore(result.budget.points),
      score: formatScore(result.budget.computedScore, p),
      reviewedScore: score(result.budget.reviewedScore, p),
      reviewedReason: e.budgetReviewedReason,
      explanation: e.budgetExplanation,
    },
    indicators: bundle.indicators.map((ind, i) => {
      const r = bundle.results.get(ind.id);
      const s = result.indicators[i];
      return {
        id: ind.id,
        position: ind.position,
        level1: ind.level1Name,
        level2: ind.level2Name,
        name: ind.name,
        target: ind.annualTargetText,
        targetKind: ind.parsedTarget.kind,
        actual: r?.actual ?? null,
        points: formatScore(s.points),
        rate: s.rate,
        computedScore: score(s.missingActual ? null : s.computedScore, p),
        selfScore: score(s.missingActual ? null : s.selfScore, p),
        deduction: r?.deductionScore ? { score: r.deductionScore, reason: r.deductionReason } : null,
        reviewedScore: score(s.reviewedScore, p),
        reviewedReason: r?.reviewedReason ?? null,
        finalScore: finalised ? score(s.finalScore, p) : null,
        explanation: r?.explanation ?? '',
        explanationRequired: s.explanationRequired,
      };
    }),
  };
}
