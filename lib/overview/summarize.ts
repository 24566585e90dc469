import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { EvaluationStatus } from '@/db/schema';
import { Decimal } from '@/lib/decimal';
import { GRADES, type EvaluationResult, type Grade, type Scheme } from '@/lib/scoring';
import { deadlineState } from '@/lib/workflow/deadline';
import { pastOwner } from '@/lib/workflow/state-machine';

/** One evaluation with the engine's result, as the overview sees it. */
interface ScoredEvaluation {
  bundle: EvaluationBundle;
  result: EvaluationResult;
}

interface OverviewRow {
  id: number;
  project: string;
  department: string;
  departmentId: number;
  owner: string | null;
  budgetFen: number;
  status: EvaluationStatus;
  selfScore: string;
  finalScore: string | null;
  /** The score that counts now: the final one once finalised, else the self score. */
  score: string;
  grade: Grade;
  scored: boolean;
}

type FlagKind = 'over_achievement' | 'deduction' | 'reviewed_differs' | 'low_execution' | 'draft_near_deadline';

export const FLAG_LABELS: Record<FlagKind, string> = {
  over_achievement: '超额完成（目标可能偏低）',
  deduction: '评价扣分',
  reviewed_differs: '复核得分与自评不同',
  low_execution: '预算执行率偏低',
  draft_near_deadline: '临近截止仍为草稿',
};

interface Flag {
  evaluationId: number;
  project: string;
  department: string;
  kind: FlagKind;
  detail: string;
}

export const HISTOGRAM_BINS = [
  { label: '<60', min: 0, max: 60 },
  { label: '60–70', min: 60, max: 70 },
  { label: '70–80', min: 70, max: 80 },
  { label: '80–90', min: 80, max: 90 },
  { label: '90–100', min: 90, max: 100.0001 },
] as const;

/** Days before the deadline from which a draft is flagged. */
export const DEADLINE_WARNING_DAYS = 14;

/** A draft has not been scored by anyone yet; the overview's statistics count the others. */
export function overviewRow({ bundle, result }: ScoredEvaluation): OverviewRow {
  const e = bundle.evaluation;
  const finalised = e.status === 'finalized';
  return {
    id: e.id,
    project: bundle.project.name,
    department: bundle.departmentName,
    departmentId: bundle.project.departmentId,
    owner: bundle.ownerName,
    budgetFen: bundle.project.budgetTotalFen,
    status: e.status,
    selfScore: result.selfTotal,
    finalScore: finalised ? result.finalTotal : null,
    score: finalised ? result.finalTotal : result.selfTotal,
    grade: finalised ? result.finalGrade : result.selfGrade,
    scored: pastOwner(e.status),
  };
}

export function gradeDistribution(rows: OverviewRow[]): Array<{ grade: Grade; count: number }> {
  const scored = rows.filter((r) => r.scored);
  return GRADES.map((grade) => ({ grade, count: scored.filter((r) => r.grade === grade).length }));
}

export function scoreHistogram(rows: OverviewRow[]): Array<{ label: string; count: number }> {
  const scored = rows.filter((r) => r.scored);
  return HISTOGRAM_BINS.map((bin) => ({
    label: bin.label,
    count: scored.filter(
      (r) => new Decimal(r.score).greaterThanOrEqualTo(bin.min) && new Decimal(r.score).lessThan(bin.max),
    ).length,
  }));
}

/** Σ(score × budget) / Σ budget over the scored projects, exact; null when none is scored. */
export function budgetWeightedAverage(rows: OverviewRow[]): string | null {
  const scored = rows.filter((r) => r.scored);
  const budget = scored.reduce((sum, r) => sum.plus(r.budgetFen), new Decimal(0));
  if (budget.isZero()) return null;
  const weighted = scored.reduce((sum, r) => sum.plus(new Decimal(r.score).times(r.budgetFen)), new Decimal(0));
  return weighted.dividedBy(budget).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function departmentStats(rows: OverviewRow[]) {
  const departments = [...new Map(rows.map((r) => [r.departmentId, r.department])).entries()];
  return departments.map(([departmentId, department]) => {
    const own = rows.filter((r) => r.departmentId === departmentId);
    return {
      departmentId,
      department,
      projects: own.length,
      scored: own.filter((r) => r.scored).length,
      finalized: own.filter((r) => r.status === 'finalized').length,
      budgetFen: own.reduce((sum, r) => sum + r.budgetFen, 0),
      weightedAverage: budgetWeightedAverage(own),
    };
  });
}

/** What deserves a reviewer's look, each with the row it concerns. */
export function reviewFlags(
  evaluations: ScoredEvaluation[],
  scheme: Pick<Scheme, 'overAchievementThreshold' | 'budgetExecutionThreshold'>,
  today: Date,
): Flag[] {
  const flags: Flag[] = [];
  for (const { bundle, result } of evaluations) {
    const e = bundle.evaluation;
    const base = { evaluationId: e.id, project: bundle.project.name, department: bundle.departmentName };
    result.indicators.forEach((ind, i) => {
      const row = `第${i + 1}行“${ind.name}”`;
      if (ind.overAchievement)
        flags.push({
          ...base,
          kind: 'over_achievement',
          detail: `${row}完成值达到年度指标值的${scheme.overAchievementThreshold}%及以上`,
        });
      if (!ind.missingActual && ind.selfScore !== ind.computedScore)
        flags.push({ ...base, kind: 'deduction', detail: `${row}由 ${ind.computedScore} 扣至 ${ind.selfScore}` });
      if (ind.reviewedScore !== null && !new Decimal(ind.reviewedScore).equals(ind.selfScore)) {
        flags.push({
          ...base,
          kind: 'reviewed_differs',
          detail: `${row}自评 ${ind.selfScore}，复核 ${ind.reviewedScore}`,
        });
      }
    });
    const budget = result.budget;
    if (budget.reviewedScore !== null && !new Decimal(budget.reviewedScore).equals(budget.computedScore)) {
      flags.push({
        ...base,
        kind: 'reviewed_differs',
        detail: `预算执行率自评 ${budget.computedScore}，复核 ${budget.reviewedScore}`,
      });
    }
    if (budget.rate !== null && new Decimal(budget.rate).times(100).lessThan(scheme.budgetExecutionThreshold)) {
      flags.push({
        ...base,
        kind: 'low_execution',
        detail: `执行率 ${new Decimal(budget.rate).times(100).toFixed(2)}%，低于 ${scheme.budgetExecutionThreshold}%`,
      });
    }
    const deadline = deadlineState(bundle.year.deadline, today);
    if (!pastOwner(e.status) && deadline && (deadline.overdue || deadline.days <= DEADLINE_WARNING_DAYS))
      flags.push({
        ...base,
        kind: 'draft_near_deadline',
        detail: `截止日期 ${bundle.year.deadline}，${deadline.text}`,
      });
  }
  return flags;
}

/** The overview's filter, as the query string gives it ('' = all). */
export interface OverviewFilter {
  department: string;
  status: string;
  grade: string;
  /** `missing`: only evaluations with rows flagged 缺佐证 by their latest return. */
  evidence?: string;
}

/** Everything the overview shows of a year: the filter narrows all of it but the list of departments. */
export function summarizeOverview(
  scored: ScoredEvaluation[],
  {
    filter,
    scheme,
    today,
    evidenceFlagged = new Set(),
  }: {
    filter: OverviewFilter;
    scheme: Parameters<typeof reviewFlags>[1];
    today: Date;
    /** The evaluations with current 缺佐证 flags (db/queries/attachments evidenceFlaggedEvaluationIds). */
    evidenceFlagged?: ReadonlySet<number>;
  },
) {
  const passes = (row: OverviewRow) =>
    (!filter.department || String(row.departmentId) === filter.department) &&
    (!filter.status || row.status === filter.status) &&
    (!filter.grade || (row.scored && row.grade === filter.grade)) &&
    (filter.evidence !== 'missing' || evidenceFlagged.has(row.id));
  const visible = scored.filter((evaluation) => passes(overviewRow(evaluation)));
  const rows = visible.map(overviewRow);
  return {
    rows,
    departments: departmentStats(scored.map(overviewRow)),
    flags: reviewFlags(visible, scheme, today),
    average: budgetWeightedAverage(rows),
    grades: gradeDistribution(rows),
    histogram: scoreHistogram(rows),
  };
}
