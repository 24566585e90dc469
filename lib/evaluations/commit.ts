import 'server-only';
import { transaction, type Db } from '@/db';
import { insertAuditEntries, type AuditChange } from '@/db/queries/audit';
import {
  claimEvaluationVersion,
  insertReviewAction,
  writeEvaluation,
  type EvaluationBundle,
  type EvaluationColumns,
  type ResultColumns,
} from '@/db/queries/evaluations';
import type { AuditAction, EvaluationStatus, ReviewActionKind } from '@/db/schema';
import { fail, type Failure } from '@/lib/action-state';
import type { SessionUser } from '@/lib/auth/scope';
import type { EvaluationResult } from '@/lib/scoring';
import { CONFLICT_MESSAGE } from './authorize';

/** The engine's numbers as cached beside the data, for lists, the API and exports. */
export function cachedScores(bundle: Pick<EvaluationBundle, 'indicators'>, result: EvaluationResult) {
  return {
    evaluation: {
      selfScore: result.selfTotal,
      finalScore: result.finalTotal,
      selfGrade: result.selfGrade,
      finalGrade: result.finalGrade,
    },
    results: bundle.indicators.map((ind, i) => {
      const { points, rate, computedScore, finalScore } = result.indicators[i];
      return { indicatorId: ind.id, points, rate, computedScore, finalScore };
    }),
  };
}

interface EvaluationCommit {
  bundle: EvaluationBundle;
  user: SessionUser;
  /** The version the user started from: the optimistic lock. */
  version: number;
  /** The operation's own columns of the evaluation (status, budget, the budget line's review…). */
  evaluation?: EvaluationColumns;
  /** The operation's own columns of each indicator's result, in the bundle's indicator order. */
  results?: ResultColumns[];
  /** A workflow step, for the 流转记录. */
  step?: { action: ReviewActionKind; to: EvaluationStatus; comment: string };
  audit: Array<{ action: AuditAction; changes: AuditChange[] }>;
  /** The engine's result for what is stored once this is written. */
  result: EvaluationResult;
}

/**
 * The one write path of an evaluation: claims the next version (or fails with the conflict when
 * someone saved since the user loaded it), writes the operation's columns with the engine's
 * numbers, the workflow step and the audit entries, all in one transaction.
 */
export async function commitEvaluation(
  db: Db,
  commit: EvaluationCommit,
): Promise<{ ok: true; version: number } | Failure> {
  const { bundle, user } = commit;
  const evaluationId = bundle.evaluation.id;
  const scores = cachedScores(bundle, commit.result);
  const written = await transaction(db, async (tx) => {
    if (!(await claimEvaluationVersion(tx, { evaluationId, expected: commit.version, userId: user.id }))) return false;
    await writeEvaluation(tx, {
      evaluationId,
      evaluation: { ...commit.evaluation, ...scores.evaluation },
      results: scores.results.map((scored, i) => ({ ...commit.results?.[i], ...scored })),
    });
    if (commit.step) {
      const { action, to, comment } = commit.step;
      await insertReviewAction(tx, {
        evaluationId,
        actorId: user.id,
        action,
        fromStatus: bundle.evaluation.status,
        toStatus: to,
        comment,
      });
    }
    for (const { action, changes } of commit.audit)
      await insertAuditEntries(tx, { actorId: user.id, evaluationId, action, changes });
    return true;
  });
  return written ? { ok: true, version: commit.version + 1 } : fail('conflict', CONFLICT_MESSAGE);
}
