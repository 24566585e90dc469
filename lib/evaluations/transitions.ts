import 'server-only';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { ReviewActionKind } from '@/db/schema';
import { ChangeSet, type AuditChange } from '@/lib/audit';
import { evidenceRows, findRow, parseRowKey, type LabelledRow } from '@/lib/evidence/rows';
import { fail } from '@/lib/operations';
import { STATUS_LABELS } from '@/lib/roles';
import { missingExplanations } from '@/lib/scoring';
import { defineEvaluationOperation } from './authorize';
import { describeScore } from './engine-input';
import { returnSchema, transitionSchema } from './form-schema';
import { scoreStored, sheetOf, storedBudget, storedEntries } from './sheet';

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

/** A workflow step: the status moves on, with the comment in the 流转记录 and the audit log. */
function transitionOperation(action: ReviewActionKind, schema: typeof transitionSchema | typeof returnSchema) {
  return defineEvaluationOperation({
    action,
    schema,
    async run(input, { bundle, to, commit }) {
      if (action === 'submit') {
        const problems = submissionProblems(bundle);
        if (problems) return fail('invalid', problems.message, problems.fieldErrors);
      }
      const from = bundle.evaluation.status;
      const now = new Date();
      // Reviewed scores judged the evaluation as it was; one sent back to its owner will change.
      const clearReview = action === 'return';
      const comment = input.comment.trim();
      const flagged = 'missingEvidence' in input ? flaggedRows(bundle, input.missingEvidence) : [];
      if (flagged === null) return fail('invalid', '标记缺佐证的行不属于该自评，请刷新页面后重试');
      return commit({
        data: {},
        evaluation: {
          status: to,
          ...(action === 'submit' ? { submittedAt: now } : {}),
          ...(action === 'finalize' ? { finalizedAt: now } : {}),
          ...(clearReview ? { budgetReviewedScore: null, budgetReviewedReason: null } : {}),
        },
        results: clearReview ? bundle.indicators.map(() => ({ reviewedScore: null, reviewedReason: null })) : [],
        step: { action, to, comment, missingEvidence: flagged },
        audit: [
          { action: 'review_cleared', changes: clearReview ? clearedReviews(bundle) : [] },
          {
            action: 'transition',
            changes: [
              {
                entityType: 'evaluation',
                entityId: bundle.evaluation.id,
                field: comment ? `状态（意见：${comment}）` : '状态',
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
        result: scoreStored(bundle, { withoutReview: clearReview }).result,
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
export const approveOperation = transitionOperation('approve', transitionSchema);
export const returnOperation = transitionOperation('return', returnSchema);
export const finalizeOperation = transitionOperation('finalize', transitionSchema);
