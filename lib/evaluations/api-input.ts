import { z } from 'zod';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { actualValue, decimalValue } from '@/lib/scoring/interchange';
import type { ParsedTarget } from '@/lib/targets/types';
import { draftFormValues, reviewFormValues } from './form-values';
import type { EvaluationDraft, IndicatorEntry, ReviewInput } from './form-schema';

/**
 * The write API's bodies (docs/api.md) and their translation into the forms' input: what a request
 * leaves out keeps its stored value, so a partial body is the whole form with some fields changed.
 * The operation behind it (save, review) then validates and scores exactly as for the form.
 * Field messages name the evaluation's own rows: `indicators.2.value` is its third indicator.
 */
const version = z.number({ error: '须提供 version（整数）' }).int().positive();
const text = z.string({ error: '应为文字' });
const scoreOrNull = z.union([z.null(), decimalValue]);

export const apiDraftSchema = z.object({
  version,
  budget: z
    .object({ adjusted: scoreOrNull.optional(), executed: scoreOrNull.optional(), explanation: text.optional() })
    .optional(),
  goalActual: text.optional(),
  indicators: z
    .array(
      z.object({
        indicatorId: z.number().int().positive(),
        actual: actualValue.optional(),
        explanation: text.optional(),
        deduction: z.union([z.null(), z.object({ score: decimalValue, reason: text })]).optional(),
      }),
    )
    .max(500)
    .optional(),
});

const reviewLine = z.object({ score: scoreOrNull, reason: text.default('') });

export const apiReviewSchema = z.object({
  version,
  indicators: z
    .array(reviewLine.extend({ indicatorId: z.number().int().positive() }))
    .max(500)
    .optional(),
  budget: reviewLine.optional(),
});

export const apiTransitionSchema = z.object({
  action: z.enum(['submit', 'withdraw', 'approve', 'return', 'finalize', 'reopen', 'reassess'], {
    error: 'action 应为 submit、withdraw、approve、return、finalize、reopen 或 reassess',
  }),
  comment: text.default(''),
  version,
});

export const apiBatchSchema = z.object({
  action: apiTransitionSchema.shape.action,
  comment: text.default(''),
  evaluations: z
    .array(z.object({ id: z.number().int().positive(), version }))
    .min(1, '请至少选择一项')
    .max(1000, '一次最多处理 1000 项'),
});

type Translated<T> = { ok: true; input: T } | { ok: false; fieldErrors: Record<string, string> };

const translated = <T>(fieldErrors: Record<string, string>, input: T): Translated<T> =>
  Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, input };

const orEmpty = (value: string | null | undefined, stored: string) =>
  value === undefined ? stored : value === null ? '' : value;

type ActualFields = Pick<IndicatorEntry, 'value' | 'parts' | 'tier' | 'percent'>;

/** The actual of the API in the form's fields, when its shape fits the target's kind. */
function actualFields(target: ParsedTarget, actual: z.output<typeof actualValue>): ActualFields | string {
  const empty: ActualFields = {
    value: '',
    parts: target.kind === 'compound' ? target.parts.map(() => '') : [],
    tier: '',
    percent: '',
  };
  if (actual === null) return empty;
  if (target.kind === 'quantitative')
    return typeof actual === 'string' ? { ...empty, value: actual } : '该指标为定量指标，实际完成值应为一个数字';
  if (target.kind === 'compound')
    return Array.isArray(actual) && actual.length === target.parts.length
      ? { ...empty, parts: actual }
      : `该指标为复合指标，实际完成值应为 ${target.parts.length} 个数字的数组`;
  if (typeof actual !== 'object' || Array.isArray(actual))
    return '该指标为定性指标，实际完成值应为 {"tier": "达成|部分达成|未达成", "percent"?: 数字}';
  return { ...empty, tier: actual.tier as IndicatorEntry['tier'], percent: actual.percent ?? '' };
}

/**
 * The stored rows with each line of the body laid over the row it names (`merge` may refuse a line's
 * value in `fieldErrors`); a line naming no indicator of this evaluation, or one named twice, is refused
 * (the rows the other lines name are still merged, so every message is found in one pass).
 */
function overlayLines<E, L extends { indicatorId: number }>(
  bundle: EvaluationBundle,
  stored: E[],
  given: L[] | undefined,
  merge: (entry: E, line: L, row: number, fieldErrors: Record<string, string>) => E,
) {
  const lines = given ?? [];
  const fieldErrors: Record<string, string> = {};
  const rows = new Map<number, number>();
  lines.forEach((line, k) => {
    const row = bundle.indicators.findIndex((ind) => ind.id === line.indicatorId);
    if (row < 0) fieldErrors[`indicators.${k}.indicatorId`] = '该指标不属于这份自评';
    else if (rows.has(row)) fieldErrors[`indicators.${k}.indicatorId`] = '指标重复';
    else rows.set(row, k);
  });
  const merged = stored.map((entry, row) => {
    const k = rows.get(row);
    return k === undefined ? entry : merge(entry, lines[k], row, fieldErrors);
  });
  return { merged, fieldErrors };
}

export function draftFromApi(
  bundle: EvaluationBundle,
  body: z.output<typeof apiDraftSchema>,
): Translated<EvaluationDraft> {
  const stored = draftFormValues(bundle);
  const { merged: indicators, fieldErrors } = overlayLines(
    bundle,
    stored.indicators,
    body.indicators,
    (entry, line, row, errors) => {
      let fields: ActualFields = entry;
      if (line.actual !== undefined) {
        const mapped = actualFields(bundle.indicators[row].parsedTarget, line.actual);
        if (typeof mapped === 'string') errors[`indicators.${row}.actual`] = mapped;
        else fields = mapped;
      }
      return {
        ...entry,
        ...fields,
        explanation: line.explanation ?? entry.explanation,
        deduction:
          line.deduction === undefined
            ? entry.deduction
            : line.deduction === null
              ? { enabled: false, score: '', reason: '' }
              : { enabled: true, ...line.deduction },
      };
    },
  );
  return translated(fieldErrors, {
    ...stored,
    version: body.version,
    budgetAdjusted: orEmpty(body.budget?.adjusted, stored.budgetAdjusted),
    budgetExecuted: orEmpty(body.budget?.executed, stored.budgetExecuted),
    budgetExplanation: body.budget?.explanation ?? stored.budgetExplanation,
    goalActual: body.goalActual ?? stored.goalActual,
    indicators,
  });
}

export function reviewFromApi(
  bundle: EvaluationBundle,
  body: z.output<typeof apiReviewSchema>,
): Translated<ReviewInput> {
  const stored = reviewFormValues(bundle);
  const line = (given: { score: string | null; reason: string }) => ({
    score: given.score ?? '',
    reason: given.reason,
  });
  const { merged: indicators, fieldErrors } = overlayLines(
    bundle,
    stored.indicators,
    body.indicators,
    (entry, given) => ({
      indicatorId: entry.indicatorId,
      ...line(given),
    }),
  );
  return translated(fieldErrors, {
    ...stored,
    version: body.version,
    indicators,
    budget: body.budget ? line(body.budget) : stored.budget,
  });
}
