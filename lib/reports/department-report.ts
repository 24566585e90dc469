import type { EvaluationBundle } from '@/db/queries/evaluations';
import { dec } from '@/lib/decimal';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import { GRADES, type EvaluationResult } from '@/lib/scoring';
import { pastOwner } from '@/lib/workflow/state-machine';
import { evaluationReport, type EvaluationReport } from './report-model';

/** One project in the department report's summary table; amounts in 万元, two decimals. */
export interface DepartmentSummaryRow {
  index: number;
  project: string;
  owner: string;
  budget: string;
  executed: string;
  rate: string;
  score: string;
  grade: string;
  status: string;
}

export interface DepartmentReport {
  title: string;
  year: number;
  department: string;
  intro: string[];
  summary: DepartmentSummaryRow[];
  /** Each project's own report, in the table's order. */
  projects: EvaluationReport[];
}

export const DEPARTMENT_SUMMARY_HEADINGS = [
  '序号',
  '项目名称',
  '项目负责人',
  '全年预算数（万元）',
  '全年执行数（万元）',
  '执行率',
  '得分',
  '等级',
  '状态',
];

/** The department head's report: a summary of every project first, then each project's report. */
export function departmentReport({
  year,
  department,
  entries,
}: {
  year: number;
  department: string;
  entries: Array<{ bundle: EvaluationBundle; result: EvaluationResult }>;
}): DepartmentReport {
  const projects = entries.map(({ bundle, result }) => evaluationReport(bundle, result));
  // What counts of each project now: the final score and grade once finalised, else the self ones.
  const overview = entries.map(({ bundle, result }) => {
    const finalised = bundle.evaluation.status === 'finalized';
    return {
      status: bundle.evaluation.status,
      scored: pastOwner(bundle.evaluation.status),
      score: finalised ? result.finalTotal : result.selfTotal,
      grade: finalised ? result.finalGrade : result.selfGrade,
    };
  });
  let adjustedFen = 0;
  let executedFen = 0;
  const summary = entries.map(({ bundle, result }, i): DepartmentSummaryRow => {
    const { evaluation: e, project } = bundle;
    const adjusted = e.budgetAdjustedFen ?? project.budgetTotalFen;
    adjustedFen += adjusted;
    executedFen += e.budgetExecutedFen ?? 0;
    return {
      index: i + 1,
      project: project.name,
      owner: bundle.ownerName ?? '',
      budget: formatWanYuan(adjusted),
      executed: e.budgetExecutedFen === null ? '' : formatWanYuan(e.budgetExecutedFen),
      rate: formatRate(result.budget.rate),
      score: projects[i].total ?? '',
      grade: projects[i].grade ?? '',
      status: STATUS_LABELS[e.status],
    };
  });
  const grades = GRADES.map(
    (grade) => `${grade}${overview.filter((r) => r.scored && r.grade === grade).length}个`,
  ).join('、');
  const scored = overview.filter((r) => r.scored).length;
  const finalized = overview.filter((r) => r.status === 'finalized').length;
  const rate = adjustedFen > 0 ? formatRate(dec(executedFen).dividedBy(adjustedFen).toFixed()) : '—';
  const intro = [
    `${department}${year}年度共有${entries.length}个项目开展绩效自评，全年预算数合计${formatWanYuan(adjustedFen)}万元，全年执行数合计${formatWanYuan(executedFen)}万元，总体预算执行率${rate}。`,
    scored > 0 ? `已提交自评${scored}个，其中已定稿${finalized}个；等级分布：${grades}。` : '尚无项目提交自评。',
  ];
  const scores = overview.filter((r) => r.scored).map((r) => dec(r.score));
  if (scores.length > 0) {
    const average = scores
      .reduce((a, b) => a.plus(b), dec(0))
      .dividedBy(scores.length)
      .toFixed();
    intro.push(`已提交项目的平均得分${formatScore(average)}分。`);
  }
  return {
    title: `${department}${year}年度项目支出绩效自评报告`,
    year,
    department,
    intro,
    summary,
    projects,
  };
}
