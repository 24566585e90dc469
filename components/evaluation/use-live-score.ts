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
  optionalMoneyText,
  optionalNumberText,
  type EvaluationDraft,
  type IndicatorEntry,
  type ReviewLines,
} from '@/lib/evaluations/form-schema';
import { scoreEvaluation, type EvaluationResult, type Scheme } from '@/lib/scoring';

const validNumber = (s: string | undefined) => (optionalNumberText.safeParse(s ?? '').success ? (s ?? '').trim() : '');
const validMoney = (s: string | undefined) => (optionalMoneyText.safeParse(s ?? '').success ? (s ?? '').trim() : '');

/** Half-typed or invalid numbers count as "not entered" in the preview; the server says why on save. */
function sanitize(entry: IndicatorEntry): IndicatorEntry {
  return {
    ...entry,
    value: validNumber(entry.value),
    parts: (entry.parts ?? []).map(validNumber),
    percent: validNumber(entry.percent),
    deduction: { ...entry.deduction, score: validNumber(entry.deduction?.score) },
  };
}

/** The engine, run in the browser on what is typed now: the same code the server runs on save. The owner sees self scores only. */
export function useLiveScore(sheet: Sheet, scheme: Scheme, values: EvaluationDraft): EvaluationResult {
  return useMemo(() => {
    const entries = entryValuesFromForm(sheet, (values.indicators ?? []).map(sanitize));
    return scoreEvaluation(
      buildEngineInput(sheet, scheme, entries, {
        adjusted: validMoney(values.budgetAdjusted),
        executed: validMoney(values.budgetExecuted),
        explanation: values.budgetExplanation ?? '',
        reviewed: null,
      }),
    );
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
