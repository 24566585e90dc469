import 'server-only';
import type { Db } from '@/db';
import { loadEvaluationBundle, type EvaluationBundle } from '@/db/queries/evaluations';
import type { EvaluationStatus } from '@/db/schema';
import { fail, type ActionState, type Failure } from '@/lib/action-state';
import { canViewProject, type SessionUser } from '@/lib/auth/scope';
import { defineOperation, type OperationContext } from '@/lib/operations';
import { decide, rolesFor, type EvaluationScope, type WorkflowAction } from '@/lib/workflow/state-machine';
import { commitEvaluation, CONFLICT_MESSAGE, type EvaluationCommit } from './commit';
import { sheetOf } from './sheet';
import type { Sheet } from './engine-input';
import type { z } from 'zod';

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
 * The evaluation an id names (a path segment or a number), when it exists and is in the user's
 * scope: shared by the pages (404 / 403 page), the API (404 / 403) and the operations.
 */
export async function loadEvaluationInScope(
  db: Db,
  user: SessionUser,
  id: unknown,
): Promise<{ ok: true; bundle: EvaluationBundle } | Failure> {
  const evaluationId = Number(id);
  const bundle =
    Number.isInteger(evaluationId) && evaluationId > 0 ? await loadEvaluationBundle(db, { evaluationId }) : null;
  if (!bundle) return fail('not_found', '找不到该自评');
  if (!canViewProject(user, bundle.project)) return fail('forbidden', '您无权查看或操作该项目的自评');
  return { ok: true, bundle };
}

/**
 * The checks every evaluation operation repeats on the server: it exists, it is in the user's
 * scope, the workflow allows this action by this role now, and nobody saved since the user loaded it.
 */
export async function authorizeEvaluation(
  db: Db,
  user: SessionUser,
  args: { evaluationId: number; action: WorkflowAction; version: number },
): Promise<{ ok: true; bundle: EvaluationBundle; to: EvaluationStatus } | Failure> {
  const found = await loadEvaluationInScope(db, user, args.evaluationId);
  if (!found.ok) return found;
  const decision = decide(user, workflowScope(found.bundle), args.action);
  if (!decision.allowed) return fail(decision.code, decision.reason);
  if (found.bundle.evaluation.version !== args.version) return fail('conflict', CONFLICT_MESSAGE);
  return { ok: true, bundle: found.bundle, to: decision.to };
}

type EvaluationInput = { evaluationId: number; version: number };
type Commit = <D extends object>(
  change: Omit<EvaluationCommit<D>, 'action' | 'bundle' | 'user' | 'version'>,
) => Promise<ActionState<D & { version: number }>>;

/**
 * An operation on one evaluation, named by its workflow action: its roles come from the workflow
 * table, and `run` is reached only once authorizeEvaluation has passed, with the evaluation loaded,
 * its sheet, the status it moves to, and `commit`: commitEvaluation for this action, evaluation,
 * user and version.
 */
export function defineEvaluationOperation<S extends z.ZodType<EvaluationInput>, T>(op: {
  action: WorkflowAction;
  schema: S;
  run(
    input: z.output<S>,
    ctx: OperationContext & { bundle: EvaluationBundle; sheet: Sheet; to: EvaluationStatus; commit: Commit },
  ): Promise<ActionState<T>>;
}) {
  return defineOperation({
    name: op.action,
    schema: op.schema,
    roles: rolesFor(op.action),
    async run(input, ctx) {
      const auth = await authorizeEvaluation(ctx.db, ctx.user, {
        evaluationId: input.evaluationId,
        action: op.action,
        version: input.version,
      });
      if (!auth.ok) return auth;
      const { bundle, to } = auth;
      const commit: Commit = (change) =>
        commitEvaluation(ctx.db, { ...change, action: op.action, bundle, user: ctx.user, version: input.version });
      return op.run(input, { ...ctx, bundle, sheet: sheetOf(bundle), to, commit });
    },
  });
}
