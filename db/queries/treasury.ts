import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { departments, evaluations, projects } from '../schema';
import { EVALUATION_ROW, JOIN } from './joins';
import type { Db } from '../sqlite';

/** Every evaluation of a year with what a treasury file is matched on and compared with (lib/treasury). */
export function executionCandidates(db: Db, { year }: { year: number }) {
  return db
    .select({
      ...EVALUATION_ROW,
      departmentId: projects.departmentId,
      ownerId: projects.ownerId,
      version: evaluations.version,
      executedFen: evaluations.budgetExecutedFen,
      importedFen: evaluations.executedImportedFen,
    })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .where(eq(projects.year, year))
    .orderBy(asc(departments.name), asc(projects.position), asc(projects.id));
}
