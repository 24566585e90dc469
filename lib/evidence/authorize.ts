import 'server-only';
import { transaction, type Db } from '@/db';
import { findAttachment, lockEvaluationScope, type AttachmentRow } from '@/db/queries/attachments';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { fail, type ActionState, type Failure } from '@/lib/action-state';
import type { SessionUser } from '@/lib/auth/scope';
import { loadEvaluationInScope, workflowScope } from '@/lib/evaluations/authorize';
import { decide, type WorkflowAction } from '@/lib/workflow/state-machine';

/**
 * The checks of every change to an evaluation's evidence: in the user's scope, and allowed by the workflow table
 * now; then, once the file is stored, the same decision again inside the transaction that writes the row.
 */
export function allowedNow(
  user: SessionUser,
  bundle: EvaluationBundle,
  action: WorkflowAction,
): { ok: true } | Failure {
  const decision = decide(user, workflowScope(bundle), action);
  return decision.allowed ? { ok: true } : fail(decision.code, decision.reason);
}

/** An attachment an id names (a path segment or a number), when it exists and its evaluation is in the user's scope. */
export async function loadAttachmentInScope(
  db: Db,
  user: SessionUser,
  id: unknown,
): Promise<{ ok: true; attachment: AttachmentRow; bundle: EvaluationBundle } | Failure> {
  const attachmentId = Number(id);
  const attachment =
    Number.isInteger(attachmentId) && attachmentId > 0 ? await findAttachment(db, { id: attachmentId }) : undefined;
  if (!attachment) return fail('not_found', '找不到该佐证材料');
  const found = await loadEvaluationInScope(db, user, attachment.evaluationId);
  return found.ok ? { ok: true, attachment, bundle: found.bundle } : found;
}

/**
 * One transaction that locks the evaluation, decides the action again on what is committed now (a submission, a
 * return or a change of owner may have happened since the first check), then does the work.
 */
export function evidenceTransaction<T>(
  db: Db,
  { user, evaluationId, action }: { user: SessionUser; evaluationId: number; action: WorkflowAction },
  work: (tx: Db) => Promise<ActionState<T>>,
): Promise<ActionState<T>> {
  return transaction(db, async (tx) => {
    const scope = await lockEvaluationScope(tx, { evaluationId });
    if (!scope) return fail('not_found', '找不到该自评');
    const decision = decide(user, scope, action);
    if (!decision.allowed) return fail(decision.code, decision.reason);
    return work(tx);
  });
}
