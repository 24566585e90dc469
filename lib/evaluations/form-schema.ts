import { z } from 'zod';
import { rowKeySchema } from '@/lib/evidence/rows';
import { REPORT_SECTIONS, type ReportSectionKey } from '@/lib/reports/sections';
import { DEDUCTION_WORDS } from '@/lib/scoring/adjustments';
import { QUALITATIVE_TIERS } from '@/lib/scoring/scheme';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';

/**
 * The one schema of the evaluation form, used by react-hook-form in the browser and by the server
 * action. Numbers travel as strings so that nothing passes through binary floating point.
 */
export const TEXT_LIMITS = { explanation: 2000, goalActual: 5000, reason: 500, comment: 1000, report: 10000 } as const;

const DECIMAL = /^\d+(\.\d+)?$/;
/** `1,000` / `1,000.5`: commas only where they group thousands (`1,5` stays wrong rather than becoming 15). */
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * What a person types with a Chinese IME or copies from a report, as the plain number it means:
 * full-width digits and signs (`９６．５`), thousands separators (`1,000`), surrounding spaces
 * (also the ideographic one). `percent` also drops a trailing `%` / `％` (`96%`). Anything else is
 * left as typed, for the schema to refuse with its message.
 */
export function normalizeNumberText(text: string, { percent = true } = {}): string {
  let s = text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  s = s.replace(/[\s\u3000]+/g, ' ').trim();
  if (percent) s = s.replace(/\s*%$/, '');
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  return s;
}

/** `''` (not entered yet) or a non-negative decimal, after normalizeNumberText. */
export const optionalNumberText = z
  .string()
  .overwrite((s) => normalizeNumberText(s))
  .max(30, '数字过长')
  .refine((s) => !s.startsWith('-'), '不能为负数')
  .refine((s) => s === '' || DECIMAL.test(s), '请输入数字，如 95 或 95.5');

/** 万元 with at most six decimals (whole 分), or `''`, after normalizeNumberText (no `%` for money). */
export const optionalMoneyText = z
  .string()
  .overwrite((s) => normalizeNumberText(s, { percent: false }))
  .max(20, '金额过长')
  .refine((s) => !s.startsWith('-'), '金额不能为负数')
  .refine((s) => s === '' || /^\d+(\.\d{1,6})?$/.test(s), '请输入金额（万元），如 20 或 20.50');

/** A text of at most `max` characters: a longer one is kept as typed and refused with its length. */
export const limitedText = (max: number) =>
  z.string().max(max, { error: (issue) => `不能超过${max}字（现有${String(issue.input).length}字），请删减后再保存` });

export const deductionSchema = z
  .object({
    enabled: z.boolean(),
    score: optionalNumberText,
    reason: limitedText(TEXT_LIMITS.reason),
  })
  .superRefine((d, ctx) => {
    if (!d.enabled) return;
    if (d.score === '') ctx.addIssue({ code: 'custom', path: ['score'], message: `请填写${DEDUCTION_WORDS.score}` });
    if (d.reason.trim() === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `请填写${DEDUCTION_WORDS.reason}` });
  });

export const indicatorEntrySchema = z.object({
  indicatorId: z.number().int().positive(),
  value: optionalNumberText,
  parts: z.array(optionalNumberText).max(20),
  tier: z.enum(['', ...QUALITATIVE_TIERS]),
  percent: optionalNumberText.refine((s) => s === '' || Number(s) <= 100, '比例不能超过100'),
  explanation: limitedText(TEXT_LIMITS.explanation),
  deduction: deductionSchema,
});

/** The 自评报告's free-text sections (lib/reports/sections.ts). */
export const reportTextsSchema = z.object(
  Object.fromEntries(REPORT_SECTIONS.map((s) => [s.key, limitedText(TEXT_LIMITS.report)])) as Record<
    ReportSectionKey,
    ReturnType<typeof limitedText>
  >,
);

export const evaluationDraftSchema = z.object({
  evaluationId: z.number().int().positive(),
  version: z.number().int().positive(),
  budgetAdjusted: optionalMoneyText,
  budgetExecuted: optionalMoneyText,
  budgetExplanation: limitedText(TEXT_LIMITS.explanation),
  goalActual: limitedText(TEXT_LIMITS.goalActual),
  indicators: z.array(indicatorEntrySchema).max(500),
  /** Absent: the stored sections stay as they are (a caller that does not know the report keeps it). */
  report: reportTextsSchema.optional(),
});

export type IndicatorEntry = z.infer<typeof indicatorEntrySchema>;
export type EvaluationDraft = z.infer<typeof evaluationDraftSchema>;

export const transitionSchema = z.object({
  evaluationId: z.number().int().positive(),
  version: z.number().int().positive(),
  comment: limitedText(TEXT_LIMITS.comment).default(''),
});

/** A step that needs its reason: 退回 (the owner must know what to change), reopening a finalised evaluation. */
export const reasonedTransitionSchema = (message: string) =>
  transitionSchema.extend({
    comment: limitedText(TEXT_LIMITS.comment).refine((s) => s.trim().length > 0, message),
  });

export const returnSchema = reasonedTransitionSchema(WORKFLOW_ACTIONS.return.needsComment!).extend({
  /** The rows flagged 缺佐证 with this return (lib/evidence/rows keys). */
  missingEvidence: z.array(rowKeySchema).max(510).default([]),
});

const reviewedFields = { score: optionalNumberText, reason: limitedText(TEXT_LIMITS.reason) };
const reasonWithScore = (r: { score: string; reason: string }, ctx: z.RefinementCtx) => {
  if (r.score !== '' && r.reason.trim() === '')
    ctx.addIssue({ code: 'custom', path: ['reason'], message: '设置复核得分时须填写理由' });
};

/** Finance's reviewed scores: any indicator (by id) and the budget line; '' = the self score stands. */
const reviewLines = {
  indicators: z
    .array(z.object({ indicatorId: z.number().int().positive(), ...reviewedFields }).superRefine(reasonWithScore))
    .max(500),
  budget: z.object(reviewedFields).superRefine(reasonWithScore),
};

export const reviewSchema = z.object({
  evaluationId: z.number().int().positive(),
  version: z.number().int().positive(),
  ...reviewLines,
});

export type ReviewInput = z.infer<typeof reviewSchema>;
export type ReviewLines = Pick<ReviewInput, 'indicators' | 'budget'>;

/** 定稿, with the reviewed scores still on the page in the same request, so that none is lost between two clicks. */
export const finalizeSchema = transitionSchema.extend({ review: z.object(reviewLines).optional() });
