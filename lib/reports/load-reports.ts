import 'server-only';
import type { Db } from '@/db';
import { findDepartmentById } from '@/db/queries/departments';
import { loadYearBundles, type EvaluationBundle } from '@/db/queries/evaluations';
import type { Failure } from '@/lib/action-state';
import type { SessionUser } from '@/lib/auth/scope';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { chooseTargetDepartment } from '@/lib/exports/target-table';
import { departmentReport, type DepartmentReport } from './department-report';
import { evaluationReport, type EvaluationReport } from './report-model';

/**
 * One evaluation's report, scored by the engine as stored, with the bundle and result it was drawn from
 * (its annex, the print view's 自评表, is drawn from the same): a finalised one as it was at 定稿.
 */
export function reportOfBundle(live: EvaluationBundle) {
  const shown = shownEvaluation(live);
  return { ...shown, report: evaluationReport(shown.bundle, shown.result) };
}

/** `项目支出绩效自评报告-2024-安全生产基础工作专项经费.docx`: the report's own year and project name. */
export function reportFileName(report: Pick<EvaluationReport, 'year' | 'projectName'>): string {
  return `项目支出绩效自评报告-${report.year}-${report.projectName}.docx`;
}

/**
 * A department's report of a year, with the 自评表's department rules: a department head their own,
 * finance and admin any department of the year, owners none.
 */
export async function loadDepartmentReport(
  db: Db,
  { user, year, department }: { user: SessionUser; year: number; department: string },
): Promise<{ ok: true; report: DepartmentReport; departmentId: number } | Failure> {
  const choice = await chooseTargetDepartment(db, { user, year, requested: department, document: '部门自评报告' });
  if (!choice.ok) return choice;
  const { departmentId } = choice;
  const bundles = await loadYearBundles(db, { user, year, departmentId });
  const name = bundles[0]?.departmentName ?? (await findDepartmentById(db, { id: departmentId }))?.name ?? '';
  const entries = bundles.map(shownEvaluation);
  return { ok: true, departmentId, report: departmentReport({ year, department: name, entries }) };
}
