import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '@/db';
import { countFlags, yearFigures } from '@/db/queries/overview';
import { departmentFigures, projects } from '@/db/schema';

/**
 * The stored figures of every department of every year (db/queries/department-figures.ts) against the
 * same figures aggregated now from the evaluations, and its flags' counts against the flags stored
 * now: a row for each department with projects in a year, none for any other, each equal to the live one.
 */
export async function expectFiguresFresh(db: Db) {
  const stored = await db.select().from(departmentFigures);
  const places = await db.selectDistinct({ year: projects.year, departmentId: projects.departmentId }).from(projects);
  const key = (p: { year: number; departmentId: number }) => `${p.year}/${p.departmentId}`;
  expect(stored.map(key).sort()).toEqual(places.map(key).sort());
  for (const row of stored) {
    const live = await yearFigures(db, {
      where: and(eq(projects.year, row.year), eq(projects.departmentId, row.departmentId)),
    });
    expect({ place: key(row), ...row.figures }).toEqual({ place: key(row), ...JSON.parse(JSON.stringify(live)) });
    expect([row.projects, row.scored, row.finalized, row.budgetFen]).toEqual([
      live.projects,
      live.scored,
      live.statuses.finalized,
      live.budgetFen,
    ]);
    expect([String(row.scoredBudgetFen), row.weightedHundredths]).toEqual([
      live.scoredBudgetFen,
      live.weightedHundredths,
    ]);
    const flags = await countFlags(db, {
      where: and(eq(projects.year, row.year), eq(projects.departmentId, row.departmentId)),
      nearDeadline: false,
    });
    const nonzero = Object.fromEntries(Object.entries(flags).filter(([, n]) => n > 0));
    expect({ place: key(row), ...row.flagCounts }).toEqual({ place: key(row), ...nonzero });
  }
}
