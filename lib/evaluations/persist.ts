import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { evaluations, indicatorResults } from '@/db/schema';
import type { EvaluationResult } from '@/lib/scoring';

type NewIndicatorResult = typeof indicatorResults.$inferInsert;

/** Claims the next version; false when someone saved since `expected` (the optimistic lock). */
export function claimVersion(
  tx: Tx,
  { evaluationId, expected, userId }: { evaluationId: number; expected: number; userId: number },
): boolean {
  const result = tx
    .update(evaluations)
    .set({ version: sql`${evaluations.version} + 1`, updatedAt: new Date(), updatedById: userId })
    .where(and(eq(evaluations.id, evaluationId), eq(evaluations.version, expected)))
    .run();
  return result.changes === 1;
}

/** Writes some columns of one indicator's result, creating the row the first time. */
export function upsertResult(
  tx: Tx,
  key: { evaluationId: number; indicatorId: number },
  values: Partial<Omit<NewIndicatorResult, 'id' | 'evaluationId' | 'indicatorId'>>,
) {
  tx.insert(indicatorResults)
    .values({ ...key, ...values })
    .onConflictDoUpdate({ target: [indicatorResults.evaluationId, indicatorResults.indicatorId], set: values })
    .run();
}

/** Caches the engine's numbers beside the data, for lists, the API and exports. */
export function storeScores(
  tx: Tx,
  { evaluationId, indicatorIds, result }: { evaluationId: number; indicatorIds: number[]; result: EvaluationResult },
) {
  result.indicators.forEach((scored, i) => {
    upsertResult(
      tx,
      { evaluationId, indicatorId: indicatorIds[i] },
      { points: scored.points, rate: scored.rate, computedScore: scored.computedScore, finalScore: scored.finalScore },
    );
  });
  tx.update(evaluations)
    .set({
      selfScore: result.selfTotal,
      finalScore: result.finalTotal,
      selfGrade: result.selfGrade,
      finalGrade: result.finalGrade,
    })
    .where(eq(evaluations.id, evaluationId))
    .run();
}
