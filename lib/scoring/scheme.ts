import { z } from 'zod';
import { dec, type DecimalInput } from '../decimal';

/**
 * The per-year scoring settings of the rule book ("The scheme"). Numbers here are small exact
 * values kept as plain numbers for readability; every calculation turns them into Decimal first.
 */

export const LEVEL1_CODES = ['1', '2', '3'] as const;
export type Level1Code = (typeof LEVEL1_CODES)[number];

export const LEVEL1_NAMES: Record<Level1Code, string> = {
  '1': '产出指标',
  '2': '效益指标',
  '3': '满意度指标',
};

export const QUALITATIVE_TIERS = ['达成', '部分达成', '未达成'] as const;
export type QualitativeTier = (typeof QUALITATIVE_TIERS)[number];

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

export type ReverseFormula = 'ratio' | 'linear';
export type ScorePrecision = 0 | 2;

/** A tier's band in percent of the indicator's points; `min` is always inside the band. */
export interface TierBand {
  min: number;
  max: number;
  /** 达成 is [80, 100]; the lower tiers stop just below the next tier's minimum: [60, 80). */
  maxInclusive: boolean;
  defaultPercent: number;
}

export interface Scheme {
  name: string;
  budgetPoints: number;
  levelPoints: Record<Level1Code, number>;
  reverseFormula: ReverseFormula;
  qualitativeTiers: Record<QualitativeTier, TierBand>;
  /** Percent of the target (actual/target) at or above which an at-least indicator needs an explanation. */
  overAchievementThreshold: number;
  /** Percent; a budget execution rate below it needs an explanation. */
  budgetExecutionThreshold: number;
  /** Lowest total of each grade; below 中 is 差. */
  gradeBands: { 优: number; 良: number; 中: number };
  precision: ScorePrecision;
}

export const NATIONAL_SCHEME: Scheme = deepFreeze({
  name: 'national',
  budgetPoints: 10,
  levelPoints: { '1': 50, '2': 30, '3': 10 },
  reverseFormula: 'ratio',
  qualitativeTiers: {
    达成: { min: 80, max: 100, maxInclusive: true, defaultPercent: 100 },
    部分达成: { min: 60, max: 80, maxInclusive: false, defaultPercent: 70 },
    未达成: { min: 0, max: 60, maxInclusive: false, defaultPercent: 30 },
  },
  overAchievementThreshold: 130,
  budgetExecutionThreshold: 90,
  gradeBands: { 优: 90, 良: 80, 中: 60 },
  precision: 2,
});

export const HUBEI_SCHEME: Scheme = deepFreeze({
  ...NATIONAL_SCHEME,
  name: 'hubei',
  budgetPoints: 20,
  levelPoints: { '1': 40, '2': 30, '3': 10 },
  qualitativeTiers: {
    达成: { min: 80, max: 100, maxInclusive: true, defaultPercent: 100 },
    部分达成: { min: 50, max: 80, maxInclusive: false, defaultPercent: 70 },
    未达成: { min: 0, max: 50, maxInclusive: false, defaultPercent: 30 },
  },
});

export const SCHEME_PRESETS = { national: NATIONAL_SCHEME, hubei: HUBEI_SCHEME } as const;
export type SchemeName = keyof typeof SCHEME_PRESETS;
const SCHEME_NAMES = Object.keys(SCHEME_PRESETS) as SchemeName[];

const percent = z.number().min(0, '不能小于0').max(100, '不能大于100');
const points = percent.refine((n) => dec(n).decimalPlaces() <= 2, '分值最多保留2位小数');
const tierBandInput = z.strictObject({
  min: percent.optional(),
  max: percent.optional(),
  maxInclusive: z.boolean().optional(),
  defaultPercent: percent.optional(),
});

/** A custom scheme: any subset of the settings, merged over `base` (default national). */
export const customSchemeSchema = z.strictObject({
  base: z.enum(SCHEME_NAMES).optional(),
  name: z.string().min(1).optional(),
  budgetPoints: points.optional(),
  levelPoints: z.strictObject({ '1': points.optional(), '2': points.optional(), '3': points.optional() }).optional(),
  reverseFormula: z.enum(['ratio', 'linear']).optional(),
  qualitativeTiers: z
    .strictObject({
      达成: tierBandInput.optional(),
      部分达成: tierBandInput.optional(),
      未达成: tierBandInput.optional(),
    })
    .optional(),
  overAchievementThreshold: z.number().gt(100, '须大于100').max(100000).optional(),
  budgetExecutionThreshold: z.number().gt(0, '须大于0').max(100, '不能大于100').optional(),
  gradeBands: z.strictObject({ 优: percent.optional(), 良: percent.optional(), 中: percent.optional() }).optional(),
  precision: z.union([z.literal(0), z.literal(2)]).optional(),
});
export type CustomSchemeInput = z.infer<typeof customSchemeSchema>;

export interface SchemeIssue {
  path: string;
  message: string;
}

export type SchemeResolution = { success: true; scheme: Scheme } | { success: false; issues: SchemeIssue[] };

/** A preset name or a custom settings object → a complete, checked scheme. Never throws. */
export function safeResolveScheme(input: unknown): SchemeResolution {
  if (typeof input === 'string') {
    if ((SCHEME_NAMES as string[]).includes(input))
      return { success: true, scheme: SCHEME_PRESETS[input as SchemeName] };
    return {
      success: false,
      issues: [{ path: '', message: `未知的评分方案“${input}”，可选：${SCHEME_NAMES.join('、')}` }],
    };
  }
  const parsed = customSchemeSchema.safeParse(input, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    return {
      success: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    };
  }
  const scheme = mergeOverBase(parsed.data);
  const issues = checkSchemeConsistency(scheme);
  return issues.length > 0 ? { success: false, issues } : { success: true, scheme: deepFreeze(scheme) };
}

export class SchemeError extends Error {
  constructor(readonly issues: SchemeIssue[]) {
    super(`评分方案无效：${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('；')}`);
    this.name = 'SchemeError';
  }
}

/** Like {@link safeResolveScheme}, for callers where an invalid scheme is a programming error. */
export function resolveScheme(input: SchemeName | CustomSchemeInput | Scheme): Scheme {
  const resolution = safeResolveScheme(input);
  if (!resolution.success) throw new SchemeError(resolution.issues);
  return resolution.scheme;
}

function mergeOverBase(custom: CustomSchemeInput): Scheme {
  const base = SCHEME_PRESETS[custom.base ?? 'national'];
  const tiers = {} as Record<QualitativeTier, TierBand>;
  for (const tier of QUALITATIVE_TIERS)
    tiers[tier] = { ...base.qualitativeTiers[tier], ...stripUndefined(custom.qualitativeTiers?.[tier]) };
  return {
    ...base,
    ...stripUndefined({
      ...custom,
      base: undefined,
      levelPoints: undefined,
      qualitativeTiers: undefined,
      gradeBands: undefined,
    }),
    name: custom.name ?? 'custom',
    levelPoints: { ...base.levelPoints, ...stripUndefined(custom.levelPoints) },
    qualitativeTiers: tiers,
    gradeBands: { ...base.gradeBands, ...stripUndefined(custom.gradeBands) },
  } as Scheme;
}

/** Rules that tie several settings together; a single field's range is checked by the zod schema. */
function checkSchemeConsistency(scheme: Scheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const levelSum = LEVEL1_CODES.reduce((sum, code) => sum.plus(dec(scheme.levelPoints[code])), dec(0));
  // The rule book's "indicator points always add up to 100 − budget points".
  if (!levelSum.plus(dec(scheme.budgetPoints)).equals(100)) {
    issues.push({
      path: 'levelPoints',
      message: `预算执行率分值${scheme.budgetPoints}与各一级指标分值合计${levelSum.toFixed()}之和应为100`,
    });
  }
  const { 达成: met, 部分达成: partly, 未达成: notMet } = scheme.qualitativeTiers;
  const contiguous = notMet.min === 0 && notMet.max === partly.min && partly.max === met.min && met.max === 100;
  if (!contiguous) {
    issues.push({
      path: 'qualitativeTiers',
      message: '定性档次区间应依次相接并覆盖0–100：未达成[0, a)、部分达成[a, b)、达成[b, 100]',
    });
  }
  for (const tier of QUALITATIVE_TIERS) {
    const band = scheme.qualitativeTiers[tier];
    if (!(band.min < band.max)) issues.push({ path: `qualitativeTiers.${tier}`, message: `${tier}档次下限须小于上限` });
    else if (!isPercentInBand(band.defaultPercent, band)) {
      issues.push({
        path: `qualitativeTiers.${tier}.defaultPercent`,
        message: `${tier}档次默认比例${band.defaultPercent}%不在其区间${formatBand(band)}内`,
      });
    }
  }
  const { 优: excellent, 良: good, 中: fair } = scheme.gradeBands;
  if (!(excellent > good && good > fair)) issues.push({ path: 'gradeBands', message: '等级分数线须满足 优 > 良 > 中' });
  return issues;
}

/** The grade of a total by the scheme's bands (优 ≥ 90 · 良 ≥ 80 · 中 ≥ 60 · 差 otherwise by default). */
export function gradeFor(total: DecimalInput, scheme: Pick<Scheme, 'gradeBands'>): Grade {
  const value = dec(total);
  for (const grade of ['优', '良', '中'] as const) {
    if (value.greaterThanOrEqualTo(scheme.gradeBands[grade])) return grade;
  }
  return '差';
}

export function isPercentInBand(value: number | string, band: TierBand): boolean {
  const p = dec(value);
  return p.greaterThanOrEqualTo(band.min) && (band.maxInclusive ? p.lessThanOrEqualTo(band.max) : p.lessThan(band.max));
}

/** `[80, 100]` or `[60, 80)`. */
export function formatBand(band: TierBand): string {
  return `[${band.min}, ${band.max}${band.maxInclusive ? ']' : ')'}`;
}

/** `60%（含）至80%（不含）`, for messages to finance officers. */
export function bandInWords(band: TierBand): string {
  return `${band.min}%（含）至${band.max}%（${band.maxInclusive ? '含' : '不含'}）`;
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
