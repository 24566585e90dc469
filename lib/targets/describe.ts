import { COMPARATOR_SYMBOLS, TARGET_KIND_LABELS, type ParsedTarget, type QuantitativePart } from './types';

/** `≥ 98 %`, `扫描仪 = 1 台`, `90–95 %`: how the parser read one part. */
export function describePart(part: QuantitativePart): string {
  const label = part.label ? `${part.label} ` : '';
  const unit = part.unit ? ` ${part.unit}` : '';
  if (part.comparator === 'range') return `${label}${part.value}–${part.upper}${unit}`;
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
