import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '@/db';
import { departments, indicators, projects } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { groupBy } from '@/lib/collections';
import type { TargetWorkbookTable } from './target-workbook';

/** The departments with projects in a year, by name. */
export function departmentsOfYear(db: Db, year: number) {
  return db
    .selectDistinct({ id: departments.id, name: departments.name })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(eq(projects.year, year))
    .orderBy(asc(departments.name))
    .all();
}

export type TargetDepartmentChoice =
  { ok: true; departmentId: number } | { ok: false; status: 400 | 403 | 404; message: string };

/**
 * Whose target table a user downloads: a department head only their own; finance and admin the one
 * asked for (`?department=`), or the only one of the year. Owners see evaluations, not whole tables.
 */
export function chooseTargetDepartment(
  db: Db,
  { user, year, requested }: { user: SessionUser; year: number; requested: string | null },
): TargetDepartmentChoice {
  if (user.role === 'owner') return { ok: false, status: 403, message: '无权下载绩效目标表' };
  const available = departmentsOfYear(db, year);
  const asked = requested === null || requested === '' ? null : Number(requested);
  if (asked !== null && !Number.isInteger(asked)) return { ok: false, status: 404, message: '没有该部门' };
  if (user.role === 'dept_head') {
    if (user.departmentId === null || (asked !== null && asked !== user.departmentId))
      return { ok: false, status: 403, message: '只能下载本部门的绩效目标表' };
    return available.some((d) => d.id === user.departmentId)
      ? { ok: true, departmentId: user.departmentId }
      : { ok: false, status: 404, message: '本部门该年度没有绩效目标' };
  }
  if (asked !== null)
    return available.some((d) => d.id === asked)
      ? { ok: true, departmentId: asked }
      : { ok: false, status: 404, message: '该部门该年度没有绩效目标' };
  if (available.length === 1) return { ok: true, departmentId: available[0].id };
  if (available.length === 0) return { ok: false, status: 404, message: '该年度没有绩效目标' };
  return {
    ok: false,
    status: 400,
    message: `该年度有多个部门，请指定部门：${available.map((d) => `${d.name}（?department=${d.id}）`).join('，')}`,
  };
}

/**
 * A department's target table of a year from the database, in the shape the workbook writer takes.
 * The import keeps the table's 部门名称 as every project's 实施单位 and the department as 资金使用单位.
 */
export function loadTargetTable(
  db: Db,
  { year, departmentId }: { year: number; departmentId: number },
): TargetWorkbookTable | null {
  const department = db.select().from(departments).where(eq(departments.id, departmentId)).get();
  if (!department) return null;
  const where = and(eq(projects.year, year), eq(projects.departmentId, departmentId));
  const projectRows = db.select().from(projects).where(where).orderBy(asc(projects.position), asc(projects.id)).all();
  const indicatorRows = db
    .select(getTableColumns(indicators))
    .from(indicators)
    .innerJoin(projects, eq(projects.id, indicators.projectId))
    .where(where)
    .orderBy(asc(indicators.projectId), asc(indicators.position))
    .all();
  const byProject = groupBy(indicatorRows, (row) => row.projectId);
  return {
    department: department.name,
    implementingUnit: projectRows[0]?.implementingUnit ?? department.name,
    year,
    projects: projectRows.map((p) => ({
      name: p.name,
      unit: department.name,
      budget: {
        totalFen: p.budgetTotalFen,
        fiscalFen: p.budgetFiscalFen,
        specialFen: p.budgetSpecialFen,
        otherFen: p.budgetOtherFen,
      },
      goal: p.goal,
      indicators: (byProject.get(p.id) ?? []).map((ind) => ({
        level1Code: ind.level1Code,
        level1Name: ind.level1Name,
        level2Code: ind.level2Code,
        level2Name: ind.level2Name,
        name: ind.name,
        periodTargetText: ind.periodTargetText,
        annualTargetText: ind.annualTargetText,
        points: ind.points,
      })),
    })),
  };
}
