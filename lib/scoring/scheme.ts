import { z } from 'zod';
import { dec, type DecimalInput } from '../decimal';
import { SCHEME_NAMES, SCHEME_PRESETS, deepFreeze, type SchemeName } from './scheme-presets';
import { QUALITATIVE_TIERS, type Grade, type QualitativeTier, type Scheme, type TierBand } from './scheme-types';
import {
  checkSchemeConsistency,
  customSchemeSchema,
  type CustomSchemeInput,
  type SchemeIssue,
} from './scheme-validation';

/** A year's scheme from what is stored or typed: a preset name, or custom settings over a preset. */

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
      executionCaps: undefined,
    }),
    name: custom.name ?? 'custom',
    levelPoints: { ...base.levelPoints, ...stripUndefined(custom.levelPoints) },
    qualitativeTiers: tiers,
    gradeBands: { ...base.gradeBands, ...stripUndefined(custom.gradeBands) },
    executionCaps: (custom.executionCaps ?? base.executionCaps).map((cap) => ({ ...cap })),
  } as Scheme;
}

/** The grade of a total by the scheme's bands (优 ≥ 90 · 良 ≥ 80 · 中 ≥ 60 · 差 otherwise by default). */
export function gradeFor(total: DecimalInput, scheme: Pick<Scheme, 'gradeBands'>): Grade {
  const value = dec(total);
  for (const grade of ['优', '良', '中'] as const) {
    if (value.greaterThanOrEqualTo(scheme.gradeBands[grade])) return grade;
  }
  return '差';
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export { HUBEI_SCHEME, INTEGRATED_SCHEME, NATIONAL_SCHEME, SCHEME_NAMES, SCHEME_PRESETS } from './scheme-presets';
export type { SchemeName } from './scheme-presets';
export { customSchemeSchema, precisionConflicts, scorePrecisionSchema } from './scheme-validation';
export type { CustomSchemeInput, SchemeIssue } from './scheme-validation';
export { bandInWords, formatBand, isPercentInBand } from './tier-bands';
export { GRADES, LEVEL1_CODES, LEVEL1_NAMES, QUALITATIVE_TIERS } from './scheme-types';
export type * from './scheme-types';
