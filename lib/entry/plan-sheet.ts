import 'server-only';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { evaluationDraftSchema, type EvaluationDraft } from '@/lib/evaluations/form-schema';
import { partLabels } from '@/lib/evaluations/labels';
import { DRAFT_FIELD_LABELS, prepareDraft } from '@/lib/evaluations/save-draft';
import { sheetOf } from '@/lib/evaluations/sheet';
import { parseInput } from '@/lib/operations';
import { DEDUCTION_WORDS } from '@/lib/scoring';
import { matchSheet, type EntryProblem } from './match-sheet';
import type { RawSheet } from './read-workbook';

/** One change an upload would make: the sheet row, the field as the audit names it, old → new. */
export interface EntryChange {
  row: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface EntrySheetPreview {
  sheet: string;
  evaluationId: number | null;
  project: string;
  changes: EntryChange[];
  problems: EntryProblem[];
}

/** A sheet's preview, and the draft and version its confirmation saves (when it has no problems). */
export interface SheetPlan {
  preview: EntrySheetPreview;
  draft: EvaluationDraft | null;
  version: number | null;
}

export const refusedSheet = (raw: RawSheet, message: string, evaluationId: number | null = null): SheetPlan => ({
  preview: { sheet: raw.name, evaluationId, project: raw.title, changes: [], problems: [{ row: null, message }] },
  draft: null,
  version: null,
});

const FIELD_WORDS: Record<string, string> = {
  value: '实际完成值',
  tier: '评定等级',
  percent: '得分比例',
  explanation: '偏差原因分析及改进措施',
  'deduction.score': DEDUCTION_WORDS.score,
  'deduction.reason': DEDUCTION_WORDS.reason,
  budgetAdjusted: '全年预算数',
  budgetExecuted: '全年执行数',
  budgetExplanation: '预算执行偏差原因',
  goalActual: '年度总体目标实际完成情况',
};

/** `indicators.3.parts.1` → `“…”（信创台式电脑）的实际完成值`; what a form field is, in words. */
function fieldInWords(bundle: EvaluationBundle, path: string): string {
  const m = /^indicators\.(\d+)\.(.+)$/.exec(path);
  if (!m) return FIELD_WORDS[path] ?? '填写内容';
  const ind = bundle.indicators[Number(m[1])];
  if (!ind) return '填写内容';
  const part = /^parts\.(\d+)$/.exec(m[2]);
  if (part) return `“${ind.name}”（${partLabels(ind.name, ind.parsedTarget)[Number(part[1])] ?? ''}）的实际完成值`;
  return `“${ind.name}”的${FIELD_WORDS[m[2]] ?? '填写内容'}`;
}

/**
 * What confirming one sheet would do to one evaluation: its cells put into the draft (matchSheet),
 * then the form's schema and the save's own checks (prepareDraft), whose messages go to the rows
 * they came from; and, when all is well, the save's own old → new pairs.
 */
export function planSheet(bundle: EvaluationBundle, raw: RawSheet): SheetPlan {
  const matched = matchSheet(bundle, raw);
  const problems = [...matched.problems];
  const preview: EntrySheetPreview = {
    sheet: raw.name,
    evaluationId: bundle.evaluation.id,
    project: bundle.project.name,
    changes: [],
    problems,
  };
  const toProblems = (fieldErrors: Record<string, string>) => {
    for (const [path, message] of Object.entries(fieldErrors)) {
      const row = matched.rowOfField.get(path) ?? null;
      const what = fieldInWords(bundle, path);
      problems.push({ row, message: `${row === null ? '' : `第${row}行：`}${what}：${message}` });
    }
  };
  const parsed = parseInput(evaluationDraftSchema, matched.draft);
  if (!parsed.ok) {
    toProblems(parsed.fieldErrors ?? { _: parsed.message });
    return { preview, draft: null, version: null };
  }
  const prepared = prepareDraft(parsed.data, { bundle, sheet: sheetOf(bundle) });
  if (!prepared.ok) {
    toProblems(prepared.fieldErrors ?? { _: prepared.message });
    return { preview, draft: null, version: null };
  }
  const indexOf = new Map(bundle.indicators.map((ind, i) => [ind.id, i]));
  const fieldOfLabel = new Map(Object.entries(DRAFT_FIELD_LABELS).map(([field, label]) => [label as string, field]));
  preview.changes = prepared.changes.map((c) => {
    const path =
      c.entityType === 'indicator_result'
        ? `indicators.${indexOf.get(c.entityId ?? 0)}.value`
        : (fieldOfLabel.get(c.field) ?? '');
    return { row: matched.rowOfField.get(path) ?? null, field: c.field, oldValue: c.oldValue, newValue: c.newValue };
  });
  return { preview, draft: parsed.data, version: bundle.evaluation.version };
}
