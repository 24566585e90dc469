import { and, asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { projectScopeCondition } from '@/db/queries/projects';
import { departments, evaluations, evaluationYears, indicatorResults, indicators, projects, users, type Indicator, type IndicatorResult } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';

/**
 * Every evaluation bundle of a year that `user` may see, in list order (department, position), with
 * three queries in all, whatever the number of projects: the same shape loadEvaluationBundle gives
 * one at a time, so the sheet writers and the engine take either.
 */
export function loadYearBundles(db: Db, { user, year }: { user: SessionUser; year: number }): EvaluationBundle[] {
  const inScope: SQL | undefined = and(eq(projects.year, year), projectScopeCondition(user));
  const owner = alias(users, 'owner');
  const heads = db
    .select({ evaluation: evaluations, project: projects, departmentName: departments.name, ownerName: owner.displayName, year: evaluationYears })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .innerJoin(evaluationYears, eq(evaluationYears.year, projects.year))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .where(inScope)
    .orderBy(asc(departments.name), asc(projects.position), asc(projects.id))
    .all();

  const indicatorsByProject = new Map<number, Indicator[]>();
  const indicatorRows = db
    .select(getTableColumns(indicators))
    .from(indicators)
    .innerJoin(projects, eq(projects.id, indicators.projectId))
    .where(inScope)
    .orderBy(asc(indicators.projectId), asc(indicators.position))
    .all();
  for (const row of indicatorRows) push(indicatorsByProject, row.projectId, row);

  const resultsByEvaluation = new Map<number, Map<number, IndicatorResult>>();
  const resultRows = db
    .select(getTableColumns(indicatorResults))
    .from(indicatorResults)
    .innerJoin(evaluations, eq(evaluations.id, indicatorResults.evaluationId))
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(inScope)
    .all();
  for (const row of resultRows) {
    let results = resultsByEvaluation.get(row.evaluationId);
    if (!results) resultsByEvaluation.set(row.evaluationId, (results = new Map()));
    results.set(row.indicatorId, row);
  }

  return heads.map((head) => ({
    ...head,
    indicators: indicatorsByProject.get(head.project.id) ?? [],
    results: resultsByEvaluation.get(head.evaluation.id) ?? new Map(),
  }));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The year of a `/api/years/{year}/…` path, when it names an evaluation year that exists. */
export function existingYear(db: Db, param: string): number | null {
  const year = Number(param);
  if (!Number.isInteger(year)) return null;
  return db.select({ year: evaluationYears.year }).from(evaluationYears).where(eq(evaluationYears.year, year)).get()?.year ?? null;
}
