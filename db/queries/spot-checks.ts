import 'server-only';
import { and, asc, count, desc, eq, exists, inArray, sql } from 'drizzle-orm';
import { firstRow } from '../rows';
import { departments, evaluations, projects, spotCheckItems, spotChecks, type EvaluationStatus } from '../schema';
import { EVALUATION_ROW, JOIN } from './joins';
import type { Db } from '../sqlite';

/** The evaluations a sample is drawn from: a year's, at the statuses given (lib/workflow says which). */
export function spotCheckPopulation(
  db: Db,
  { year, statuses }: { year: number; statuses: readonly EvaluationStatus[] },
) {
  return db
    .select({ id: evaluations.id, departmentId: projects.departmentId, budgetFen: projects.budgetTotalFen })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .where(and(eq(projects.year, year), inArray(evaluations.status, [...statuses])))
    .orderBy(asc(evaluations.id));
}

export async function insertSpotCheck(
  tx: Db,
  { check, evaluationIds }: { check: typeof spotChecks.$inferInsert; evaluationIds: number[] },
): Promise<number> {
  const [row] = await tx.insert(spotChecks).values(check).returning({ id: spotChecks.id });
  if (evaluationIds.length > 0)
    await tx
      .insert(spotCheckItems)
      .values(evaluationIds.map((evaluationId, position) => ({ spotCheckId: row.id, evaluationId, position })));
  return row.id;
}

/** A year's samples, newest first, with how many each drew. */
export function listSpotChecks(db: Db, { year }: { year: number }) {
  return db
    .select({
      id: spotChecks.id,
      seed: spotChecks.seed,
      mode: spotChecks.mode,
      amount: spotChecks.amount,
      stratified: spotChecks.stratified,
      weighted: spotChecks.weighted,
      population: spotChecks.population,
      createdAt: spotChecks.createdAt,
      drawn: count(spotCheckItems.evaluationId),
    })
    .from(spotChecks)
    .leftJoin(spotCheckItems, eq(spotCheckItems.spotCheckId, spotChecks.id))
    .where(eq(spotChecks.year, year))
    .groupBy(
      spotChecks.id,
      spotChecks.seed,
      spotChecks.mode,
      spotChecks.amount,
      spotChecks.stratified,
      spotChecks.weighted,
      spotChecks.population,
      spotChecks.createdAt,
    )
    .orderBy(desc(spotChecks.createdAt), desc(spotChecks.id));
}

/** The evaluations of one sample in draw order, as its list and its CSV show them. */
export function spotCheckRows(db: Db, { spotCheckId }: { spotCheckId: number }) {
  return db
    .select({
      position: spotCheckItems.position,
      budgetFen: projects.budgetTotalFen,
      selfScore: evaluations.selfScore,
      finalScore: evaluations.finalScore,
      ...EVALUATION_ROW,
    })
    .from(spotCheckItems)
    .innerJoin(evaluations, eq(evaluations.id, spotCheckItems.evaluationId))
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .where(eq(spotCheckItems.spotCheckId, spotCheckId))
    .orderBy(asc(spotCheckItems.position));
}

/** Where an evaluation is in some 抽查 sample (the lists' 抽查 filter and mark). */
export const spotCheckedCondition = () =>
  exists(sql`(select 1 from ${spotCheckItems} where ${spotCheckItems.evaluationId} = ${evaluations.id})`);

export function findSpotCheck(db: Db, { id }: { id: number }) {
  return firstRow(db.select().from(spotChecks).where(eq(spotChecks.id, id)).limit(1));
}
