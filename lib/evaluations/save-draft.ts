import { eq } from 'drizzle-orm';
import { evaluations, indicatorResults } from '@/db/schema';
import { parseWanYuan } from '@/lib/money';
import { defineOperation, fail, ok } from '@/lib/operations';
import { scoreEvaluation } from '@/lib/scoring';
import { authorizeEvaluation, CONFLICT_MESSAGE } from './authorize';
import { buildEngineInput, describeActual, entryValuesFromForm, type BudgetValues } from './engine-input';
import { evaluationDraftSchema } from './form-schema';
import { ChangeSet, claimVersion, storeScores, writeAudit } from './persist';
import { formFieldErrors, schemeOfYear, sheetOf, storedBudget, storedEntries } from './sheet';

const fenOrNull = (text: string) => (text.trim() === '' ? null : parseWanYuan(text));

/** The owner saves what was typed, complete or not; invalid values are refused field by field and nothing is written. */
export const saveDraftOperation = defineOperation({
  name: 'saveDraft',
  schema: evaluationDraftSchema,
  roles: ['owner'],
  run(input, { user, db }) {
    const auth = authorizeEvaluation(db, user, { evaluationId: input.evaluationId, action: 'save', version: input.version });
    if (!auth.ok) return auth;
    const { bundle } = auth;
    const sheet = sheetOf(bundle);

    const byId = new Map(input.indicators.map((e) => [e.indicatorId, e]));
    if (byId.size !== sheet.indicators.length || sheet.indicators.some((ind) => !byId.has(ind.id))) {
      return fail('invalid', '提交的指标与项目的绩效指标不一致，请刷新页面后重试');
    }
    const entries = sheet.indicators.map((ind) => byId.get(ind.id)!);
    const stored = storedEntries(bundle);
    const values = entryValuesFromForm(sheet, entries, stored.map((s) => s.reviewed));
    const budget: BudgetValues = { adjusted: input.budgetAdjusted, executed: input.budgetExecuted, explanation: input.budgetExplanation, reviewed: storedBudget(bundle).reviewed };
    const result = scoreEvaluation(buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), values, budget));
    const fieldErrors = formFieldErrors(result.errors, sheet, 'entry');
    if (Object.keys(fieldErrors).length > 0) return fail('invalid', '有填写不正确的内容，请按标红提示修改后再保存', fieldErrors);

    const adjustedFen = fenOrNull(input.budgetAdjusted);
    const executedFen = fenOrNull(input.budgetExecuted);
    const changes = new ChangeSet();
    const e = bundle.evaluation;
    const before = storedBudget(bundle);
    changes.compare('evaluation', e.id, '全年预算数（万元）', before.adjusted, adjustedFen === null ? '' : input.budgetAdjusted.trim());
    changes.compare('evaluation', e.id, '全年执行数（万元）', before.executed, executedFen === null ? '' : input.budgetExecuted.trim());
    changes.compare('evaluation', e.id, '预算执行偏差原因', e.budgetExplanation, input.budgetExplanation);
    changes.compare('evaluation', e.id, '年度总体目标实际完成情况', e.goalActual, input.goalActual);
    sheet.indicators.forEach((ind, i) => {
      const label = `第${i + 1}行“${ind.name}”`;
      changes.compare('indicator_result', ind.id, `${label} 实际完成值`, describeActual(stored[i].actual), describeActual(values[i].actual));
      changes.compare('indicator_result', ind.id, `${label} 偏差原因分析及改进措施`, stored[i].explanation, values[i].explanation);
      const deduction = (d: { score: string; reason: string } | null) => (d ? `${d.score}（${d.reason}）` : '');
      changes.compare('indicator_result', ind.id, `${label} 评价扣分`, deduction(stored[i].deduction), deduction(values[i].deduction));
    });

    const saved = db.transaction((tx) => {
      if (!claimVersion(tx, { evaluationId: e.id, expected: input.version, userId: user.id })) return false;
      tx.update(evaluations)
        .set({ budgetAdjustedFen: adjustedFen, budgetExecutedFen: executedFen, budgetExplanation: input.budgetExplanation, goalActual: input.goalActual })
        .where(eq(evaluations.id, e.id))
        .run();
      sheet.indicators.forEach((ind, i) => {
        const v = values[i];
        const row = {
          actual: v.actual,
          explanation: v.explanation,
          deductionScore: v.deduction?.score ?? null,
          deductionReason: v.deduction?.reason ?? null,
          updatedAt: new Date(),
        };
        tx.insert(indicatorResults)
          .values({ evaluationId: e.id, indicatorId: ind.id, ...row })
          .onConflictDoUpdate({ target: [indicatorResults.evaluationId, indicatorResults.indicatorId], set: row })
          .run();
      });
      storeScores(tx, { evaluationId: e.id, indicatorIds: sheet.indicators.map((i) => i.id), result });
      writeAudit(tx, { actorId: user.id, evaluationId: e.id, action: 'update', changes: changes.changes });
      return true;
    });
    if (!saved) return fail('conflict', CONFLICT_MESSAGE);
    return ok({ version: input.version + 1, selfTotal: result.selfTotal, selfGrade: result.selfGrade }, '已保存草稿');
  },
});
