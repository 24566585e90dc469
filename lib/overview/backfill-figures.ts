import 'server-only';
import { transaction, type Db } from '@/db';
import { refreshDepartmentFigures, staleFigurePlaces } from '@/db/queries/department-figures';
import { groupBy } from '@/db/rows';

/** How many departments one transaction computes: a large database is never locked for long. */
const DEPARTMENTS_PER_TRANSACTION = 50;

/**
 * Stores the figures of every department of every year that has none (a database from before the
 * table) or has them by an older definition (`npm start` runs it after migrating); the number of
 * departments done.
 */
export async function refreshStaleDepartmentFigures(db: Db): Promise<number> {
  const stale = await staleFigurePlaces(db);
  for (const [year, inYear] of groupBy(stale, (p) => p.year))
    for (let i = 0; i < inYear.length; i += DEPARTMENTS_PER_TRANSACTION) {
      const departmentIds = inYear.slice(i, i + DEPARTMENTS_PER_TRANSACTION).map((p) => p.departmentId);
      await transaction(db, (tx) => refreshDepartmentFigures(tx, { year, departmentIds }));
    }
  return stale.length;
}
