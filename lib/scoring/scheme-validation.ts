import { z } from 'zod';
import { dec } from '../decimal';
import { SCHEME_NAMES } from './scheme-presets';
import { LEVEL1_CODES, QUALITATIVE_TIERS, type Scheme, type ScorePrecision } from './scheme-types';
import { formatBand, isPercentInBand } from './tier-bands';

/** The checks a custom scheme passes before it is used: one field's range (zod), then how fields fit together. */

const percent = z.number().min(0, '不能小于0').max(100, '不能大于100');
const points = percent.refine((n) => dec(n).decimalPlaces() <= 2, '分值最多保留2位小数');
const tierBandInput = z.strictObject({
  min: percent.optional(),
  max: percent.optional(),
  maxInclusive: z.boolean().optional(),
  defaultPercent: percent.optional(),
});
const executionCap = z.strictObject({ below: percent, maxTotal: points });

export const PRECISION_MESSAGE = '精度只能是 2（两位小数）、1（一位小数）或 0（整数）';
export const scorePrecisionSchema = z.union([z.literal(0), z.literal(1), z.literal(2)], { error: PRECISION_MESSAGE });

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
  precision: scorePrecisionSchema.optional(),
  overAchievementDeduction: points.optional(),
  /** Replaces the base's list as a whole (an empty list removes every cap). */
  executionCaps: z.array(executionCap, { error: '应为封顶规则列表：[{"below": 80, "maxTotal": 89}, …]' }).optional(),
});
export type CustomSchemeInput = z.infer<typeof customSchemeSchema>;

export interface SchemeIssue {
  path: string;
  message: string;
}

/** Rules that tie several settings together; a single field's range is checked by the zod schema. */
export function checkSchemeConsistency(scheme: Scheme): SchemeIssue[] {
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
  issues.push(...capOrderIssues(scheme), ...precisionConflicts(scheme, scheme.precision));
  return issues;
}

/** Caps are listed as the rule book lists them: strictly from the highest `below` down (80, 70, 60, 50). */
function capOrderIssues({ executionCaps }: Pick<Scheme, 'executionCaps'>): SchemeIssue[] {
  return executionCaps.flatMap((cap, i) => {
    if (i === 0) return [];
    const previous = executionCaps[i - 1];
    const path = `executionCaps.${i}.below`;
    if (cap.below === previous.below)
      return [{ path, message: `与第${i}条封顶规则的执行率${cap.below}%重复，每个执行率只能设一条` }];
    if (cap.below > previous.below)
      return [
        {
          path,
          message: `封顶规则须按执行率从高到低排列（如 80、70、60、50），${cap.below}%应排在${previous.below}%之前`,
        },
      ];
    return [];
  });
}

/**
 * The deduction and every cap's maximum must be expressible at the score precision: a whole-point
 * scheme cannot take 0.5 off a score or cap a total at 79.5.
 */
export function precisionConflicts(
  scheme: Pick<Scheme, 'overAchievementDeduction' | 'executionCaps'>,
  precision: ScorePrecision,
): SchemeIssue[] {
  const finer = (value: number) => dec(value).decimalPlaces() > precision;
  const places = precision === 0 ? '须为整数' : `最多保留${precision}位小数`;
  const when = precision === 0 ? '得分取整时' : `得分保留${precision}位小数时`;
  const issues: SchemeIssue[] = [];
  if (finer(scheme.overAchievementDeduction)) {
    issues.push({
      path: 'overAchievementDeduction',
      message: `${when}，超额扣分${scheme.overAchievementDeduction}${places}`,
    });
  }
  scheme.executionCaps.forEach((cap, i) => {
    if (finer(cap.maxTotal))
      issues.push({
        path: `executionCaps.${i}.maxTotal`,
        message: `${when}，封顶总分${cap.maxTotal}${places}`,
      });
  });
  return issues;
}
