import ExcelJS from 'exceljs';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { draftFormValues } from '@/lib/evaluations/form-values';
import { unitOf } from '@/lib/evaluations/labels';
import { scoreStored } from '@/lib/evaluations/sheet';
import { evaluationSheetNames } from '@/lib/exports/workbooks';
import { formatWanYuan } from '@/lib/money';
import { QUALITATIVE_TIERS } from '@/lib/scoring/scheme';
import { COLUMNS, entryRows, HEADER_ROW, HEADINGS, LAST_VISIBLE_COLUMN, sheetKey, TITLE_ROW } from './layout';

/**
 * The offline entry workbook (`entry.xlsx`): one sheet per project with its targets in locked cells
 * (the sheet is protected), the 实际完成值 / 得分比例 / 偏差原因 cells open and filled with what is
 * saved now, a dropdown of the tiers for a qualitative target, one input row per part of a compound
 * target, the unit beside each value, the budget line and the 年度总体目标, and the hidden keys
 * (lib/entry/layout.ts) that let an upload map back.
 */
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const WIDTHS = [6, 10, 12, 26, 24, 7, 14, 8, 10, 40, 30];
export const INSTRUCTIONS =
  '填写说明：只需填写浅黄色单元格（实际完成值、定性指标的得分比例、偏差原因等），其余单元格已锁定；请勿增删行或调整行的顺序；数值按页面上的格式填写（如 95 或 95.5，不带单位）。填好后在系统中“上传填报表”，预览无误后确认导入。';

function openCell(cell: ExcelJS.Cell, value: string) {
  cell.value = value === '' ? null : value;
  cell.numFmt = '@';
  cell.protection = { locked: false };
  cell.fill = INPUT_FILL;
}

function writeProjectSheet(ws: ExcelJS.Worksheet, bundle: EvaluationBundle) {
  const draft = draftFormValues(bundle);
  const { result } = scoreStored(bundle);
  const { project } = bundle;
  WIDTHS.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.getColumn(COLUMNS.key).hidden = true;

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, LAST_VISIBLE_COLUMN);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = `${project.name}（${project.year}年度）绩效自评填报表`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  ws.getCell(TITLE_ROW, COLUMNS.key).value = sheetKey(bundle);
  ws.mergeCells(2, 1, 2, LAST_VISIBLE_COLUMN);
  ws.getCell(2, 1).value = INSTRUCTIONS;
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 36;
  const header = ws.getRow(HEADER_ROW);
  header.values = [...HEADINGS, '行标识（请勿修改）'];
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEAD_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  let r = HEADER_ROW + 1;
  for (const line of entryRows(bundle)) {
    const row = ws.getRow(r);
    row.getCell(COLUMNS.key).value = line.key;
    if (line.kind === 'indicator') {
      const ind = bundle.indicators[line.index];
      const entry = draft.indicators[line.index];
      const target = ind.parsedTarget;
      const first = line.part === null || line.part === 0;
      if (first) {
        row.getCell(COLUMNS.index).value = line.index + 1;
        row.getCell(COLUMNS.level1).value = ind.level1Name;
        row.getCell(COLUMNS.level2).value = ind.level2Name;
        row.getCell(COLUMNS.points).value = Number(result.indicators[line.index].points);
        row.getCell(COLUMNS.points).numFmt = '0.00';
      }
      row.getCell(COLUMNS.name).value = line.part === null ? ind.name : `${ind.name}（${line.partLabel}）`;
      row.getCell(COLUMNS.target).value =
        target.kind === 'compound' && line.part !== null ? target.parts[line.part].text : ind.annualTargetText;
      row.getCell(COLUMNS.unit).value = target.kind === 'qualitative' ? '等级' : unitOf(target, line.part ?? 0);
      if (target.kind === 'qualitative') {
        const tier = row.getCell(COLUMNS.value);
        openCell(tier, entry.tier);
        tier.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${QUALITATIVE_TIERS.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '评定等级',
          error: `请从列表中选择：${QUALITATIVE_TIERS.join('、')}`,
        };
        openCell(row.getCell(COLUMNS.percent), entry.percent);
      } else {
        openCell(row.getCell(COLUMNS.value), line.part === null ? entry.value : (entry.parts[line.part] ?? ''));
      }
      if (first) openCell(row.getCell(COLUMNS.explanation), entry.explanation);
    } else {
      ws.mergeCells(r, 1, r, COLUMNS.points);
      row.getCell(1).value = line.label;
      row.getCell(1).font = { bold: line.key === 'info:budget' };
      if (line.key === 'info:initial') {
        row.getCell(COLUMNS.value).value = formatWanYuan(project.budgetTotalFen, { grouping: false });
        row.getCell(COLUMNS.unit).value = '万元';
      } else if (line.key === 'info:goal') {
        ws.mergeCells(r, COLUMNS.value, r, LAST_VISIBLE_COLUMN);
        row.getCell(COLUMNS.value).value = project.goal;
      } else if (line.kind === 'field') {
        if (!line.money) ws.mergeCells(r, COLUMNS.value, r, LAST_VISIBLE_COLUMN);
        else row.getCell(COLUMNS.unit).value = '万元';
        openCell(row.getCell(COLUMNS.value), draft[line.field]);
      }
    }
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      if (column > LAST_VISIBLE_COLUMN) return;
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    r++;
  }
}

/** Row numbers are given by the layout; a sheet is protected without a password (the keys, not the lock, are the check). */
async function protect(ws: ExcelJS.Worksheet) {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}

/** `GET /api/evaluations/{id}/entry.xlsx` (one sheet) and `GET /api/years/{year}/entry.xlsx` (one per project). */
export async function buildEntryWorkbook(bundles: EvaluationBundle[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评';
  wb.created = new Date();
  const names = evaluationSheetNames(bundles);
  for (const [i, bundle] of bundles.entries()) {
    const ws = wb.addWorksheet(bundles.length === 1 ? '填报表' : names[i], {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    writeProjectSheet(ws, bundle);
    await protect(ws);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
