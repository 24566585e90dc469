import type { ParsedTarget } from './types';

export interface TableWarning {
  /** Project name; null for the whole table. */
  project: string | null;
  /** Indicator number within the project (the `N、` of the table); null for the project or table. */
  row: number | null;
  /** 1-based line of the source text, when known. */
  line: number | null;
  code:
    | 'level_mismatch'
    | 'period_differs'
    | 'missing_level'
    | 'no_indicators'
    | 'numbering'
    | 'unreadable_row'
    | 'budget_columns'
    | 'total_mismatch'
    | 'no_projects'
    | 'unknown_level';
  message: string;
}

export const LEVEL1_NAMES: Record<string, string> = { '1': '产出指标', '2': '效益指标', '3': '满意度指标' };

export interface ParsedIndicator {
  /** The `N、` of the table, 1-based. */
  position: number;
  level1Code: string;
  level1Name: string;
  level2Code: string;
  level2Name: string;
  /** 三级指标. */
  name: string;
  /** 实施周期指标值, original text. */
  periodTargetText: string;
  /** 年度指标值, original text (never rewritten). */
  annualTargetText: string;
  target: ParsedTarget;
  /** Explicit 分值, when the source has a column for it (the xlsx layout); the PDF text has none. */
  points?: string | null;
  /** Import warnings of this row, in Chinese. */
  warnings: string[];
  line: number | null;
}

/** The texts an indicator has in a published target table, the same in every shape it is copied into. */
const INDICATOR_TEXTS = [
  'level1Code',
  'level1Name',
  'level2Code',
  'level2Name',
  'name',
  'periodTargetText',
  'annualTargetText',
] as const;
export type IndicatorTexts = Pick<ParsedIndicator, (typeof INDICATOR_TEXTS)[number]>;

export function indicatorTexts(indicator: IndicatorTexts): IndicatorTexts {
  return Object.fromEntries(INDICATOR_TEXTS.map((key) => [key, indicator[key]])) as IndicatorTexts;
}
