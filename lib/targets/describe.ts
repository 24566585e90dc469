import type { Indicator } from '@/db/schema';
import { allocatePoints, type Scheme } from '@/lib/scoring';
import { COMPARATOR_SYMBOLS, TARGET_KIND_LABELS, type ParsedTarget, type QuantitativePart } from './types';

/**
 * `≥ 98 %`, `扫描仪 1 台（按 ≥ 计分）`, `90–95 %`: how the parser read one part. A bare number is shown as
 * published, without a sign it never had, with the direction the engine scores it in (at least).
 */
export function describePart(part: QuantitativePart): string {
  const label = part.label ? `${part.label} ` : '';
  const unit = part.unit ? ` ${part.unit}` : '';
  if (part.comparator === 'range') return `${label}${part.value}–${part.upper}${unit}`;
  if (part.comparator === '=') return `${label}${part.value}${unit}（按 ${COMPARATOR_SYMBOLS['>=']} 计分）`;
  return `${label}${COMPARATOR_SYMBOLS[part.comparator]} ${part.value}${unit}`;
}

export function describeTarget(target: ParsedTarget): string {
  if (target.kind === 'quantitative') return describePart(target);
  if (target.kind === 'compound') return target.parts.map(describePart).join('；');
  return '按等级评价';
}

export function targetKindLabel(target: ParsedTarget): string {
  return TARGET_KIND_LABELS[target.kind];
}

/**
 * Each indicator's 分值 as the engine allocates it under the year's scheme (rule book § Points per
 * indicator), and the allocation's problems in words (explicit 分值 that do not add up…).
 */
export function targetPoints(
  indicators: ReadonlyArray<Pick<Indicator, 'level1Code' | 'points'>>,
  scheme: Scheme,
): { points: string[]; problems: string[] } {
  const allocation = allocatePoints(
    indicators.map((i) => ({ level1Code: i.level1Code, points: i.points })),
    scheme,
  );
  return { points: allocation.points, problems: allocation.errors.map((e) => e.message) };
}
