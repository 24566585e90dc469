import 'server-only';
import { ChangeSet } from '@/lib/audit';
import { parseWanYuan } from '@/lib/money';
import { fail } from '@/lib/operations';
import { scoreEvaluation } from '@/lib/scoring';
import { defineEvaluationOperation } from './authorize';
import {
  buildEngineInput,
  describeActual,
  describeScore,
  entryValuesFromForm,
  type BudgetValues,
} from './engine-input';
import { evaluationDraftSchema } from './form-schema';
import { fenText, formFieldErrors, schemeOfYear, storedBudget, storedEntries } from './sheet';

/** '' → null (not entered); an amount → 分; undefined when it is too large to hold exactly. */
const fenOrNull = (text: string): number | null | undefined =>
  text.trim() === '' ? null : (parseWanYuan(text) ?? undefined);

/** The owner saves what was typed, complete or not; invalid values are refused field by field and nothing is written. */
export const saveDraftOperation = defineEvaluationOperation({
  action: 'save',
  schema: evaluationDraftSchema,
  async run(input, { bundle, sheet, commit }) {
    const byId = new Map(input.indicators.map((e) => [e.indicatorId, e]));
    if (byId.size !== sheet.indicators.length || sheet.indicators.some((ind) => !byId.has(ind.id))) {
      return fail('invalid', '提交的指标与项目的绩效指标不一致，请刷新页面后重试');
    }
    const entries = sheet.indicators.map((ind) => byId.get(ind.id)!);
    const stored = storedEntries(bundle);
    const values = entryValuesFromForm(
      sheet,
      entries,
      stored.map((s) => s.reviewed),
    );
    const before = storedBudget(bundle);
    const budget: BudgetValues = {
      adjusted: input.budgetAdjusted,
      executed: input.budgetExecuted,
      explanation: input.budgetExplanation,
      reviewed: before.reviewed,
    };
    const result = scoreEvaluation(buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), values, budget));
    const fieldErrors = formFieldErrors(result.errors, sheet, 'entry');
    if (Object.keys(fieldErrors).length > 0)
      return fail('invalid', '有填写不正确的内容，请按标红提示修改后再保存', fieldErrors);

    const adjustedFen = fenOrNull(input.budgetAdjusted);
    const executedFen = fenOrNull(input.budgetExecuted);
    const tooLarge: Record<string, string> = {};
    if (adjustedFen === undefined) tooLarge.budgetAdjusted = '金额过大，请核对（单位：万元）';
    if (executedFen === undefined) tooLarge.budgetExecuted = '金额过大，请核对（单位：万元）';
    if (adjustedFen === undefined || executedFen === undefined)
      return fail('invalid', '金额过大，请核对后再保存', tooLarge);
    const changes = new ChangeSet();
    const e = bundle.evaluation;
    // Compared as stored (21.5, not 21.50), so retyping the same amount is no change.
    changes.compare('evaluation', e.id, '全年预算数（万元）', before.adjusted, fenText(adjustedFen));
    changes.compare('evaluation', e.id, '全年执行数（万元）', before.executed, fenText(executedFen));
    changes.compare('evaluation', e.id, '预算执行偏差原因', e.budgetExplanation, input.budgetExplanation);
    changes.compare('evaluation', e.id, '年度总体目标实际完成情况', e.goalActual, input.goalActual);
    sheet.indicators.forEach((ind, i) => {
      const label = `第${i + 1}行“${ind.name}”`;
      const compare = (field: string, was: string, now: string) =>
        changes.compare('indicator_result', ind.id, `${label} ${field}`, was, now);
      compare('实际完成值', describeActual(stored[i].actual), describeActual(values[i].actual));
      compare('偏差原因分析及改进措施', stored[i].explanation, values[i].explanation);
      compare('评价扣分', describeScore(stored[i].deduction), describeScore(values[i].deduction));
    });

    const now = new Date();
    return commit({
      data: { selfTotal: result.selfTotal, selfGrade: result.selfGrade },
      evaluation: {
        budgetAdjustedFen: adjustedFen,
        budgetExecutedFen: executedFen,
        budgetExplanation: input.budgetExplanation,
        goalActual: input.goalActual,
      },
      results: values.map((v) => ({
        actual: v.actual,
        explanation: v.explanation,
        deductionScore: v.deduction?.score ?? null,
        deductionReason: v.deduction?.reason ?? null,
        updatedAt: now,
      })),
      audit: [{ action: 'update', changes: changes.changes }],
      result,
    });
  },
});
