import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { evaluations, indicatorResults, reviewActions, type ReviewActionKind } from '@/db/schema';
import { writeAudit, type AuditChange } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/scope';
import { defineOperation, fail, ok, type ActionState } from '@/lib/operations';
import { STATUS_LABELS } from '@/lib/roles';
import { missingExplanations } from '@/lib/scoring';
import { rolesFor, WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { authorizeEvaluation, CONFLICT_MESSAGE } from './authorize';
import { returnSchema, transitionSchema } from './form-schema';
import { claimVersion, storeScores } from './persist';
import { scoreStored, sheetOf } from './sheet';

type TransitionInput = { evaluationId: number; version: number; comment: string };

/** What still stands between a draft and its submission, each named by its row. */
export function submissionProblems(
  bundle: EvaluationBundle,
): { message: string; fieldErrors: Record<string, string> } | null {
  const { input, result } = scoreStored(bundle);
  const sheet = sheetOf(bundle);
  const fieldErrors: Record<string, string> = {};
  const lines: string[] = [];
  result.indicators.forEach((scored, i) => {
    if (!scored.missingActual) return;
    const kind = sheet.indicators[i].target.kind;
    fieldErrors[`indicators.${i}.${kind === 'qualitative' ? 'tier' : kind === 'compound' ? 'parts.0' : 'value'}`] =
      '请填写实际完成值';
    lines.push(`第${i + 1}行“${scored.name}”：未填写实际完成值`);
  });
  if (result.budget.missingExecuted) {
    fieldErrors.budgetExecuted = '请填写全年执行数';
    lines.push('预算执行：未填写全年执行数');
  }
  for (const missing of missingExplanations(input, result)) {
    fieldErrors[missing.line === 'budget' ? 'budgetExplanation' : `indicators.${missing.index}.explanation`] =
      `须填写：${missing.reasons.join('；')}`;
    lines.push(missing.message);
  }
  for (const error of result.errors) lines.push(error.message);
  if (bundle.evaluation.goalActual.trim() === '') {
    fieldErrors.goalActual = '请填写年度总体目标的实际完成情况';
    lines.push('年度总体目标：未填写实际完成情况');
  }
  if (lines.length === 0) return null;
  return { message: `还不能提交，请补充以下 ${lines.length} 处：\n${lines.join('\n')}`, fieldErrors };
}

function transition(
  db: Db,
  user: SessionUser,
  input: TransitionInput,
  action: Exclude<ReviewActionKind, never>,
): ActionState<{ version: number }> {
  const auth = authorizeEvaluation(db, user, { evaluationId: input.evaluationId, action, version: input.version });
  if (!auth.ok) return auth;
  const { bundle, to } = auth;
  if (action === 'submit') {
    const problems = submissionProblems(bundle);
    if (problems) return fail('invalid', problems.message, problems.fieldErrors);
  }
  const from = bundle.evaluation.status;
  // Reviewed scores judged the evaluation as it was; one sent back to its owner will change.
  const clearReview = action === 'return';
  const { result } = scoreStored(bundle, { withoutReview: clearReview });
  const cleared = clearReview ? clearedReviews(bundle) : [];
  const now = new Date();
  const done = db.transaction((tx) => {
    if (!claimVersion(tx, { evaluationId: bundle.evaluation.id, expected: input.version, userId: user.id }))
      return false;
    tx.update(evaluations)
      .set({
        status: to,
        ...(action === 'submit' ? { submittedAt: now } : {}),
        ...(action === 'finalize' ? { finalizedAt: now } : {}),
      })
      .where(eq(evaluations.id, bundle.evaluation.id))
      .run();
    tx.insert(reviewActions)
      .values({
        evaluationId: bundle.evaluation.id,
        actorId: user.id,
        action,
        fromStatus: from,
        toStatus: to,
        comment: input.comment.trim(),
      })
      .run();
    if (cleared.length > 0) {
      tx.update(indicatorResults)
        .set({ reviewedScore: null, reviewedReason: null })
        .where(eq(indicatorResults.evaluationId, bundle.evaluation.id))
        .run();
      tx.update(evaluations)
        .set({ budgetReviewedScore: null, budgetReviewedReason: null })
        .where(eq(evaluations.id, bundle.evaluation.id))
        .run();
      writeAudit(tx, {
        actorId: user.id,
        evaluationId: bundle.evaluation.id,
        action: 'review_cleared',
        changes: cleared,
      });
    }
    storeScores(tx, { evaluationId: bundle.evaluation.id, indicatorIds: bundle.indicators.map((i) => i.id), result });
    const comment = input.comment.trim();
    writeAudit(tx, {
      actorId: user.id,
      evaluationId: bundle.evaluation.id,
      action: 'transition',
      changes: [
        {
          entityType: 'evaluation',
          entityId: bundle.evaluation.id,
          field: comment ? `状态（意见：${comment}）` : '状态',
          oldValue: STATUS_LABELS[from],
          newValue: STATUS_LABELS[to],
        },
      ],
    });
    return true;
  });
  if (!done) return fail('conflict', CONFLICT_MESSAGE);
  return ok({ version: input.version + 1 }, `已${WORKFLOW_ACTIONS[action].done}`);
}

/** Audit entries for every reviewed score a return clears. */
function clearedReviews(bundle: EvaluationBundle): AuditChange[] {
  const text = (score: string | null, reason: string | null) => (score === null ? null : `${score}（${reason ?? ''}）`);
  const changes: AuditChange[] = bundle.indicators.flatMap((ind, i) => {
    const r = bundle.results.get(ind.id);
    const old = r ? text(r.reviewedScore, r.reviewedReason) : null;
    return old
      ? [
          {
            entityType: 'indicator_result',
            entityId: ind.id,
            field: `第${i + 1}行“${ind.name}” 复核得分（退回时清除）`,
            oldValue: old,
            newValue: null,
          },
        ]
      : [];
  });
  const budget = text(bundle.evaluation.budgetReviewedScore, bundle.evaluation.budgetReviewedReason);
  if (budget)
    changes.push({
      entityType: 'evaluation',
      entityId: bundle.evaluation.id,
      field: '预算执行率 复核得分（退回时清除）',
      oldValue: budget,
      newValue: null,
    });
  return changes;
}

export const submitOperation = defineOperation({
  name: 'submit',
  schema: transitionSchema,
  roles: rolesFor('submit'),
  run: (input, { user, db }) => transition(db, user, input, 'submit'),
});

export const approveOperation = defineOperation({
  name: 'approve',
  schema: transitionSchema,
  roles: rolesFor('approve'),
  run: (input, { user, db }) => transition(db, user, input, 'approve'),
});

export const returnOperation = defineOperation({
  name: 'return',
  schema: returnSchema,
  roles: rolesFor('return'),
  run: (input, { user, db }) => transition(db, user, input, 'return'),
});

export const finalizeOperation = defineOperation({
  name: 'finalize',
  schema: transitionSchema,
  roles: rolesFor('finalize'),
  run: (input, { user, db }) => transition(db, user, input, 'finalize'),
});
