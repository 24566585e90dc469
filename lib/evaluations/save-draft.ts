import 'server-only';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { ChangeSet } from '@/lib/audit';
import type { AuditChange } from '@/lib/audit';
import { parseWanYuan } from '@/lib/money';
import { fail, type Failure } from '@/lib/operations';
import { REPORT_SECTIONS, reportColumnsOf, reportTextsOf } from '@/lib/reports/sections';
import { DEDUCTION_WORDS, scoreEvaluation, type EvaluationResult } from '@/lib/scoring';
import { defineEvaluationOperation } from './authorize';
import {
  buildEngineInput,
  describeActual,
  describeScore,
  entryValuesFromForm,
  type BudgetValues,
  type Sheet,
} from './engine-input';
import { evaluationDraftSchema, type EvaluationDraft } from './form-schema';
import { fenText, formFieldErrors, schemeOfYear, storedBudget, storedEntries } from './sheet';
import type { EvaluationCommit } from './commit';

/** The audit labels of the evaluation's own fields (the entry workbook maps them back to its rows). */
export const DRAFT_FIELD_LABELS = {
  budgetAdjusted: '全年预算数（万元）',
  budgetExecuted: '全年执行数（万元）',
  budgetExplanation: '预算执行偏差原因',
  goalActual: '年度总体目标实际完成情况',
} as const;

/** `第3行“…” 实际完成值`: the audit label of an indicator's field. */
export const indicatorFieldLabel = (index: number, name: string, field: string) => `第${index + 1}行“${name}” ${field}`;

/** '' → null (not entered); an amount → 分; undefined when it is too large to hold exactly. */
const fenOrNull = (text: string): number | null | undefined =>
  text.trim() === '' ? null : (parseWanYuan(text) ?? undefined);

type DraftChange = Omit<
  EvaluationCommit<{ selfTotal: string; selfGrade: string }>,
  'action' | 'bundle' | 'user' | 'version' | 'audit'
>;

/**
 * Everything a save checks and would write, without writing: the engine's result, the columns, and
 * the old → new pairs. The entry workbook's preview shows exactly these pairs.
 */
export function prepareDraft(
  input: EvaluationDraft,
  { bundle, sheet }: { bundle: EvaluationBundle; sheet: Sheet },
): Failure | { ok: true; change: DraftChange; changes: AuditChange[]; result: EvaluationResult } {
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
  const labels = DRAFT_FIELD_LABELS;
  // Compared as stored (21.5, not 21.50), so retyping the same amount is no change.
  changes.compare('evaluation', e.id, labels.budgetAdjusted, before.adjusted, fenText(adjustedFen));
  changes.compare('evaluation', e.id, labels.budgetExecuted, before.executed, fenText(executedFen));
  changes.compare('evaluation', e.id, labels.budgetExplanation, e.budgetExplanation, input.budgetExplanation);
  changes.compare('evaluation', e.id, labels.goalActual, e.goalActual, input.goalActual);
  sheet.indicators.forEach((ind, i) => {
    const compare = (field: string, was: string, now: string) =>
      changes.compare('indicator_result', ind.id, indicatorFieldLabel(i, ind.name, field), was, now);
    compare('实际完成值', describeActual(stored[i].actual), describeActual(values[i].actual));
    compare('偏差原因分析及改进措施', stored[i].explanation, values[i].explanation);
    compare(DEDUCTION_WORDS.action, describeScore(stored[i].deduction), describeScore(values[i].deduction));
  });
  const report = input.report ?? reportTextsOf(e);
  const storedReport = reportTextsOf(e);
  for (const section of REPORT_SECTIONS)
    changes.compare('evaluation', e.id, `自评报告·${section.label}`, storedReport[section.key], report[section.key]);

  const now = new Date();
  const change: DraftChange = {
    data: { selfTotal: result.selfTotal, selfGrade: result.selfGrade },
    evaluation: {
      budgetAdjustedFen: adjustedFen,
      budgetExecutedFen: executedFen,
      budgetExplanation: input.budgetExplanation,
      goalActual: input.goalActual,
      ...reportColumnsOf(report),
    },
    results: values.map((v) => ({
      actual: v.actual,
      explanation: v.explanation,
      deductionScore: v.deduction?.score ?? null,
      deductionReason: v.deduction?.reason ?? null,
      updatedAt: now,
    })),
    result,
  };
  return { ok: true, change, changes: changes.changes, result };
}

/** A save of the draft, audited as `update` (the form) or `excel_import` (从 Excel 导入). */
function draftSave(audit: 'update' | 'excel_import') {
  return defineEvaluationOperation({
    action: 'save',
    schema: evaluationDraftSchema,
    async run(input, { bundle, sheet, commit }) {
      const prepared = prepareDraft(input, { bundle, sheet });
      if (!prepared.ok) return prepared;
      return commit({ ...prepared.change, audit: [{ action: audit, changes: prepared.changes }] });
    },
  });
}

/** The owner saves what was typed, complete or not; invalid values are refused field by field and nothing is written. */
export const saveDraftOperation = draftSave('update');

/** The same save, for a confirmed entry workbook (lib/entry): called per sheet, never a server action of its own. */
export const saveImportedDraftOperation = draftSave('excel_import');
