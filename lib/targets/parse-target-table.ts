import { parseWanYuan } from '../money';
import { parseIndicatorList } from './parse-indicators';
import { INDICATOR_START, RowBody, type SourceLine } from './row-body';
import { titleYear } from './table-title';
import { tableWarnings, type ParsedIndicator, type TableWarning } from './table-types';
import { dropTrailing } from './text-edges';

export type { ParsedIndicator, TableWarning } from './table-types';

export interface ProjectBudget {
  /** 合计 (总计 column), 分. */
  totalFen: number;
  fiscalFen: number;
  specialFen: number;
  otherFen: number;
}

export interface ParsedProject {
  name: string;
  /** 资金使用单位: the unit row above the project. */
  unit: string;
  budget: ProjectBudget;
  /** 绩效目标 text, lines rejoined. */
  goal: string;
  indicators: ParsedIndicator[];
  /** 1-based line of the project's name in the source text. */
  line: number;
}

export interface ParsedTable {
  /** 主管部门: the first unit row (or 部门名称 when the table has no unit row). */
  department: string;
  /** 部门名称 as printed in the header, e.g. `…（本级）`; the 实施单位. */
  implementingUnit: string;
  year: number | null;
  /** The 合计 row, 分; null when the table does not print one. */
  declaredTotalFen: number | null;
  projects: ParsedProject[];
  warnings: TableWarning[];
}

const MONEY_TOKEN = /^\d{1,3}(?:,\d{3})*\.\d{2}$|^\d+\.\d{2}$/;
const INDENT = /^[ \t\u3000]{2,}\S/;
/** 总计, 财政拨款, 财政专户拨款, 其他资金: the amounts a row can have; more printed are ignored. */
const BUDGET_COLUMNS = 4;

interface RawRow {
  nameLines: string[];
  line: number;
  amounts: number[];
  body: RowBody;
}

/**
 * Parses a published 绩效目标表 as extracted from its PDF (lines broken mid-word, full-width signs)
 * into unit → projects → indicators. Never throws: what it cannot read becomes a warning.
 */
export function parseTargetTable(input: string): ParsedTable {
  const text = typeof input === 'string' ? input : '';
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const warnings: TableWarning[] = [];

  const header = readHeader(lines);
  const rows = splitRows(lines, header.bodyStart);

  const projects: ParsedProject[] = [];
  let unit = '';
  let department = '';
  for (const row of rows) {
    const name = joinName(row.nameLines);
    if (row.body.lines.length === 0) {
      // A row without goal and indicators is a unit (资金使用单位) subtotal.
      unit = name;
      department ||= name;
      continue;
    }
    projects.push(buildProject(row, name, unit || header.unitName, warnings));
  }
  department ||= stripLevelSuffix(header.unitName);

  warnings.push(
    ...tableWarnings(
      projects.map((p) => p.budget.totalFen),
      header,
      '未识别到任何项目：请确认粘贴的是完整的绩效目标表',
    ),
  );

  return {
    department,
    implementingUnit: header.unitName || department,
    year: header.year,
    declaredTotalFen: header.declaredTotalFen,
    projects,
    warnings,
  };
}

function readHeader(lines: string[]) {
  let year: number | null = null;
  let unitName = '';
  let declaredTotalFen: number | null = null;
  let totalLine: number | null = null;
  let bodyStart = 0;
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    const line = lines[i].trim();
    if (year === null) year = titleYear(line);
    const unit = line.match(/部门名称[:：]\s*(\S+)/);
    if (unit && !unitName) unitName = unit[1];
    if (/^合计(\s|$)/.test(line)) {
      const total = parseWanYuan(line.split(/\s+/, 2)[1] ?? '');
      if (total !== null) declaredTotalFen = total;
      totalLine = i + 1;
      bodyStart = i + 1;
      break;
    }
    if (/绩效指标\s*$/.test(line)) bodyStart = i + 1;
  }
  return { year, unitName, declaredTotalFen, totalLine, bodyStart };
}

/** Groups lines into rows: name lines, an amounts line, then the body (绩效目标 and 绩效指标). */
function splitRows(lines: string[], start: number): RawRow[] {
  const rows: RawRow[] = [];
  let pendingName: SourceLine[] = [];
  let current: RawRow | null = null;

  const startRow = (nameLines: SourceLine[], amounts: number[]) => {
    current = { nameLines: nameLines.map((l) => l.text), line: nameLines[0]?.line ?? 0, amounts, body: new RowBody() };
    rows.push(current);
    pendingName = [];
  };

  for (let i = start; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const entry = { text: trimmed, line: i + 1 };
    const split = splitTrailingAmounts(trimmed);
    const row = current as RawRow | null;

    if (split) {
      // An amounts line closes a name. Body lines of a row that never reached its indicators were in fact
      // that name (tables whose indentation was lost), so they move over.
      let nameLines = pendingName;
      if (row && nameLines.length === 0 && !row.body.hasIndicators) nameLines = row.body.take();
      if (split.name) nameLines.push({ text: split.name, line: entry.line });
      startRow(nameLines.length ? nameLines : [{ text: '', line: entry.line }], split.amounts);
      continue;
    }
    if (pendingName.length > 0 || !row) {
      pendingName.push(entry);
      continue;
    }
    if (INDENT.test(raw) || endsIndicatorBlock(row.body, trimmed)) {
      pendingName.push(entry);
      continue;
    }
    row.body.push(entry);
  }
  return rows;
}

/** The amounts ending a line (`38.00 38.00`) and what precedes them, read token by token (one list of a line's tokens made a line of a million amounts slow to collect). */
function splitTrailingAmounts(line: string): { name: string; amounts: number[] } | null {
  const token = /\S+/g;
  let nameEnd = 0;
  let amounts: string[] | null = null;
  for (let m = token.exec(line); m; m = token.exec(line)) {
    if (!MONEY_TOKEN.test(m[0])) {
      [nameEnd, amounts] = [token.lastIndex, null];
      continue;
    }
    amounts ??= [];
    if (amounts.length < BUDGET_COLUMNS) amounts.push(m[0]);
  }
  if (!amounts) return null;
  return { name: line.slice(0, nameEnd).replace(/\s+/g, ' '), amounts: amounts.map((t) => parseWanYuan(t) ?? 0) };
}

/** After the last indicator's 年度指标值 ends with `。`, a line that does not continue the list starts a new name. */
function endsIndicatorBlock(body: RowBody, next: string): boolean {
  if (!body.hasIndicators || !body.endsWith('。') || !body.annualAfterLastItem()) return false;
  return !/^(\d+)?[、。；;，,:：]/.test(next) && !/^\d+、/.test(next);
}

function buildProject(row: RawRow, name: string, unit: string, warnings: TableWarning[]): ParsedProject {
  const [totalFen = 0, ...columns] = row.amounts;
  const budget = assignBudgetColumns(totalFen, columns);
  if (budget.fiscalFen + budget.specialFen + budget.otherFen !== totalFen) {
    warnings.push({
      project: name,
      row: null,
      line: row.line,
      code: 'budget_columns',
      message: '资金来源各列之和与总计不一致，请核对',
    });
  }

  const joined = row.body.lines.map((l) => l.text).join('');
  const start = joined.search(INDICATOR_START);
  const goalEnd = start < 0 ? joined.length : start;
  const goal = rejoinGoal(row.body.lines, goalEnd);
  const indicators = start < 0 ? [] : parseIndicatorList(row.body.lines, start, name, warnings);
  if (start < 0) {
    warnings.push({
      project: name,
      row: null,
      line: row.line,
      code: 'no_indicators',
      message: '未找到绩效指标（应以“1、1-产出指标；”形式开始）',
    });
  }
  for (const [code, label] of [
    ['1', '产出指标'],
    ['2', '效益指标'],
    ['3', '满意度指标'],
  ] as const) {
    if (indicators.length > 0 && !indicators.some((ind) => ind.level1Code === code)) {
      warnings.push({
        project: name,
        row: null,
        line: row.line,
        code: 'missing_level',
        message: `项目没有${label}，其分值将按比例分配给其他一级指标`,
      });
    }
  }
  return { name, unit, budget, goal, indicators, line: row.line };
}

/** PDF extraction drops empty columns, so the order of the printed amounts decides the columns. */
function assignBudgetColumns(totalFen: number, columns: number[]): ProjectBudget {
  if (columns.length >= 3) return { totalFen, fiscalFen: columns[0], specialFen: columns[1], otherFen: columns[2] };
  if (columns.length === 2) return { totalFen, fiscalFen: columns[0], specialFen: 0, otherFen: columns[1] };
  if (columns.length === 1) return { totalFen, fiscalFen: columns[0], specialFen: 0, otherFen: 0 };
  return { totalFen, fiscalFen: totalFen, specialFen: 0, otherFen: 0 };
}

function joinName(lines: string[]): string {
  return lines.join('').replace(/\s+/g, '');
}

function stripLevelSuffix(unit: string): string {
  return unit.replace(/[（(]本级[)）]$/, '');
}

/** Lines are rejoined without separators (breaks fall mid-word), keeping a paragraph break after `。` or `：`. */
function rejoinGoal(body: Array<{ text: string }>, length: number): string {
  let out = '';
  let consumed = 0;
  for (const { text } of body) {
    if (consumed >= length) break;
    const piece = text.slice(0, length - consumed);
    consumed += piece.length;
    out += piece;
    if ('。：:'.includes(piece.at(-1) ?? '\n')) out += '\n';
  }
  return dropTrailing(out, (ch) => ch === '\n');
}
