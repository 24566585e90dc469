import { eq, type SQL } from 'drizzle-orm';
import { evaluations, projects } from '../db/schema';
import type { Db } from '../db';

/**
 * The id of the first evaluation whose project matches `where` (its name, its year): how the tests' world and
 * the benchmark pick an evaluation to work on. No test runner in here: the benchmark imports it.
 */
export async function firstEvaluationId(db: Db, where: SQL): Promise<number> {
  const [row] = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(where)
    .limit(1);
  if (!row) throw new Error('no evaluation of such a project');
  return row.id;
}
