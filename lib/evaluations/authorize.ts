import type { Db } from '@/db';
import { loadEvaluationBundle, type EvaluationBundle } from '@/db/queries/evaluations';
import type { EvaluationStatus } from '@/db/schema';
import { canViewProject, type SessionUser } from '@/lib/auth/scope';
import { fail, type ActionState } from '@/lib/operations';
import { decide, type EvaluationScope, type WorkflowAction } from '@/lib/workflow/state-machine';

export const CONFLICT_MESSAGE =
  '保存失败：该自评已被他人修改。您的输入仍保留在页面上，请先复制需要保留的内容，再刷新页面查看最新版本。';

type Authorized = { ok: true; bundle: EvaluationBundle; to: EvaluationStatus };

/** What the workflow table decides on: the evaluation's status, its project's scope and its year's state. */
export function workflowScope(bundle: Pick<EvaluationBundle, 'evaluation' | 'project' | 'year'>): EvaluationScope {
  return {
    status: bundle.evaluation.status,
    ownerId: bundle.project.ownerId,
    departmentId: bundle.project.departmentId,
    year: bundle.project.year,
    yearStatus: bundle.year.status,
  };
}

/**
 * The checks every evaluation operation repeats on the server: it exists, it is in the user's
 * scope, the workflow allows this action by this role now, and nobody saved since the user loaded it.
 */
export function authorizeEvaluation(
  db: Db,
  user: SessionUser,
  args: { evaluationId: number; action: WorkflowAction; version: number },
): Authorized | Extract<ActionState<never>, { ok: false }> {
  const bundle = loadEvaluationBundle(db, { evaluationId: args.evaluationId });
  if (!bundle) return fail('not_found', '找不到该自评');
  if (!canViewProject(user, bundle.project)) return fail('forbidden', '您无权操作该项目的自评');
  const decision = decide(user, workflowScope(bundle), args.action);
  if (!decision.allowed) return fail(decision.code, decision.reason);
  if (bundle.evaluation.version !== args.version) return fail('conflict', CONFLICT_MESSAGE);
  return { ok: true, bundle, to: decision.to };
}
