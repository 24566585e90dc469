import { SCORE_BINS } from '@/db/queries/overview';
import type { Figures } from '@/db/schema';
import { Decimal } from '@/lib/decimal';
import { GRADES, type Grade } from '@/lib/scoring';

/** The label of each of the figures' score bins (SCORE_BINS, in hundredths: the last one takes 100 in). */
export const HISTOGRAM_LABELS = ['<60', '60–70', '70–80', '80–90', '90–100'] as const;

/**
 * Σ(score × budget) / Σ budget over the submitted projects, exact: the database sums 分 × the score in
 * hundredths as integers, decimal.js divides. Null when nothing is submitted (or its budget is zero).
 */
export function budgetWeightedAverage(figures: Pick<Figures, 'weightedHundredths' | 'scoredBudgetFen'>) {
  const budget = new Decimal(figures.scoredBudgetFen);
  if (budget.isZero()) return null;
  return new Decimal(figures.weightedHundredths)
    .dividedBy(budget)
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

export function gradeDistribution(figures: Pick<Figures, 'grades'>): Array<{ grade: Grade; count: number }> {
  return GRADES.map((grade) => ({ grade, count: figures.grades[grade] ?? 0 }));
}

export function scoreHistogram(figures: Pick<Figures, 'bins'>): Array<{ label: string; count: number }> {
  return SCORE_BINS.map((_, i) => ({ label: HISTOGRAM_LABELS[i], count: figures.bins[i] ?? 0 }));
}

/** `预算加权平均分（已提交 7 项）`: what a figure is computed over, beside it. */
export function averageLabel(scored: number): string {
  return `预算加权平均分（已提交 ${scored.toLocaleString('en-US')} 项）`;
}
