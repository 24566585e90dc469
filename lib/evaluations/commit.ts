import 'server-only';
import { transaction, type Db } from '@/db';
import { insertEvidenceFlags, type FlaggedRow } from '@/db/queries/attachments';
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
import { fail, ok, type ActionState } from '@/lib/action-state';
import type { SessionUser } from '@/lib/auth/scope';
import { explanationTextsOf, refreshFlags } from '@/lib/flags/stored';
import { scheduleMailDispatch } from '@/lib/notifications/mail';
import { notifyStep } from '@/lib/notifications/notify';
import type { EvaluationResult } from '@/lib/scoring';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '@/lib/workflow/state-machine';
import { keepSnapshotInStep } from './frozen';
import { cachedScores, schemeOfYear } from './sheet';

export const CONFLICT_MESSAGE =
  '保存失败：该自评已被他人修改。您的输入仍保留在页面上，请先复制需要保留的内容，再刷新页面查看最新版本。';

export interface EvaluationCommit<D> {
  /** What was done, for the answer (已保存草稿, 已提交…). */
  action: WorkflowAction;
  /** More of the answer beside the new version. */
  data: D;
  bundle: EvaluationBundle;
  user: SessionUser;
  /** The version the user started from: the optimistic lock. */
  version: number;
  /** The operation's own columns of the evaluation (status, budget, the budget line's review…). */
  evaluation?: EvaluationColumns;
  /** The operation's own columns of each indicator's result, in the bundle's indicator order. */
  results?: ResultColumns[];
  /** A workflow step, for the 流转记录; a return may flag rows as 缺佐证 with it. */
  step?: { action: ReviewActionKind; to: EvaluationStatus; comment: string; missingEvidence?: FlaggedRow[] };
  audit: Array<{ action: AuditAction; changes: AuditChange[] }>;
  /** The engine's result for what is stored once this is written. */
  result: EvaluationResult;
}

/**
 * The one write path of an evaluation: claims the next version (or fails with the conflict when
 * someone saved since the user loaded it), writes the operation's columns with the engine's
 * numbers, the workflow step, the audit entries, the notices of the step and the evaluation's stored
 * flags, all in one transaction; the notices' mail leaves after the commit.
 */
export async function commitEvaluation<D extends object>(
  db: Db,
  commit: EvaluationCommit<D>,
): Promise<ActionState<D & { version: number }>> {
  const { bundle, user } = commit;
  const evaluationId = bundle.evaluation.id;
  const scores = cachedScores(bundle, commit.result, schemeOfYear(bundle.year.scheme));
  const written = await transaction(db, async (tx) => {
    if (!(await claimEvaluationVersion(tx, { evaluationId, expected: commit.version, userId: user.id }))) return null;
    await writeEvaluation(tx, {
      evaluationId,
      evaluation: { ...commit.evaluation, ...scores.evaluation },
      results: scores.results.map((scored, i) => ({ ...commit.results?.[i], ...scored })),
      flags: scores.flags,
      // refreshFlags below computes the department's figures, with the flags it stores.
      figuresLater: true,
    });
    for (const { action, changes } of commit.audit)
      await insertAuditEntries(tx, { actorId: user.id, evaluationId, action, changes });
    await refreshFlags(tx, { evaluationId, previousTexts: explanationTextsOf(bundle) });
    if (commit.step) {
      const { action, to, comment, missingEvidence = [] } = commit.step;
      const from = bundle.evaluation.status;
      const reviewActionId = await insertReviewAction(tx, {
        evaluationId,
        actorId: user.id,
        action,
        fromStatus: from,
        toStatus: to,
        comment,
      });
      const rows = missingEvidence.map(({ target, indicatorId }) => ({ target, indicatorId }));
      await insertEvidenceFlags(tx, { reviewActionId, evaluationId, rows });
      // Last, so that a step to 定稿 freezes everything this commit wrote.
      await keepSnapshotInStep(tx, { evaluationId, from, to, result: commit.result });
    }
    let notified = 0;
    if (commit.step) {
      const { action, to, comment } = commit.step;
      notified = await notifyStep(tx, {
        bundle,
        actor: user,
        facts: {
          action,
          to,
          comment,
          project: bundle.project.name,
          actor: user.displayName,
          finalTotal: commit.result.finalTotal,
          precision: commit.result.precision,
        },
      });
    }
    return { notified };
  });
  if (!written) return fail('conflict', CONFLICT_MESSAGE);
  if (written.notified > 0) scheduleMailDispatch(db);
  return ok({ ...commit.data, version: commit.version + 1 }, `已${WORKFLOW_ACTIONS[commit.action].done}`);
}
