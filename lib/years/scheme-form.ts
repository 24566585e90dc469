import { z } from 'zod';
import {
  HUBEI_SCHEME,
  INTEGRATED_SCHEME,
  NATIONAL_SCHEME,
  QUALITATIVE_TIERS,
  safeResolveScheme,
  type Scheme,
  type ScorePrecision,
} from '@/lib/scoring/scheme';
import { versionField } from '@/lib/versions';

/**
 * A year's scheme as the settings form edits it: a preset, or every setting of the rule book's
 * scheme table spelt out. Stored as the preset name or as a custom object lib/scoring resolves.
 */
/** A number typed in a form: digits become a number, an emptied field is "请填写" (never 0). */
const fromText = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t === '') return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : v;
};
const typedNumber = () => z.number({ error: (issue) => (issue.input === undefined ? '请填写' : '请输入数字') });
const percent = z.preprocess(fromText, typedNumber().min(0, '不能小于0').max(100, '不能大于100'));
const tier = z.object({ min: percent, max: percent, defaultPercent: percent });
/** One row of the caps list: 执行率低于 below % → 总分不超过 maxTotal. Order and duplicates are checked by lib/scoring. */
const executionCap = z.object({ below: percent, maxTotal: percent });

export const SCHEME_FORM_PRESETS = ['national', 'hubei', 'integrated', 'custom'] as const;
export type SchemeFormPreset = (typeof SCHEME_FORM_PRESETS)[number];
const PRECISIONS = ['2', '1', '0'] as const;

export const schemeFormSchema = z.object({
  preset: z.enum(SCHEME_FORM_PRESETS),
  budgetPoints: percent,
  levelPoints: z.object({ '1': percent, '2': percent, '3': percent }),
  reverseFormula: z.enum(['ratio', 'linear']),
  tiers: z.object({ 达成: tier, 部分达成: tier, 未达成: tier }),
  overAchievementThreshold: z.preprocess(fromText, typedNumber().gt(100, '须大于100').max(1000, '不能大于1000')),
  budgetExecutionThreshold: percent,
  gradeBands: z.object({ 优: percent, 良: percent, 中: percent }),
  precision: z.enum(PRECISIONS),
  overAchievementDeduction: percent,
  executionCaps: z.array(executionCap).max(10, '最多设置10条封顶规则'),
});

export type SchemeForm = z.infer<typeof schemeFormSchema>;

export function schemeToForm(scheme: Scheme): SchemeForm {
  const preset = (SCHEME_FORM_PRESETS as readonly string[]).includes(scheme.name)
    ? (scheme.name as SchemeFormPreset)
    : 'custom';
  const t = scheme.qualitativeTiers;
  return {
    preset,
    budgetPoints: scheme.budgetPoints,
    levelPoints: { ...scheme.levelPoints },
    reverseFormula: scheme.reverseFormula,
    tiers: {
      达成: { min: t.达成.min, max: t.达成.max, defaultPercent: t.达成.defaultPercent },
      部分达成: { min: t.部分达成.min, max: t.部分达成.max, defaultPercent: t.部分达成.defaultPercent },
      未达成: { min: t.未达成.min, max: t.未达成.max, defaultPercent: t.未达成.defaultPercent },
    },
    overAchievementThreshold: scheme.overAchievementThreshold,
    budgetExecutionThreshold: scheme.budgetExecutionThreshold,
    gradeBands: { ...scheme.gradeBands },
    precision: String(scheme.precision) as (typeof PRECISIONS)[number],
    overAchievementDeduction: scheme.overAchievementDeduction,
    executionCaps: scheme.executionCaps.map(({ below, maxTotal }) => ({ below, maxTotal })),
  };
}

export const PRESET_FORMS = {
  national: schemeToForm(NATIONAL_SCHEME),
  hubei: schemeToForm(HUBEI_SCHEME),
  integrated: schemeToForm(INTEGRATED_SCHEME),
} as const;

/** What is stored for the year: a preset name, or a full custom settings object. */
export function storedSchemeOf(form: SchemeForm): string | Record<string, unknown> {
  if (form.preset !== 'custom') return form.preset;
  return {
    name: 'custom',
    budgetPoints: form.budgetPoints,
    levelPoints: form.levelPoints,
    reverseFormula: form.reverseFormula,
    // Each tier stops just below the next one's minimum; only 达成 includes its maximum.
    qualitativeTiers: Object.fromEntries(
      QUALITATIVE_TIERS.map((t) => [t, { ...form.tiers[t], maxInclusive: t === '达成' }]),
    ),
    overAchievementThreshold: form.overAchievementThreshold,
    budgetExecutionThreshold: form.budgetExecutionThreshold,
    gradeBands: form.gradeBands,
    precision: Number(form.precision) as ScorePrecision,
    overAchievementDeduction: form.overAchievementDeduction,
    executionCaps: form.executionCaps,
  };
}

/** The scheme a form describes, or the rule book's consistency problems as form field errors. */
export function resolveSchemeForm(
  form: SchemeForm,
):
  | { ok: true; scheme: Scheme; stored: string | Record<string, unknown> }
  | { ok: false; fieldErrors: Record<string, string> } {
  const stored = storedSchemeOf(form);
  const resolution = safeResolveScheme(stored);
  if (resolution.success) return { ok: true, scheme: resolution.scheme, stored };
  const fieldErrors: Record<string, string> = {};
  for (const issue of resolution.issues) {
    const key = `scheme.${issue.path.replace('qualitativeTiers', 'tiers') || '_'}`;
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

export const yearNumber = z.coerce.number().int().min(2000).max(2100);

export const yearSettingsSchema = z.object({
  year: yearNumber,
  version: versionField,
  status: z.enum(['open', 'closed']),
  deadline: z
    .string()
    .trim()
    .refine((d) => d === '' || isCalendarDate(d), '请输入有效日期，如 2025-01-31'),
  scheme: schemeFormSchema,
});

export type YearSettings = z.infer<typeof yearSettingsSchema>;
export type YearSettingsInput = z.input<typeof yearSettingsSchema>;

/** `2025-01-31` is a date; `2025-13-45` and `2025-02-30` are not. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}
