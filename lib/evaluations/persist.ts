import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { auditLog, evaluations, indicatorResults } from '@/db/schema';
import type { EvaluationResult } from '@/lib/scoring';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Claims the next version; false when someone saved since `expected` (the optimistic lock). */
export function claimVersion(tx: Tx, { evaluationId, expected, userId }: { evaluationId: number; expected: number; userId: number }): boolean {
  const result = tx
    .update(evaluations)
    .set({ version: sql`${evaluations.version} + 1`, updatedAt: new Date(), updatedById: userId })
    .where(and(eq(evaluations.id, evaluationId), eq(evaluations.version, expected)))
    .run();
  return result.changes === 1;
}

/** Caches the engine's numbers beside the data, for lists, the API and exports. */
export function storeScores(tx: Tx, { evaluationId, indicatorIds, result }: { evaluationId: number; indicatorIds: number[]; result: EvaluationResult }) {
  result.indicators.forEach((scored, i) => {
    const values = { points: scored.points, rate: scored.rate, computedScore: scored.computedScore, finalScore: scored.finalScore };
    tx.insert(indicatorResults)
      .values({ evaluationId, indicatorId: indicatorIds[i], ...values })
      .onConflictDoUpdate({ target: [indicatorResults.evaluationId, indicatorResults.indicatorId], set: values })
      .run();
  });
  tx.update(evaluations)
    .set({ selfScore: result.selfTotal, finalScore: result.finalTotal, selfGrade: result.selfGrade, finalGrade: result.finalGrade })
    .where(eq(evaluations.id, evaluationId))
    .run();
}

export interface AuditChange {
  entityType: string;
  entityId: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Collects old → new pairs, skipping the unchanged ones. */
export class ChangeSet {
  readonly changes: AuditChange[] = [];

  compare(entityType: string, entityId: number | null, field: string, oldValue: string | null | undefined, newValue: string | null | undefined) {
    const before = oldValue ?? '';
    const after = newValue ?? '';
    if (before !== after) this.changes.push({ entityType, entityId, field, oldValue: before || null, newValue: after || null });
  }
}

export function writeAudit(tx: Tx, { actorId, evaluationId, action, changes }: { actorId: number; evaluationId: number; action: string; changes: AuditChange[] }) {
  if (changes.length === 0) return;
  tx.insert(auditLog)
    .values(changes.map((c) => ({ ...c, actorId, evaluationId, action })))
    .run();
}
