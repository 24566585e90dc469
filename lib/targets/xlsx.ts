import ExcelJS from 'exceljs';
import { cellAmount, cellDecimal, cellText } from '../exports/cell-values';
import { checkIndicatorRow } from './parse-indicators';
import { titlePrefix, titleYear } from './table-title';
import { LEVEL1_NAMES, tableWarnings } from './table-types';
import { UNREADABLE_WORKBOOK } from './xlsx-guard';
import type { ParsedIndicator, ParsedProject, ParsedTable, ProjectBudget, TableWarning } from './parse-target-table';

export {
  exportTargetWorkbook,
  targetWorkbookTitle,
  TARGET_WORKBOOK_COLUMNS,
  type TargetWorkbookTable,
} from '../exports/target-workbook';

/** What parseTargetWorkbook returns: a ParsedTable whose indicators also carry the 分值 column. */
export type WorkbookIndicator = ParsedIndicator & { points: string | null };
export type WorkbookProject = Omit<ParsedProject, 'indicators'> & { indicators: WorkbookIndicator[] };
export type ParsedTargetWorkbook = Omit<ParsedTable, 'projects'> & { projects: WorkbookProject[] };

/**
 * Reads a 绩效目标表 workbook: ours, or any laid out like the published table, one row per indicator,
 * the project's columns merged, repeated, or left blank below its first row (a unit subtotal row
 * without goal and indicators is allowed, as in the published PDF). Runs the text parser's row
 * checks. Never throws: what it cannot read becomes a warning; `line` in warnings is the sheet row.
 */
export async function parseTargetWorkbook(input: Buffer | ArrayBuffer | Uint8Array): Promise<ParsedTargetWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    const bytes = Buffer.isBuffer(input)
      ? input
      : Buffer.from(input instanceof ArrayBuffer ? new Uint8Array(input) : input);
    // exceljs's Buffer type predates @types/node's generic Buffer.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return unreadable(UNREADABLE_WORKBOOK);
  }
  for (const ws of wb.worksheets) {
    const header = findHeader(ws);
    if (header) return readSheet(ws, header);
  }
  return unreadable(NO_HEADER);
}

/**
 * Cells pasted from a sheet laid out like the workbook (lib/targets/pasted-cells.ts), one array of cell
 * texts per row: read exactly as a worksheet of the same cells would be.
 */
export function parseTargetGrid(rows: string[][]): ParsedTargetWorkbook {
  const ws = new ExcelJS.Workbook().addWorksheet('粘贴的单元格');
  for (const cells of rows) ws.addRow(cells.map((text) => (text === '' ? null : text)));
  const header = findHeader(ws);
  return header ? readSheet(ws, header) : unreadable(NO_HEADER);
}

const NO_HEADER = '未找到绩效目标表的表头：须有“项目名称”“一级指标”“二级指标”“三级指标”“年度指标值”等列';

function unreadable(message: string): ParsedTargetWorkbook {
  return {
    department: '',
    implementingUnit: '',
    year: null,
    declaredTotalFen: null,
    projects: [],
    warnings: [{ project: null, row: null, line: null, code: 'no_projects', message }],
  };
}

const HEADERS = {
  name: /^项目名称/,
  unit: /^(资金使用单位|实施单位|单位名称)/,
  total: /^(总计|合计|预算总额|资金总额)/,
  fiscal: /^财政拨款/,
  special: /^财政专户/,
  other: /^其他资金/,
  goal: /绩效目标$/,
  level1: /^一级指标/,
  level2: /^二级指标/,
  level3: /^(三级指标|指标名称)/,
  period: /^实施周期指标值/,
  annual: /^年度指标值/,
  points: /^分值/,
} as const;
type Field = keyof typeof HEADERS;
type Header = { row: number; columns: Partial<Record<Field, number>> };

const HEADER_SEARCH_ROWS = 30;

function findHeader(ws: ExcelJS.Worksheet): Header | null {
  for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SEARCH_ROWS); r++) {
    const columns: Header['columns'] = {};
    ws.getRow(r).eachCell((c, col) => {
      const text = cellText(c.value).replace(/\s+/g, '');
      const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].test(text));
      if (field && columns[field] === undefined) columns[field] = col;
    });
    if (columns.name && columns.level1 && columns.level3 && (columns.annual || columns.period))
      return { row: r, columns };
  }
  return null;
}

/** The title block: `…（本级）2024年项目支出绩效目标表` and `部门名称：…`. */
function readTitle(ws: ExcelJS.Worksheet, headerRow: number) {
  const lines: string[] = [];
  for (let r = 1; r < headerRow; r++) ws.getRow(r).eachCell((c) => lines.push(cellText(c.value).trim()));
  const text = lines.join('\n');
  const named = text.match(/部门名称[:：]\s*(\S+)/);
  return { year: titleYear(text), unitName: named?.[1] ?? titlePrefix(text)?.trim() ?? '' };
}

const INDICATOR_FIELDS: Field[] = ['level1', 'level2', 'level3', 'period', 'annual'];

type Builder = ParsedTargetWorkbook['projects'][number] & { rows: number; budgetText: string };

function readSheet(ws: ExcelJS.Worksheet, header: Header): ParsedTargetWorkbook {
  const warnings: TableWarning[] = [];
  const { year, unitName } = readTitle(ws, header.row);
  const projects: Builder[] = [];
  let declaredTotalFen: number | null = null;
  let totalLine: number | null = null;
  let unit = '';
  let department = '';
  let current: Builder | null = null;
  const seen = new Set<string>();
  // Warnings come in the text parser's order: a project's own after its rows'.
  const finish = (project: Builder | null) => project && projectWarnings(project, warnings);

  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const value = (f: Field) => (header.columns[f] ? row.getCell(header.columns[f]!).value : null);
    const text = (f: Field) => cellText(value(f)).replace(/\r\n?/g, '\n').trim();
    const line = (f: Field) => text(f).replace(/\n/g, '').trim();
    const name = text('name').replace(/\s+/g, '');
    const hasIndicator = INDICATOR_FIELDS.some((f) => line(f) !== '');
    if (!name && !hasIndicator && !text('goal')) continue;

    if (name === '合计' && !hasIndicator) {
      const total = cellAmount(value('total'));
      if ('fen' in total && declaredTotalFen === null) [declaredTotalFen, totalLine] = [total.fen, r];
      continue;
    }
    const open = current as Builder | null;
    const startsProject = name !== '' && name !== open?.name;
    if (startsProject && !hasIndicator && !text('goal')) {
      // A row with a name but neither goal nor indicators is a unit (资金使用单位) subtotal.
      unit = name;
      department ||= name;
      finish(open);
      current = null;
      continue;
    }
    if (startsProject && seen.has(name)) {
      finish(open);
      current = null;
      warnings.push({
        project: name,
        row: null,
        line: r,
        code: 'unreadable_row',
        message: `项目“${name}”在第${r}行再次出现，同一项目的行须连续，该行未导入`,
      });
      continue;
    }
    if (startsProject) {
      finish(open);
      seen.add(name);
      const projectUnit = text('unit').replace(/\s+/g, '') || unit || unitName;
      department ||= projectUnit;
      current = {
        name,
        unit: projectUnit,
        budget: readBudget(value, name, r, warnings),
        goal: text('goal'),
        indicators: [],
        line: r,
        rows: 0,
        budgetText: '',
      };
      current.budgetText = budgetKey(value);
      projects.push(current);
    } else if (!current) {
      warnings.push({
        project: null,
        row: null,
        line: r,
        code: 'unreadable_row',
        message: `第${r}行没有项目名称，未导入`,
      });
      continue;
    } else {
      current.goal ||= text('goal');
      const key = budgetKey(value);
      if (key !== '' && key !== current.budgetText) {
        warnings.push({
          project: current.name,
          row: null,
          line: r,
          code: 'budget_columns',
          message: `第${r}行的预算金额与该项目第一行不同，按第一行导入`,
        });
      }
    }
    if (!hasIndicator) continue;

    const position = ++current.rows;
    const annualCell = line('annual').replace(/[。.]\s*$/u, '');
    const indicator = checkIndicatorRow(
      {
        level1Text: line('level1'),
        level2Text: line('level2'),
        name: line('level3'),
        periodText: line('period').replace(/[；;\s]+$/, ''),
        annualText: annualCell,
        hasAnnual: annualCell !== '',
        excerpt: [line('level1'), line('level2'), line('level3'), line('annual')].join('；').slice(0, 40),
      },
      { position, line: r, project: current.name, warnings },
    );
    if (!indicator) continue;
    const points = cellDecimal(value('points'));
    if (points === undefined) {
      indicator.warnings.push(`分值“${line('points')}”不是数字，按计分规则分配`);
      warnings.push({
        project: current.name,
        row: position,
        line: r,
        code: 'unreadable_row',
        message: indicator.warnings.at(-1)!,
      });
    }
    current.indicators.push({ ...indicator, points: points ?? null });
  }

  finish(current);
  warnings.push(
    ...tableWarnings(
      projects.map((p) => p.budget.totalFen),
      { declaredTotalFen, totalLine },
      '未识别到任何项目：请确认表头下方每行填写了项目名称和绩效指标',
    ),
  );
  department ||= unitName.replace(/[（(]本级[)）]$/, '');
  return {
    department,
    implementingUnit: unitName || department,
    year,
    declaredTotalFen,
    projects: projects.map(({ rows: _rows, budgetText: _budgetText, ...project }) => project),
    warnings,
  };
}

const BUDGET_FIELDS = ['total', 'fiscal', 'special', 'other'] as const;

/** The four amounts as typed, to tell a repeated row from a contradicting one. */
function budgetKey(value: (f: Field) => ExcelJS.CellValue): string {
  return BUDGET_FIELDS.map((f) => {
    const a = cellAmount(value(f));
    return 'fen' in a ? String(a.fen) : 'blank' in a ? '' : a.unreadable;
  })
    .join('|')
    .replace(/^\|+$/, '');
}

function readBudget(
  value: (f: Field) => ExcelJS.CellValue,
  project: string,
  line: number,
  warnings: TableWarning[],
): ProjectBudget {
  const fen = (f: (typeof BUDGET_FIELDS)[number]) => {
    const a = cellAmount(value(f));
    if ('unreadable' in a)
      warnings.push({
        project,
        row: null,
        line,
        code: 'budget_columns',
        message: `金额“${a.unreadable}”无法识别（单位：万元，最多两位小数到分），按0导入`,
      });
    return 'fen' in a ? a.fen : null;
  };
  const [total, fiscal, special, other] = BUDGET_FIELDS.map(fen);
  const sum = (fiscal ?? 0) + (special ?? 0) + (other ?? 0);
  // As in the text tables: a total with no source columns filled in is all 财政拨款.
  const budget: ProjectBudget =
    fiscal === null && special === null && other === null
      ? { totalFen: total ?? 0, fiscalFen: total ?? 0, specialFen: 0, otherFen: 0 }
      : { totalFen: total ?? sum, fiscalFen: fiscal ?? 0, specialFen: special ?? 0, otherFen: other ?? 0 };
  if (budget.fiscalFen + budget.specialFen + budget.otherFen !== budget.totalFen) {
    warnings.push({
      project,
      row: null,
      line,
      code: 'budget_columns',
      message: '资金来源各列之和与总计不一致，请核对',
    });
  }
  return budget;
}

/** The project-level checks of the text parser, with the same messages. */
function projectWarnings(project: Builder, warnings: TableWarning[]) {
  if (project.rows === 0) {
    warnings.push({
      project: project.name,
      row: null,
      line: project.line,
      code: 'no_indicators',
      message: '未找到绩效指标：该项目没有填写一级指标、三级指标和年度指标值的行',
    });
    return;
  }
  if (project.indicators.length === 0) return;
  for (const [code, label] of Object.entries(LEVEL1_NAMES)) {
    if (!project.indicators.some((ind) => ind.level1Code === code)) {
      warnings.push({
        project: project.name,
        row: null,
        line: project.line,
        code: 'missing_level',
        message: `项目没有${label}，其分值将按比例分配给其他一级指标`,
      });
    }
  }
}
