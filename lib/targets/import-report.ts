import { formatWanYuan } from '../money';
import { blockingProblems, type BlockingProblem } from './blocking';
import type { ParsedTable, TableWarning } from './parse-target-table';

export interface ImportReport {
  department: string;
  year: number | null;
  projects: number;
  indicators: number;
  /** 万元, two decimals, no grouping (`"1408.40"`). */
  budgetTotal: string;
  qualitative: number;
  warnings: Array<Pick<TableWarning, 'project' | 'row' | 'line' | 'code' | 'message'>>;
  /** Qualitative targets, listed so the importer can check nothing numeric was misread. */
  qualitativeTargets: Array<{ project: string; row: number; name: string; target: string }>;
  /** Why the table cannot be imported as read (lib/targets/blocking.ts); empty when it can. Nothing is written while any. */
  blocking: BlockingProblem[];
}

export function summarizeTable(table: ParsedTable, year: number | null = table.year): ImportReport {
  const indicators = table.projects.flatMap((p) => p.indicators.map((ind) => ({ project: p.name, ind })));
  const qualitative = indicators.filter(({ ind }) => ind.target.kind === 'qualitative');
  return {
    department: table.department,
    year,
    projects: table.projects.length,
    indicators: indicators.length,
    budgetTotal: formatWanYuan(
      table.projects.reduce((sum, p) => sum + p.budget.totalFen, 0),
      { grouping: false },
    ),
    qualitative: qualitative.length,
    warnings: table.warnings.map(({ project, row, line, code, message }) => ({ project, row, line, code, message })),
    qualitativeTargets: qualitative.map(({ project, ind }) => ({
      project,
      row: ind.position,
      name: ind.name,
      target: ind.annualTargetText,
    })),
    blocking: blockingProblems(table),
  };
}
