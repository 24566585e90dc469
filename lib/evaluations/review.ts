import { eq } from 'drizzle-orm';
import { evaluations } from '@/db/schema';
import { ChangeSet, writeAudit } from '@/lib/audit';
import { defineOperation, fail, ok } from '@/lib/operations';
import { scoreEvaluation } from '@/lib/scoring';
import { rolesFor, WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { authorizeEvaluation, CONFLICT_MESSAGE } from './authorize';
import { buildEngineInput, type BudgetValues, type EntryValues } from './engine-input';
import { reviewSchema } from './form-schema';
import { claimVersion, storeScores, upsertResult } from './persist';
import { formFieldErrors, schemeOfYear, sheetOf, storedBudget, storedEntries } from './sheet';

const reviewedOrNull = (line: { score: string; reason: string }) =>
  line.score === '' ? null : { score: line.score, reason: line.reason.trim() };

/** Finance sets (or clears) reviewed scores, 0 … points with a reason, on any indicator or the budget line. */
export const reviewScoresOperation = defineOperation({
  name: 'reviewScores',
  schema: reviewSchema,
  roles: rolesFor('review'),
  run(input, { user, db }) {
    const auth = authorizeEvaluation(db, user, {
      evaluationId: input.evaluationId,
      action: 'review',
      version: input.version,
    });
    if (!auth.ok) return auth;
    const { bundle } = auth;
    const sheet = sheetOf(bundle);
    const byId = new Map(input.indicators.map((line) => [line.indicatorId, line]));
    if ([...byId.keys()].some((id) => !sheet.indicators.some((ind) => ind.id === id))) {
      return fail('invalid', '复核的指标不属于该项目，请刷新页面后重试');
    }
    const stored = storedEntries(bundle);
    const entries: EntryValues[] = sheet.indicators.map((ind, i) => {
      const line = byId.get(ind.id);
      return line ? { ...stored[i], reviewed: reviewedOrNull(line) } : stored[i];
    });
    const budget: BudgetValues = { ...storedBudget(bundle), reviewed: reviewedOrNull(input.budget) };
    const result = scoreEvaluation(buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), entries, budget));
    const fieldErrors = formFieldErrors(result.errors, sheet, 'review');
    if (Object.keys(fieldErrors).length > 0) return fail('invalid', '复核得分有误，请按提示修改', fieldErrors);

    const changes = new ChangeSet();
    const text = (r: { score: string; reason: string } | null) => (r ? `${r.score}（${r.reason}）` : '');
    sheet.indicators.forEach((ind, i) =>
      changes.compare(
        'indicator_result',
        ind.id,
        `第${i + 1}行“${ind.name}” 复核得分`,
        text(stored[i].reviewed),
        text(entries[i].reviewed),
      ),
    );
    changes.compare(
      'evaluation',
      bundle.evaluation.id,
      '预算执行率 复核得分',
      text(storedBudget(bundle).reviewed),
      text(budget.reviewed),
    );

    const done = db.transaction((tx) => {
      if (!claimVersion(tx, { evaluationId: bundle.evaluation.id, expected: input.version, userId: user.id }))
        return false;
      sheet.indicators.forEach((ind, i) => {
        const reviewed = entries[i].reviewed;
        upsertResult(
          tx,
          { evaluationId: bundle.evaluation.id, indicatorId: ind.id },
          { reviewedScore: reviewed?.score ?? null, reviewedReason: reviewed?.reason ?? null },
        );
      });
      tx.update(evaluations)
        .set({
          budgetReviewedScore: budget.reviewed?.score ?? null,
          budgetReviewedReason: budget.reviewed?.reason ?? null,
        })
        .where(eq(evaluations.id, bundle.evaluation.id))
        .run();
      storeScores(tx, { evaluationId: bundle.evaluation.id, indicatorIds: sheet.indicators.map((i) => i.id), result });
      writeAudit(tx, {
        actorId: user.id,
        evaluationId: bundle.evaluation.id,
        action: 'review',
        changes: changes.changes,
      });
      return true;
    });
    if (!done) return fail('conflict', CONFLICT_MESSAGE);
    return ok(
      { version: input.version + 1, finalTotal: result.finalTotal, finalGrade: result.finalGrade },
      `已${WORKFLOW_ACTIONS.review.done}`,
    );
  },
});
