import 'server-only';
import type { Db } from '@/db';
import { loadTargetTable as loadTargetRows } from '@/db/queries/targets';
import { listYearDepartments } from '@/db/queries/years';
import { fail, type Failure } from '@/lib/action-state';
import type { SessionUser } from '@/lib/auth/scope';
import { indicatorTexts } from '@/lib/targets/table-types';
import type { TargetWorkbookTable } from './target-workbook';

/**
 * Whose target table (or department report) a user downloads: a department head only their own;
 * finance and admin the one asked for (`?department=`), or the only one of the year. Owners see
 * evaluations, not whole departments.
 */
export async function chooseTargetDepartment(
  db: Db,
  {
    user,
    year,
    requested,
    document = '绩效目标表',
  }: { user: SessionUser; year: number; requested: string | null; document?: string },
): Promise<{ ok: true; departmentId: number } | Failure> {
  if (user.role === 'owner') return fail('forbidden', `无权下载${document}`);
  const available = await listYearDepartments(db, { year });
  const asked = requested === null || requested === '' ? null : Number(requested);
  if (asked !== null && !Number.isInteger(asked)) return fail('not_found', '没有该部门');
  if (user.role === 'dept_head') {
    if (user.departmentId === null || (asked !== null && asked !== user.departmentId))
      return fail('forbidden', `只能下载本部门的${document}`);
    return available.some((d) => d.id === user.departmentId)
      ? { ok: true, departmentId: user.departmentId }
      : fail('not_found', '本部门该年度没有绩效目标');
  }
  if (asked !== null)
    return available.some((d) => d.id === asked)
      ? { ok: true, departmentId: asked }
      : fail('not_found', '该部门该年度没有绩效目标');
  if (available.length === 1) return { ok: true, departmentId: available[0].id };
  if (available.length === 0) return fail('not_found', '该年度没有绩效目标');
  return fail(
    'invalid',
    `该年度有多个部门，请指定部门：${available.map((d) => `${d.name}（?department=${d.id}）`).join('，')}`,
  );
}

/**
 * A department's target table of a year from the database, in the shape the workbook writer takes.
 * The import keeps the table's 部门名称 as every project's 实施单位 and the department as 资金使用单位.
 */
export async function loadTargetTable(
  db: Db,
  { year, departmentId }: { year: number; departmentId: number },
): Promise<TargetWorkbookTable | null> {
  const stored = await loadTargetRows(db, { year, departmentId });
  if (!stored) return null;
  const { department, projects } = stored;
  return {
    department: department.name,
    implementingUnit: projects[0]?.implementingUnit ?? department.name,
    year,
    projects: projects.map((p) => ({
      name: p.name,
      unit: department.name,
      budget: {
        totalFen: p.budgetTotalFen,
        fiscalFen: p.budgetFiscalFen,
        specialFen: p.budgetSpecialFen,
        otherFen: p.budgetOtherFen,
      },
      goal: p.goal,
      indicators: p.indicators.map((ind) => ({ ...indicatorTexts(ind), points: ind.points })),
    })),
  };
}
