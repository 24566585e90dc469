import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { evaluations, reviewActions, users } from '../schema';
import type { Db } from '../sqlite';

/** Who returned an evaluation to its owner, when, and why. */
export interface ReturnNote {
  actor: string;
  at: Date;
  comment: string;
}

/** Who sent each of these evaluations back to its owner, when, and why: the latest step into 已退回. */
export async function lastReturns(db: Db, { evaluationIds }: { evaluationIds: number[] }) {
  const returns = new Map<number, ReturnNote>();
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

/** The return notes of those rows (of a list page, of an export's batch) that stand at 已退回, by evaluation id. */
export function returnNotesOf(db: Db, { rows }: { rows: Array<{ id: number; status: string | null }> }) {
  return lastReturns(db, { evaluationIds: rows.flatMap((r) => (r.status === 'returned' ? [r.id] : [])) });
}

/** The current version and status of some evaluations (what a refused write answers with). */
export async function evaluationVersions(db: Db, { evaluationIds }: { evaluationIds: number[] }) {
  if (evaluationIds.length === 0) return new Map<number, { version: number; status: string }>();
  const rows = await db
    .select({ id: evaluations.id, version: evaluations.version, status: evaluations.status })
    .from(evaluations)
    .where(inArray(evaluations.id, evaluationIds));
  return new Map(rows.map(({ id, ...row }) => [id, row]));
}
