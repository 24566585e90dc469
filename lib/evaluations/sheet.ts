import type { EvaluationBundle } from '@/db/queries/evaluations';
import { fenToWanYuan } from '@/lib/money';
import { engineFlags } from '@/lib/overview/flags';
import {
  NATIONAL_SCHEME,
  safeResolveScheme,
  scoreEvaluation,
  type EvaluationResult,
  type Scheme,
  type ScoringError,
} from '@/lib/scoring';
import { buildEngineInput, type BudgetValues, type EntryValues, type Sheet } from './engine-input';

/** The year's scheme. Stored schemes are validated when saved; a broken one falls back to the national preset. */
export function schemeOfYear(stored: unknown): Scheme {
  const resolution = safeResolveScheme(stored ?? 'national');
  return resolution.success ? resolution.scheme : NATIONAL_SCHEME;
}

export function sheetOf(bundle: Pick<EvaluationBundle, 'project' | 'indicators'>): Sheet {
  return {
    budgetInitialFen: bundle.project.budgetTotalFen,
    indicators: bundle.indicators.map((ind) => ({
      id: ind.id,
      position: ind.position,
      level1Code: ind.level1Code,
      level1Name: ind.level1Name,
      level2Name: ind.level2Name,
      name: ind.name,
      annualTargetText: ind.annualTargetText,
      target: ind.parsedTarget,
      points: ind.points,
    })),
  };
}

const reviewedOf = (score: string | null, reason: string | null) =>
  score === null ? null : { score, reason: reason ?? '' };

export function storedEntries(bundle: Pick<EvaluationBundle, 'indicators' | 'results'>): EntryValues[] {
  return bundle.indicators.map((ind) => {
    const r = bundle.results.get(ind.id);
    return {
      actual: r?.actual ?? null,
      explanation: r?.explanation ?? '',
      deduction: r && r.deductionScore !== null ? { score: r.deductionScore, reason: r.deductionReason ?? '' } : null,
      reviewed: r ? reviewedOf(r.reviewedScore, r.reviewedReason) : null,
    };
  });
}

/** 分 → the 万元 text forms and audit entries use (`21.5`); '' for null. */
export const fenText = (fen: number | null) => (fen === null ? '' : fenToWanYuan(fen).toFixed());

export function storedBudget(bundle: Pick<EvaluationBundle, 'evaluation'>): BudgetValues {
  const e = bundle.evaluation;
  return {
    adjusted: fenText(e.budgetAdjustedFen),
    executed: fenText(e.budgetExecutedFen),
    explanation: e.budgetExplanation,
    reviewed: reviewedOf(e.budgetReviewedScore, e.budgetReviewedReason),
  };
}

/**
 * The engine's result for what is stored now: under the year's scheme, or another one (the what-if);
 * with finance's reviewed scores, or without them (a return to the owner clears them).
 */
export function scoreStored(
  bundle: EvaluationBundle,
  options: { scheme?: Scheme; withoutReview?: boolean } = {},
): { result: EvaluationResult; input: ReturnType<typeof buildEngineInput> } {
  const drop = <T extends { reviewed: unknown }>(v: T): T => (options.withoutReview ? { ...v, reviewed: null } : v);
  const input = buildEngineInput(
    sheetOf(bundle),
    options.scheme ?? schemeOfYear(bundle.year.scheme),
    storedEntries(bundle).map(drop),
    drop(storedBudget(bundle)),
  );
  return { input, result: scoreEvaluation(input) };
}

/** The engine's numbers as cached beside the data, for lists, the API and exports, with the flags they raise. */
export function cachedScores(
  bundle: Pick<EvaluationBundle, 'indicators'>,
  result: EvaluationResult,
  scheme: Parameters<typeof engineFlags>[1],
) {
  return {
    flags: engineFlags(result, scheme),
    evaluation: {
      selfScore: result.selfTotal,
      finalScore: result.finalTotal,
      selfGrade: result.selfGrade,
      finalGrade: result.finalGrade,
    },
    results: bundle.indicators.map((ind, i) => {
      const { points, rate, computedScore, finalScore } = result.indicators[i];
      return { indicatorId: ind.id, points, rate, computedScore, finalScore };
    }),
  };
}

/**
 * Engine error paths → form field names: `indicators.3.actual.1` → `indicators.3.parts.1`,
 * `indicators.3.reviewed.score` → `indicators.3.score` (review form), `budget.executed` → `budgetExecuted`.
 */
export function formFieldErrors(
  errors: ScoringError[],
  sheet: Sheet,
  form: 'entry' | 'review',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of errors) {
    const key = fieldFor(path, sheet, form);
    if (key) out[key] ??= message;
  }
  return out;
}

function fieldFor(path: string, sheet: Sheet, form: 'entry' | 'review'): string | null {
  const budget = path.match(/^budget\.(adjusted|initial|executed|reviewed\.(score|reason))$/);
  if (budget) {
    if (budget[2]) return form === 'review' ? `budget.${budget[2]}` : null;
    if (form === 'review') return null;
    return budget[1] === 'executed' ? 'budgetExecuted' : 'budgetAdjusted';
  }
  const m = path.match(/^indicators\.(\d+)\.(.+)$/);
  if (!m) return '_';
  const [, index, rest] = m;
  const kind = sheet.indicators[Number(index)]?.target.kind;
  if (rest.startsWith('reviewed.'))
    return form === 'review' ? `indicators.${index}.${rest.slice('reviewed.'.length)}` : null;
  if (form === 'review') return null;
  if (rest.startsWith('deduction.')) return `indicators.${index}.${rest}`;
  if (rest === 'points' || rest === 'level1Code') return '_';
  if (kind === 'qualitative') return `indicators.${index}.${rest === 'actual.percent' ? 'percent' : 'tier'}`;
  if (kind === 'compound') return `indicators.${index}.parts.${rest.match(/^actual\.(\d+)$/)?.[1] ?? '0'}`;
  return `indicators.${index}.value`;
}
