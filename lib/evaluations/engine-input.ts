import type { ActualValue } from '@/db/schema';
import { fenToWanYuan } from '@/lib/money';
import type { EvaluationInput, IndicatorActual, Level1Code, Scheme } from '@/lib/scoring';
import { QUALITATIVE_TIERS, type QualitativeTier } from '@/lib/scoring/scheme';
import type { ParsedTarget } from '@/lib/targets/types';
import type { IndicatorEntry } from './form-schema';

/** What the engine needs of one indicator, shared by the server and the browser's live preview. */
export interface SheetIndicator {
  id: number;
  position: number;
  level1Code: string;
  level1Name: string;
  level2Name: string;
  name: string;
  annualTargetText: string;
  target: ParsedTarget;
  points: string | null;
}

export interface Sheet {
  budgetInitialFen: number;
  indicators: SheetIndicator[];
}

/** Values of one indicator as entered (form strings), plus the finance reviewer's score where set. */
export interface EntryValues {
  actual: ActualValue | null;
  explanation: string;
  deduction: { score: string; reason: string } | null;
  reviewed: { score: string; reason: string } | null;
}

export interface BudgetValues {
  adjusted: string;
  executed: string;
  explanation: string;
  reviewed: { score: string; reason: string } | null;
}

/** The stored form of a form entry: null when nothing is entered, partial compound parts kept. */
export function actualFromEntry(
  target: ParsedTarget,
  entry: Pick<IndicatorEntry, 'value' | 'parts' | 'tier' | 'percent'>,
): ActualValue | null {
  if (target.kind === 'qualitative')
    return entry.tier ? { tier: entry.tier, ...(entry.percent ? { percent: entry.percent } : {}) } : null;
  if (target.kind === 'compound') {
    const parts = target.parts.map((_, i) => entry.parts[i]?.trim() ?? '');
    return parts.every((p) => p === '') ? null : parts;
  }
  return entry.value.trim() === '' ? null : entry.value.trim();
}

/** What the engine scores: an incomplete compound actual is "not entered yet". */
export function engineActual(target: ParsedTarget, actual: ActualValue | null): IndicatorActual {
  if (actual === null) return null;
  if (target.kind === 'qualitative') {
    if (
      typeof actual !== 'object' ||
      Array.isArray(actual) ||
      !QUALITATIVE_TIERS.includes(actual.tier as QualitativeTier)
    )
      return null;
    return { tier: actual.tier as QualitativeTier, percent: actual.percent ?? null };
  }
  if (target.kind === 'compound') return Array.isArray(actual) && actual.every((p) => p !== '') ? actual : null;
  return typeof actual === 'string' && actual !== '' ? actual : null;
}

export function buildEngineInput(
  sheet: Sheet,
  scheme: Scheme,
  entries: EntryValues[],
  budget: BudgetValues,
): EvaluationInput {
  const initial = fenToWanYuan(sheet.budgetInitialFen).toFixed();
  return {
    scheme,
    budget: {
      initial,
      adjusted: budget.adjusted.trim() || null,
      executed: budget.executed.trim() || null,
      explanation: budget.explanation,
      reviewed: budget.reviewed,
    },
    indicators: sheet.indicators.map((ind, i) => ({
      name: ind.name,
      level1Code: ind.level1Code as Level1Code,
      target: ind.target,
      points: ind.points,
      actual: engineActual(ind.target, entries[i]?.actual ?? null),
      explanation: entries[i]?.explanation ?? '',
      deduction: entries[i]?.deduction ?? null,
      reviewed: entries[i]?.reviewed ?? null,
    })),
  };
}

/** Form entry → engine entry values (the reviewer's scores come from the server, not the form). */
export function entryValuesFromForm(
  sheet: Sheet,
  entries: IndicatorEntry[],
  reviewed: Array<EntryValues['reviewed']> = [],
): EntryValues[] {
  return sheet.indicators.map((ind, i) => {
    const entry = entries[i];
    if (!entry) return { actual: null, explanation: '', deduction: null, reviewed: reviewed[i] ?? null };
    return {
      actual: actualFromEntry(ind.target, entry),
      explanation: entry.explanation,
      deduction: entry.deduction.enabled ? { score: entry.deduction.score, reason: entry.deduction.reason } : null,
      reviewed: reviewed[i] ?? null,
    };
  });
}

/** Stored actual → the form's fields. */
export function entryFieldsFromActual(
  target: ParsedTarget,
  actual: ActualValue | null,
): Pick<IndicatorEntry, 'value' | 'parts' | 'tier' | 'percent'> {
  const empty = {
    value: '',
    parts: target.kind === 'compound' ? target.parts.map(() => '') : [],
    tier: '' as const,
    percent: '',
  };
  if (actual === null) return empty;
  if (target.kind === 'qualitative' && typeof actual === 'object' && !Array.isArray(actual)) {
    const tier = QUALITATIVE_TIERS.includes(actual.tier as QualitativeTier) ? (actual.tier as QualitativeTier) : '';
    return { ...empty, tier, percent: actual.percent ?? '' };
  }
  if (target.kind === 'compound' && Array.isArray(actual))
    return { ...empty, parts: target.parts.map((_, i) => actual[i] ?? '') };
  if (typeof actual === 'string') return { ...empty, value: actual };
  return empty;
}

/** `27`, `4；1`, `部分达成 70%`: an actual in words, for audit entries and read-only views. */
export function describeActual(actual: ActualValue | null): string {
  if (actual === null) return '';
  if (typeof actual === 'string') return actual;
  if (Array.isArray(actual)) return actual.join('；');
  return actual.percent ? `${actual.tier} ${actual.percent}%` : actual.tier;
}

/** `12（佐证材料不足）`: a score with its reason, for audit entries; '' for none. */
export function describeScore(line: { score: string; reason: string } | null): string {
  return line ? `${line.score}（${line.reason}）` : '';
}
