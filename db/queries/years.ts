import 'server-only';
import { and, asc, count, desc, eq, ne, notInArray } from 'drizzle-orm';
import { firstRow } from '../rows';
import {
  departments,
  evaluations,
  evaluationYears,
  indicators,
  projects,
  users,
  WITH_OWNER_STATUSES,
  type EvaluationYear,
} from '../schema';
import type { Db } from '../sqlite';

export function listYears(db: Db) {
  return db.select().from(evaluationYears).orderBy(desc(evaluationYears.year));
}

export function findYear(db: Db, { year }: { year: number }) {
  return firstRow(db.select().from(evaluationYears).where(eq(evaluationYears.year, year)).limit(1));
}

/** The year a path names (`/api/years/{year}/…`), when that evaluation year exists. */
export async function existingYear(db: Db, { param }: { param: string }): Promise<number | null> {
  const year = Number(param);
  if (!Number.isInteger(year)) return null;
  return (await findYear(db, { year }))?.year ?? null;
}

/** Submitted evaluations were scored under the current scheme: from then on it stays. */
export async function countSubmitted(db: Db, { year }: { year: number }): Promise<number> {
  const row = await firstRow(
    db
      .select({ n: count() })
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(and(eq(projects.year, year), ne(evaluations.status, 'draft')))
      .limit(1),
  );
  return row?.n ?? 0;
}

/** Every year with how many projects it has and how many of their evaluations were submitted. */
export function listYearsWithCounts(db: Db) {
  return db
    .select({
      year: evaluationYears,
      projects: db.$count(projects, eq(projects.year, evaluationYears.year)),
      submitted: count(evaluations.id),
    })
    .from(evaluationYears)
    .leftJoin(projects, eq(projects.year, evaluationYears.year))
    .leftJoin(
      evaluations,
      and(eq(evaluations.projectId, projects.id), notInArray(evaluations.status, [...WITH_OWNER_STATUSES])),
    )
    .groupBy(evaluationYears.year)
    .orderBy(desc(evaluationYears.year));
}

/** The departments with projects in a year (or in every year), by year and name. */
export function listYearDepartments(db: Db, { year }: { year?: number } = {}) {
  return db
    .selectDistinct({ year: projects.year, id: departments.id, name: departments.name })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(year === undefined ? undefined : eq(projects.year, year))
    .orderBy(desc(projects.year), asc(departments.name));
}

export async function insertYear(
  tx: Db,
  { year, scheme }: { year: number; scheme: EvaluationYear['scheme'] },
): Promise<void> {
  await tx.insert(evaluationYears).values({ year, scheme }).onConflictDoNothing();
}

export async function updateYear(
  tx: Db,
  { year, changes }: { year: number; changes: Pick<EvaluationYear, 'scheme' | 'status' | 'deadline'> },
) {
  await tx.update(evaluationYears).set(changes).where(eq(evaluationYears.year, year));
}

/** A year's projects as the roll-forward copies them: with owner, department and how many indicators. */
export function listRolloverProjects(db: Db, { year }: { year: number }) {
  return db
    .select({
      project: projects,
      department: departments.name,
      owner: { name: users.displayName, active: users.active, role: users.role, departmentId: users.departmentId },
      indicators: count(indicators.id),
    })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(users, eq(users.id, projects.ownerId))
    .leftJoin(indicators, eq(indicators.projectId, projects.id))
    .where(eq(projects.year, year))
    .groupBy(projects.id, departments.id, users.id)
    .orderBy(asc(departments.name), asc(projects.position));
}

export function countProjectsOfYear(db: Db, { year }: { year: number }) {
  return db.$count(projects, eq(projects.year, year));
}
