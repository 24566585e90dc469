import type { Scheme } from './scheme-types';

/** The presets of the rule book's § The scheme: "national", "hubei" and "integrated". */

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
  overAchievementDeduction: 0,
  executionCaps: [],
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

/** The 2022 operating manual of the 预算管理一体化平台: national, a 2-point deduction and four caps. */
export const INTEGRATED_SCHEME: Scheme = deepFreeze({
  ...NATIONAL_SCHEME,
  name: 'integrated',
  overAchievementDeduction: 2,
  executionCaps: [
    { below: 80, maxTotal: 89 },
    { below: 70, maxTotal: 79 },
    { below: 60, maxTotal: 69 },
    { below: 50, maxTotal: 59 },
  ],
});

export const SCHEME_PRESETS = {
  national: NATIONAL_SCHEME,
  hubei: HUBEI_SCHEME,
  integrated: INTEGRATED_SCHEME,
} as const;
export type SchemeName = keyof typeof SCHEME_PRESETS;
export const SCHEME_NAMES = Object.keys(SCHEME_PRESETS) as SchemeName[];

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
