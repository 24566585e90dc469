import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { departments, evaluationYears, evaluations, indicators, projects, users } from '../schema';
import type { SessionUser } from '../../lib/auth/scope';
import type { Db } from '../index';

/** The SQL form of lib/auth/scope canViewProject: the rows a user may see. */
export function projectScopeCondition(user: SessionUser): SQL | undefined {
  switch (user.role) {
    case 'owner':
      return user.departmentId === null
        ? sql`0`
        : and(eq(projects.ownerId, user.id), eq(projects.departmentId, user.departmentId));
    case 'dept_head':
      return user.departmentId === null ? sql`0` : eq(projects.departmentId, user.departmentId);
    default:
      return undefined;
  }
}

/** The year a `/api/years/{year}/…` path names, when that evaluation year exists. */
export function existingYear(db: Db, param: string): number | null {
  const year = Number(param);
  if (!Number.isInteger(year)) return null;
  return (
    db.select({ year: evaluationYears.year }).from(evaluationYears).where(eq(evaluationYears.year, year)).get()?.year ??
    null
  );
}

export function listYears(db: Db) {
  return db.select().from(evaluationYears).orderBy(desc(evaluationYears.year)).all();
}

export function listProjectsForUser(db: Db, { user, year }: { user: SessionUser; year: number }) {
  const owner = alias(users, 'owner');
  return db
    .select({
      id: projects.id,
      name: projects.name,
      position: projects.position,
      departmentName: departments.name,
      budgetTotalFen: projects.budgetTotalFen,
      ownerName: owner.displayName,
      indicatorCount: count(indicators.id),
      evaluationId: evaluations.id,
      status: evaluations.status,
      selfScore: evaluations.selfScore,
      finalScore: evaluations.finalScore,
      selfGrade: evaluations.selfGrade,
      finalGrade: evaluations.finalGrade,
    })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .leftJoin(indicators, eq(indicators.projectId, projects.id))
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id))
    .where(and(eq(projects.year, year), projectScopeCondition(user)))
    .groupBy(projects.id)
    .orderBy(asc(departments.name), asc(projects.position))
    .all();
}

export function getProjectDetail(db: Db, { projectId }: { projectId: number }) {
  const owner = alias(users, 'owner');
  const project = db
    .select({
      project: projects,
      departmentName: departments.name,
      ownerName: owner.displayName,
      evaluationId: evaluations.id,
      status: evaluations.status,
    })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id))
    .where(eq(projects.id, projectId))
    .get();
  if (!project) return null;
  const rows = db
    .select()
    .from(indicators)
    .where(eq(indicators.projectId, projectId))
    .orderBy(asc(indicators.position))
    .all();
  return { ...project, indicators: rows };
}
