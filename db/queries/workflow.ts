import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { reviewActions, users } from '../schema';
import type { Db } from '../sqlite';

/** Who sent each of these evaluations back to its owner, when, and why: the latest step into 已退回. */
export async function lastReturns(db: Db, { evaluationIds }: { evaluationIds: number[] }) {
  const returns = new Map<number, { actor: string; at: Date; comment: string }>();
  if (evaluationIds.length === 0) return returns;
  const rows = await db
    .select({
      evaluationId: reviewActions.evaluationId,
      actor: users.displayName,
      at: reviewActions.createdAt,
      comment: reviewActions.comment,
    })
    .from(reviewActions)
    .innerJoin(users, eq(users.id, reviewActions.actorId))
    .where(and(inArray(reviewActions.evaluationId, evaluationIds), eq(reviewActions.toStatus, 'returned')))
    .orderBy(desc(reviewActions.createdAt), desc(reviewActions.id));
  for (const { evaluationId, ...row } of rows) if (!returns.has(evaluationId)) returns.set(evaluationId, row);
  return returns;
}
