import type { ActualValue } from '@/db/schema';
import type { ParsedTarget } from '@/lib/targets/types';

/**
 * The label of each part of a compound target: the part's own label (`扫描仪`), else the
 * indicator name split at its commas when it names as many things (`…次数，清洗油罐个数`),
 * else `第n项`.
 */
export function partLabels(name: string, target: ParsedTarget): string[] {
  if (target.kind !== 'compound') return [];
  const fromName = name.split(/[，,]/).map((s) => s.trim());
  return target.parts.map(
    (part, i) => part.label ?? (fromName.length === target.parts.length ? fromName[i] : `第${i + 1}项`),
  );
}

/** The unit typed after the number: `%`, `家`, …; a compound part's own unit. */
export function unitOf(target: ParsedTarget, part = 0): string {
  if (target.kind === 'quantitative') return target.unit;
  if (target.kind === 'compound') return target.parts[part]?.unit ?? '';
  return '';
}

/**
 * An actual as the published tables print it: `99%`, `扫描仪1台；信创台式电脑12台`, `4次；1个`,
 * `部分达成 75%`; '' when not entered. A part's own label is kept; its unit tells the rest apart.
 */
export function describeActualWithUnits(target: ParsedTarget, actual: ActualValue | null): string {
  if (actual === null) return '';
  if (typeof actual === 'string') return `${actual}${unitOf(target)}`;
  if (Array.isArray(actual)) {
    const parts = target.kind === 'compound' ? target.parts : [];
    return actual
      .map((v, i) => (v === '' ? '' : `${parts[i]?.label ?? ''}${v}${parts[i]?.unit ?? ''}`))
      .filter(Boolean)
      .join('；');
  }
  return actual.percent ? `${actual.tier} ${actual.percent}%` : actual.tier;
}
