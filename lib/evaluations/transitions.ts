import 'server-only';
import type { Db } from '@/db';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { ReviewActionKind } from '@/db/schema';
import type { EvaluationStatus } from '@/db/schema';
import { ChangeSet, type AuditChange } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/scope';
import { evidenceRows, findRow, parseRowKey, type LabelledRow } from '@/lib/evidence/rows';
import { fail, runOperation, type Operation } from '@/lib/operations';
import { STATUS_LABELS } from '@/lib/roles';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { defineEvaluationOperation } from './authorize';
import { describeScore } from './engine-input';
import {
  finalizeSchema,
  reasonedTransitionSchema,
  returnSchema,
  transitionSchema,
  type ReviewLines,
} from './form-schema';
import { applyReview } from './review';
import { scoreStored, sheetOf, storedBudget, storedEntries } from './sheet';
import { submissionProblemList } from './submission-problems';
import type { z } from 'zod';

/** What still stands between a draft and its submission, each named by its row (the form shows the same list). */
export function submissionProblems(
  bundle: EvaluationBundle,
): { message: string; fieldErrors: Record<string, string> } | null {
  const { input, result } = scoreStored(bundle);
  const problems = submissionProblemList({
    sheet: sheetOf(bundle),
    input,
    result,
    goalActual: bundle.evaluation.goalActual,
  });
  if (problems.length === 0) return null;
  const fieldErrors: Record<string, string> = {};
  for (const p of problems) if (p.field !== '_') fieldErrors[p.field] = p.fieldMessage;
  const lines = problems.map((p) => p.message);
  return { message: `还不能提交，请补充以下 ${lines.length} 处：\n${lines.join('\n')}`, fieldErrors };
}

type StepAction = Extract<
  ReviewActionKind,
  'submit' | 'withdraw' | 'approve' | 'return' | 'finalize' | 'reopen' | 'reassess'
>;

/** A workflow step: the status moves on, with the comment in the 流转记录 and the audit log. */
type StepInput = {
  evaluationId: number;
  version: number;
  comment: string;
  review?: ReviewLines;
  /** 退回 only: the rows flagged 缺佐证 (lib/evidence/rows keys). */
  missingEvidence?: string[];
};

function transitionOperation<S extends z.ZodType<StepInput>>(action: StepAction, schema: S) {
  return defineEvaluationOperation({
    action,
    schema,
    async run(input, { bundle, sheet, to, commit }) {
      if (action === 'submit') {
        const problems = submissionProblems(bundle);
        if (problems) return fail('invalid', problems.message, problems.fieldErrors);
      }
      // 定稿 takes the reviewed scores still on the page: written with the step, in one commit.
      const lines = (input as StepInput).review;
      const review = lines ? applyReview(bundle, sheet, lines) : null;
      if (review && !review.ok) return fail('invalid', review.message, review.fieldErrors);
      const from = bundle.evaluation.status;
      const now = new Date();
      // Reviewed scores judged the evaluation as it was; one sent back to its owner will change.
      const clearReview = to === 'returned';
      const { comment: rawComment, missingEvidence } = input as StepInput;
      const comment = rawComment.trim();
      const flagged = missingEvidence ? flaggedRows(bundle, missingEvidence) : [];
      if (flagged === null) return fail('invalid', '标记缺佐证的行不属于该自评，请刷新页面后重试');
      return commit({
        data: { status: to },
        evaluation: {
          status: to,
          ...(action === 'submit' ? { submittedAt: now } : action === 'withdraw' ? { submittedAt: null } : {}),
          ...(action === 'finalize' ? { finalizedAt: now } : from === 'finalized' ? { finalizedAt: null } : {}),
          ...(clearReview ? { budgetReviewedScore: null, budgetReviewedReason: null } : {}),
          ...review?.evaluation,
        },
        results: clearReview
          ? bundle.indicators.map(() => ({ reviewedScore: null, reviewedReason: null }))
          : (review?.results ?? []),
        step: { action, to, comment, missingEvidence: flagged },
        audit: [
          { action: 'review', changes: review?.changes ?? [] },
          { action: 'review_cleared', changes: clearReview ? clearedReviews(bundle) : [] },
          {
            action: 'transition',
            changes: [
              {
                entityType: 'evaluation',
                entityId: bundle.evaluation.id,
                field: comment ? `状态（${WORKFLOW_ACTIONS[action].verb}，意见：${comment}）` : '状态',
                oldValue: STATUS_LABELS[from],
                newValue: STATUS_LABELS[to],
              },
              ...(flagged.length > 0
                ? [
                    {
                      entityType: 'evaluation' as const,
                      entityId: bundle.evaluation.id,
                      field: '退回时标记缺佐证',
                      oldValue: null,
                      newValue: flagged.map((row) => row.label).join('、'),
                    },
                  ]
                : []),
            ],
          },
        ],
        result: review?.result ?? scoreStored(bundle, { withoutReview: clearReview }).result,
      });
    },
  });
}

/** The rows a return flags 缺佐证, each once, in the form's order; null when a key names no row of this evaluation. */
function flaggedRows(bundle: EvaluationBundle, keys: string[]): LabelledRow[] | null {
  const rows = evidenceRows(bundle.indicators);
  const wanted = new Set<string>();
  for (const key of keys) {
    const row = parseRowKey(key);
    if (!row || !findRow(rows, row)) return null;
    wanted.add(key);
  }
  return rows.filter((row) => wanted.has(row.key));
}

/** Audit entries for every reviewed score a return clears. */
function clearedReviews(bundle: EvaluationBundle): AuditChange[] {
  const changes = new ChangeSet();
  const entries = storedEntries(bundle);
  bundle.indicators.forEach((ind, i) => {
    const field = `第${i + 1}行“${ind.name}” 复核得分（退回时清除）`;
    changes.compare('indicator_result', ind.id, field, describeScore(entries[i].reviewed), '');
  });
  const budget = describeScore(storedBudget(bundle).reviewed);
  changes.compare('evaluation', bundle.evaluation.id, '预算执行率 复核得分（退回时清除）', budget, '');
  return changes.changes;
}

export const submitOperation = transitionOperation('submit', transitionSchema);
export const withdrawOperation = transitionOperation('withdraw', transitionSchema);
export const approveOperation = transitionOperation('approve', transitionSchema);
export const returnOperation = transitionOperation('return', returnSchema);
export const finalizeOperation = transitionOperation('finalize', finalizeSchema);
export const reopenOperation = transitionOperation(
  'reopen',
  reasonedTransitionSchema(WORKFLOW_ACTIONS.reopen.needsComment!),
);
export const reassessOperation = transitionOperation(
  'reassess',
  reasonedTransitionSchema(WORKFLOW_ACTIONS.reassess.needsComment!),
);

/** The operation of each workflow step, by its action: the batch and the write API take a step by name. */
export const TRANSITION_OPERATIONS = {
  submit: submitOperation,
  withdraw: withdrawOperation,
  approve: approveOperation,
  return: returnOperation,
  finalize: finalizeOperation,
  reopen: reopenOperation,
  reassess: reassessOperation,
} as const;

export type TransitionAction = keyof typeof TRANSITION_OPERATIONS;

/** A step taken by its name (the batch and the write API), through its own operation and the one gate. */
export function runTransition(
  db: Db,
  user: SessionUser | null,
  action: TransitionAction,
  input: { evaluationId: number; version: number; comment: string },
) {
  const op = TRANSITION_OPERATIONS[action] as Operation<z.ZodType, { status: EvaluationStatus; version: number }>;
  return runOperation(op, user, input, db);
}
