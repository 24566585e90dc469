import ExcelJS from 'exceljs';
import { fenToWanYuan } from '@/lib/money';
import type { ParsedIndicator, ParsedProject, ProjectBudget } from '@/lib/targets/parse-target-table';
import { A4_LANDSCAPE, box, cell, NUMBER_FORMATS, type CellContent, wrappedHeight } from './sheet-layout';

/**
 * The 绩效目标表 as a workbook, one row per indicator, laid out like the published table.
 * lib/targets/xlsx.ts reads it back (and any workbook laid out the same way).
 */

interface TargetWorkbookIndicator extends Pick<
  ParsedIndicator,
  'level1Code' | 'level1Name' | 'level2Code' | 'level2Name' | 'name' | 'periodTargetText' | 'annualTargetText'
> {
  /** Explicit 分值; absent or null = allocated by the rule book. */
  points?: string | null;
}

export interface TargetWorkbookTable {
  department: string;
  /** 部门名称 of the title block, e.g. `…（本级）`. */
  implementingUnit: string;
  year: number | null;
  projects: Array<
    Pick<ParsedProject, 'name' | 'unit' | 'goal'> & { budget: ProjectBudget; indicators: TargetWorkbookIndicator[] }
  >;
}

/** The columns, in order; the importer finds them by these header names wherever they stand. */
export const TARGET_WORKBOOK_COLUMNS = [
  ['项目名称', 24],
  ['资金使用单位', 18],
  ['总计', 12],
  ['财政拨款', 12],
  ['财政专户拨款', 12],
  ['其他资金', 12],
  ['绩效目标', 40],
  ['一级指标', 12],
  ['二级指标', 14],
  ['三级指标', 24],
  ['实施周期指标值', 24],
  ['年度指标值', 24],
  ['分值', 8],
] as const;

const PROJECT_COLUMNS = 7;
const TITLE_SUFFIX = '项目支出绩效目标表';

export function targetWorkbookTitle(
  table: Pick<TargetWorkbookTable, 'implementingUnit' | 'department' | 'year'>,
): string {
  return `${table.implementingUnit || table.department}${table.year ?? ''}${table.year ? '年' : ''}${TITLE_SUFFIX}`;
}

const wan = (fen: number) => fenToWanYuan(fen).toNumber();
const levelText = (code: string, name: string) => (code ? `${code}-${name}` : name);

/**
 * Writes the table: title and 部门名称 rows as published, the header, a 合计 row, then each project's
 * indicators with the project's own columns merged down its rows. 分值 appears only when some
 * indicator has one.
 */
export async function exportTargetWorkbook(table: TargetWorkbookTable): Promise<Buffer> {
  const withPoints = table.projects.some((p) =>
    p.indicators.some((ind) => ind.points !== undefined && ind.points !== null),
  );
  const columns = TARGET_WORKBOOK_COLUMNS.slice(0, withPoints ? 13 : 12);
  const last = columns.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评';
  const ws = wb.addWorksheet(`${table.year ?? ''}绩效目标表`.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: {
      ...A4_LANDSCAPE,
      printTitlesRow: '3:3',
    },
  });
  ws.columns = columns.map(([, width]) => ({ width }));

  box(ws, 1, 1, 1, last, targetWorkbookTitle(table), 'title');
  ws.getRow(1).height = 30;
  box(ws, 2, 1, 2, 6, `部门名称：${table.implementingUnit || table.department}`, 'plain');
  box(ws, 2, last - 1, 2, last, '单位：万元', 'caption');
  columns.forEach(([header], i) => cell(ws, 3, i + 1, header, 'header'));
  ws.getRow(3).height = 24;

  const sum = (key: keyof ProjectBudget) => table.projects.reduce((acc, p) => acc + p.budget[key], 0);
  box(ws, 4, 1, 4, 2, '合计', 'label');
  (['totalFen', 'fiscalFen', 'specialFen', 'otherFen'] as const).forEach((key, i) =>
    cell(ws, 4, 3 + i, wan(sum(key)), 'number', NUMBER_FORMATS.moneyBlankZero),
  );
  for (let c = PROJECT_COLUMNS; c <= last; c++) cell(ws, 4, c, null, 'text');

  let r = 5;
  for (const project of table.projects) {
    const span = Math.max(1, project.indicators.length);
    const projectCells: Array<[CellContent, 'text' | 'number', string?]> = [
      [project.name, 'text'],
      [project.unit, 'text'],
      [wan(project.budget.totalFen), 'number', NUMBER_FORMATS.moneyBlankZero],
      [wan(project.budget.fiscalFen), 'number', NUMBER_FORMATS.moneyBlankZero],
      [wan(project.budget.specialFen), 'number', NUMBER_FORMATS.moneyBlankZero],
      [wan(project.budget.otherFen), 'number', NUMBER_FORMATS.moneyBlankZero],
      [project.goal, 'text'],
    ];
    projectCells.forEach(([value, style, numFmt], i) => box(ws, r, i + 1, r + span - 1, i + 1, value, style, numFmt));
    let rowsHeight = 0;
    for (let k = 0; k < span; k++) {
      const ind = project.indicators[k];
      const values: CellContent[] = ind
        ? [
            levelText(ind.level1Code, ind.level1Name),
            levelText(ind.level2Code, ind.level2Name),
            ind.name,
            ind.periodTargetText,
            ind.annualTargetText,
          ]
        : [null, null, null, null, null];
      values.forEach((value, i) => cell(ws, r + k, PROJECT_COLUMNS + 1 + i, value, 'text'));
      if (withPoints) cell(ws, r + k, 13, ind?.points ? Number(ind.points) : null, 'number', NUMBER_FORMATS.points);
      const height = wrappedHeight(
        values.map((v, i) => ({ text: String(v ?? ''), width: columns[PROJECT_COLUMNS + i][1] })),
      );
      ws.getRow(r + k).height = height;
      rowsHeight += height;
    }
    // A long goal in its merged cell needs the rows under it to be tall enough together.
    const goalHeight = wrappedHeight([
      { text: project.goal, width: 40 },
      { text: project.name, width: 24 },
    ]);
    if (goalHeight > rowsHeight)
      ws.getRow(r + span - 1).height = Math.min(409, (ws.getRow(r + span - 1).height ?? 20) + goalHeight - rowsHeight);
    r += span;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
