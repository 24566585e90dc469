import type { Bins, YearFigures } from '@/db/queries/overview';
import { Decimal } from '@/lib/decimal';
import { GRADES, type Grade } from '@/lib/scoring';

/** The overview's score bins; the database counts the submitted projects in each. */
export const HISTOGRAM_BINS = [
  { label: '<60', min: 0, max: 60 },
  { label: '60–70', min: 60, max: 70 },
  { label: '70–80', min: 70, max: 80 },
  { label: '80–90', min: 80, max: 90 },
  { label: '90–100', min: 90, max: 100.01 },
] as const;

/** The bins in hundredths of a point, [from, to), as the database compares them. */
export const HISTOGRAM_HUNDREDTHS: Bins = HISTOGRAM_BINS.map((b) => [Math.round(b.min * 100), Math.round(b.max * 100)]);

/**
 * Σ(score × budget) / Σ budget over the submitted projects, exact: the database sums 分 × the score in
 * hundredths as integers, decimal.js divides. Null when nothing is submitted (or its budget is zero).
 */
export function budgetWeightedAverage(figures: Pick<YearFigures, 'weightedHundredths' | 'scoredBudgetFen'>) {
  const budget = new Decimal(figures.scoredBudgetFen);
  if (budget.isZero()) return null;
  return new Decimal(figures.weightedHundredths)
    .dividedBy(budget)
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

export function gradeDistribution(figures: Pick<YearFigures, 'grades'>): Array<{ grade: Grade; count: number }> {
  return GRADES.map((grade) => ({ grade, count: figures.grades[grade] ?? 0 }));
}

export function scoreHistogram(figures: Pick<YearFigures, 'bins'>): Array<{ label: string; count: number }> {
  return HISTOGRAM_BINS.map((bin, i) => ({ label: bin.label, count: figures.bins[i] ?? 0 }));
}

/** `预算加权平均分（已提交 7 项）`: what a figure is computed over, beside it. */
export function averageLabel(scored: number): string {
  return `预算加权平均分（已提交 ${scored.toLocaleString('en-US')} 项）`;
}
