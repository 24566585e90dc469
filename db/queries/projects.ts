import 'server-only';
import { and, asc, eq, getTableColumns, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { columnsOf, firstRow, SCORE_COLUMNS } from '../rows';
import { departments, evaluations, indicators, projects, users } from '../schema';
import type { DepartmentScope } from './department-figures';
import type { SessionUser } from '../../lib/auth/scope';
import type { Db } from '../sqlite';

const NOTHING = sql`1 = 0`;

/** The SQL form of lib/auth/scope canViewProject: the rows a user may see. */
export function projectScopeCondition(user: SessionUser): SQL | undefined {
  switch (user.role) {
    case 'owner':
      return user.departmentId === null
        ? NOTHING
        : and(eq(projects.ownerId, user.id), eq(projects.departmentId, user.departmentId));
    case 'dept_head':
      return user.departmentId === null ? NOTHING : eq(projects.departmentId, user.departmentId);
    default:
      return undefined;
  }
}

/**
 * The same scope as departments, where a user's scope is whole departments (what the stored figures
 * of db/queries/department-figures.ts can answer): every department, or one; null when it is not (an
 * owner sees their own projects).
 */
export function departmentScopeOf(user: SessionUser): DepartmentScope | null {
  switch (user.role) {
    case 'owner':
      return null;
    case 'dept_head':
      return user.departmentId === null ? null : { departmentId: user.departmentId };
    default:
      return {};
  }
}

export function countProjects(db: Db) {
  return db.$count(projects);
}

/** True when the database holds no projects and no users: a fresh install. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const user = await firstRow(db.select({ id: users.id }).from(users).limit(1));
  return !user && (await countProjects(db)) === 0;
}

/** A project's owner: the users table under another name, as some queries join users for someone else too. */
export const projectOwner = alias(users, 'owner');

/** Projects with their department, owner and evaluation: the one shape of every list and page of projects. */
function projectRows(db: Db) {
  return db
    .select({
      project: projects,
      departmentName: departments.name,
      ownerName: projectOwner.displayName,
      ownerActive: projectOwner.active,
      indicatorCount: projects.indicatorCount,
      evaluationId: evaluations.id,
      ...columnsOf(evaluations, 'status', ...SCORE_COLUMNS),
    })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(projectOwner, eq(projectOwner.id, projects.ownerId))
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id));
}

export function findProject(db: Db, { projectId }: { projectId: number }) {
  return firstRow(projectRows(db).where(eq(projects.id, projectId)).limit(1));
}

export function listIndicators(db: Db, { projectId }: { projectId: number }) {
  return db.select().from(indicators).where(eq(indicators.projectId, projectId)).orderBy(asc(indicators.position));
}

/** The indicators of every project a condition on `projects` selects, project by project in table order. */
export function indicatorsOfProjects(db: Db, { where }: { where: SQL | undefined }) {
  return db
    .select(getTableColumns(indicators))
    .from(indicators)
    .innerJoin(projects, eq(projects.id, indicators.projectId))
    .where(where)
    .orderBy(asc(indicators.projectId), asc(indicators.position));
}

export async function getProjectDetail(db: Db, { projectId }: { projectId: number }) {
  const project = await findProject(db, { projectId });
  return project ? { ...project, indicators: await listIndicators(db, { projectId }) } : null;
}

/** Projects whose evaluation is still open (not finalized, or not started) that a user owns. */
export function openProjectsOwnedBy(db: Db, { userId }: { userId: number }) {
  return db
    .select({ id: projects.id, name: projects.name, year: projects.year, departmentId: projects.departmentId })
    .from(projects)
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id))
    .where(and(eq(projects.ownerId, userId), or(isNull(evaluations.id), ne(evaluations.status, 'finalized'))))
    .orderBy(asc(projects.year), asc(projects.position));
}

/** A department's projects of a year that nobody owns yet, in table order. */
export function listUnownedProjects(db: Db, { year, departmentId }: { year: number; departmentId: number }) {
  return db
    .select({ id: projects.id, position: projects.position })
    .from(projects)
    .where(and(eq(projects.year, year), eq(projects.departmentId, departmentId), isNull(projects.ownerId)))
    .orderBy(asc(projects.position));
}

export async function setProjectOwner(tx: Db, { projectId, ownerId }: { projectId: number; ownerId: number }) {
  await tx.update(projects).set({ ownerId }).where(eq(projects.id, projectId));
}
