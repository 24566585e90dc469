import { and, asc, desc, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { groupBy } from '../../lib/collections';
import {
  auditLog,
  departments,
  evaluations,
  evaluationYears,
  indicatorResults,
  indicators,
  projects,
  reviewActions,
  users,
  type EvaluationStatus,
  type IndicatorResult,
} from '../schema';
import { projectScopeCondition } from './projects';
import type { SessionUser } from '../../lib/auth/scope';
import type { Db } from '../index';

/** Evaluation, project, department, owner and year, joined: the head of every bundle. */
function bundleHeads(db: Pick<Db, 'select'>) {
  const owner = alias(users, 'owner');
  return db
    .select({
      evaluation: evaluations,
      project: projects,
      departmentName: departments.name,
      ownerName: owner.displayName,
      year: evaluationYears,
    })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .innerJoin(evaluationYears, eq(evaluationYears.year, projects.year))
    .leftJoin(owner, eq(owner.id, projects.ownerId));
}

/** Everything one evaluation page, operation or export needs, in one read. */
export function loadEvaluationBundle(db: Pick<Db, 'select'>, { evaluationId }: { evaluationId: number }) {
  const row = bundleHeads(db).where(eq(evaluations.id, evaluationId)).get();
  if (!row) return null;
  const indicatorRows = db
    .select()
    .from(indicators)
    .where(eq(indicators.projectId, row.project.id))
    .orderBy(asc(indicators.position))
    .all();
  const resultRows = db.select().from(indicatorResults).where(eq(indicatorResults.evaluationId, evaluationId)).all();
  const results = new Map<number, IndicatorResult>(resultRows.map((r) => [r.indicatorId, r]));
  return { ...row, indicators: indicatorRows, results };
}

export type EvaluationBundle = NonNullable<ReturnType<typeof loadEvaluationBundle>>;

/**
 * The bundles of every evaluation of a year in the user's scope, in list order, in three queries
 * whatever the size of the year (for the overview and the exports).
 */
export function loadYearBundles(
  db: Pick<Db, 'select'>,
  { user, year }: { user: SessionUser; year: number },
): EvaluationBundle[] {
  const inScope = and(eq(projects.year, year), projectScopeCondition(user));
  const heads = bundleHeads(db)
    .where(inScope)
    .orderBy(asc(departments.name), asc(projects.position), asc(projects.id))
    .all();
  if (heads.length === 0) return [];
  const indicatorRows = db
    .select(getTableColumns(indicators))
    .from(indicators)
    .innerJoin(projects, eq(projects.id, indicators.projectId))
    .where(inScope)
    .orderBy(asc(indicators.projectId), asc(indicators.position))
    .all();
  const resultRows = db
    .select(getTableColumns(indicatorResults))
    .from(indicatorResults)
    .innerJoin(evaluations, eq(evaluations.id, indicatorResults.evaluationId))
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(inScope)
    .all();
  const byProject = groupBy(indicatorRows, (i) => i.projectId);
  const byEvaluation = groupBy(resultRows, (r) => r.evaluationId);
  return heads.map((head) => ({
    ...head,
    indicators: byProject.get(head.project.id) ?? [],
    results: new Map((byEvaluation.get(head.evaluation.id) ?? []).map((r) => [r.indicatorId, r])),
  }));
}

/** The evaluations of a year that a user may see, with their scores, for lists, queues and the API. */
export function listEvaluationsForUser(
  db: Db,
  { user, year, statuses }: { user: SessionUser; year: number; statuses?: EvaluationStatus[] },
) {
  const owner = alias(users, 'owner');
  const conditions: Array<SQL | undefined> = [eq(projects.year, year), projectScopeCondition(user)];
  if (statuses) conditions.push(inArray(evaluations.status, statuses));
  return db
    .select({
      id: evaluations.id,
      projectId: projects.id,
      project: projects.name,
      department: departments.name,
      departmentId: departments.id,
      owner: owner.displayName,
      budgetTotalFen: projects.budgetTotalFen,
      status: evaluations.status,
      version: evaluations.version,
      selfScore: evaluations.selfScore,
      finalScore: evaluations.finalScore,
      selfGrade: evaluations.selfGrade,
      finalGrade: evaluations.finalGrade,
      submittedAt: evaluations.submittedAt,
      updatedAt: evaluations.updatedAt,
    })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .where(and(...conditions))
    .orderBy(asc(departments.name), asc(projects.position))
    .all();
}

export function listReviewActions(db: Db, { evaluationId }: { evaluationId: number }) {
  return db
    .select({
      id: reviewActions.id,
      action: reviewActions.action,
      fromStatus: reviewActions.fromStatus,
      toStatus: reviewActions.toStatus,
      comment: reviewActions.comment,
      createdAt: reviewActions.createdAt,
      actor: users.displayName,
      actorRole: users.role,
    })
    .from(reviewActions)
    .innerJoin(users, eq(users.id, reviewActions.actorId))
    .where(eq(reviewActions.evaluationId, evaluationId))
    .orderBy(asc(reviewActions.createdAt), asc(reviewActions.id))
    .all();
}

export function listAuditEntries(db: Db, { evaluationId, limit = 500 }: { evaluationId: number; limit?: number }) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      field: auditLog.field,
      oldValue: auditLog.oldValue,
      newValue: auditLog.newValue,
      createdAt: auditLog.createdAt,
      actor: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.evaluationId, evaluationId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .all();
}
