'use client';

import { useMemo } from 'react';
import {
  buildEngineInput,
  entryValuesFromForm,
  type BudgetValues,
  type EntryValues,
  type Sheet,
} from '@/lib/evaluations/engine-input';
import {
  indicatorEntrySchema,
  optionalMoneyText,
  optionalNumberText,
  type EvaluationDraft,
  type IndicatorEntry,
  type ReviewLines,
} from '@/lib/evaluations/form-schema';
import { scoreEvaluation, type EvaluationInput, type EvaluationResult, type Scheme } from '@/lib/scoring';

/** The normalised number, or '' while it is half-typed or invalid (the row is then shown as invalid). */
const validNumber = (s: string | undefined) => {
  const parsed = optionalNumberText.safeParse(s ?? '');
  return parsed.success ? parsed.data : '';
};
const validMoney = (s: string | undefined) => {
  const parsed = optionalMoneyText.safeParse(s ?? '');
  return parsed.success ? parsed.data : '';
};

/** Half-typed or invalid numbers count as "not entered" in the engine's run; the row is reported invalid instead. */
function sanitize(entry: IndicatorEntry): IndicatorEntry {
  return {
    ...entry,
    value: validNumber(entry.value),
    parts: (entry.parts ?? []).map(validNumber),
    percent: validNumber(entry.percent),
    deduction: { ...entry.deduction, score: validNumber(entry.deduction?.score) },
  };
}

/** Whether a row holds a number the shared schema refuses (the engine saw it as not entered). */
function hasInvalidNumber(entry: IndicatorEntry | undefined): boolean {
  if (!entry) return false;
  const numbers = [entry.value, ...(entry.parts ?? []), entry.deduction?.enabled ? entry.deduction.score : ''];
  return (
    numbers.some((s) => !optionalNumberText.safeParse(s ?? '').success) ||
    !indicatorEntrySchema.shape.percent.safeParse(entry.percent ?? '').success
  );
}

export interface LiveScore {
  input: EvaluationInput;
  result: EvaluationResult;
  /** Rows (0-based) whose input is not valid yet: refused by the schema or by the engine. */
  invalidRows: Set<number>;
  /** 全年预算数 or 全年执行数 is not a valid amount yet. */
  budgetInvalid: boolean;
}

/** The engine, run in the browser on what is typed now: the same code the server runs on save. The owner sees self scores only. */
export function useLiveScore(sheet: Sheet, scheme: Scheme, values: EvaluationDraft): LiveScore {
  return useMemo(() => {
    const typed = values.indicators ?? [];
    const entries = entryValuesFromForm(sheet, typed.map(sanitize));
    const input = buildEngineInput(sheet, scheme, entries, {
      adjusted: validMoney(values.budgetAdjusted),
      executed: validMoney(values.budgetExecuted),
      explanation: values.budgetExplanation ?? '',
      reviewed: null,
    });
    const result = scoreEvaluation(input);
    const invalidRows = new Set(typed.flatMap((entry, i) => (hasInvalidNumber(entry) ? [i] : [])));
    for (const error of result.errors) {
      const m = /^indicators\.(\d+)\./.exec(error.path);
      if (m) invalidRows.add(Number(m[1]));
    }
    const budgetInvalid = [values.budgetAdjusted, values.budgetExecuted].some(
      (s) => !optionalMoneyText.safeParse(s ?? '').success,
    );
    return { input, result, invalidRows, budgetInvalid };
  }, [sheet, scheme, values]);
}

/**
 * The reviewer's live total: what is stored, with the reviewed scores as typed now (a half-typed
 * score counts as none yet). The same engine the server runs on 保存复核得分 and 定稿.
 */
export function useReviewedScore(
  sheet: Sheet,
  scheme: Scheme,
  stored: { entries: EntryValues[]; budget: BudgetValues },
  values: ReviewLines,
): EvaluationResult {
  return useMemo(() => {
    const reviewed = (line: { score?: string; reason?: string } | undefined) => {
      const score = validNumber(line?.score);
      return score === '' ? null : { score, reason: line?.reason ?? '' };
    };
    const byId = new Map((values.indicators ?? []).map((line) => [line.indicatorId, line]));
    const entries = sheet.indicators.map((ind, i) => ({ ...stored.entries[i], reviewed: reviewed(byId.get(ind.id)) }));
    return scoreEvaluation(
      buildEngineInput(sheet, scheme, entries, { ...stored.budget, reviewed: reviewed(values.budget) }),
    );
  }, [sheet, scheme, stored, values]);
}
