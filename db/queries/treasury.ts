import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { departments, evaluations, projects } from '../schema';
import type { Db } from '../sqlite';

/** Every evaluation of a year with what a treasury file is matched on and compared with (lib/treasury). */
export function executionCandidates(db: Db, { year }: { year: number }) {
  return db
    .select({
      evaluationId: evaluations.id,
      projectId: projects.id,
      project: projects.name,
      department: departments.name,
      departmentId: projects.departmentId,
      ownerId: projects.ownerId,
      status: evaluations.status,
      version: evaluations.version,
      executedFen: evaluations.budgetExecutedFen,
      importedFen: evaluations.executedImportedFen,
    })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(eq(projects.year, year))
    .orderBy(asc(departments.name), asc(projects.position), asc(projects.id));
}
