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

/**
 * The warnings about a whole table, whatever it was read from: projects that do not add up to the
 * header's 合计, and a table without any project (`noProjects` says what to check in that source).
 */
export function tableWarnings(
  projectTotalsFen: number[],
  header: { declaredTotalFen: number | null; totalLine: number | null },
  noProjects: string,
): TableWarning[] {
  const warnings: TableWarning[] = [];
  const sum = projectTotalsFen.reduce((acc, fen) => acc + fen, 0);
  if (header.declaredTotalFen !== null && sum !== header.declaredTotalFen) {
    const message = '各项目预算合计与表头“合计”不一致，请核对';
    warnings.push({ project: null, row: null, line: header.totalLine, code: 'total_mismatch', message });
  }
  if (projectTotalsFen.length === 0) {
    warnings.push({ project: null, row: null, line: null, code: 'no_projects', message: noProjects });
  }
  return warnings;
}
