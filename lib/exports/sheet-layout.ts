import type { Alignment, Borders, Font, Style, Worksheet } from 'exceljs';

/** The few cell styles every exported sheet uses, and helpers to lay out bordered, merged boxes. */

export const NUMBER_FORMATS = {
  /** 万元, as the published tables print amounts. */
  money: '#,##0.00',
  /** Zero shows as an empty cell, as the published target tables leave unused fund sources blank. */
  moneyBlankZero: '#,##0.00;-#,##0.00;',
  points: '0.00',
  rate: '0.00%',
} as const;

/** The indicator columns of the 项目支出绩效自评表, which the indicator CSV follows too. */
export const INDICATOR_COLUMNS = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值'] as const;

/** A4 landscape, one page wide: how every sheet here prints. */
export const A4_LANDSCAPE = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
} as const;

/** Excel's number format for scores at the scheme's precision: `0`, `0.0` or `0.00`. */
export const scoreFormat = (precision: number) => (precision === 0 ? '0' : `0.${'0'.repeat(precision)}`);

const FONT_NAME = '宋体';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const ALL_BORDERS: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<Font> = {}): Partial<Font> => ({ name: FONT_NAME, size: 10, ...extra });
const align = (extra: Partial<Alignment> = {}): Partial<Alignment> => ({
  vertical: 'middle',
  wrapText: true,
  ...extra,
});

export const STYLES = {
  title: { font: font({ size: 16, bold: true }), alignment: align({ horizontal: 'center' }) },
  caption: { font: font(), alignment: align({ horizontal: 'right', wrapText: false }) },
  header: {
    font: font({ bold: true }),
    alignment: align({ horizontal: 'center' }),
    border: ALL_BORDERS,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  },
  label: { font: font({ bold: true }), alignment: align({ horizontal: 'center' }), border: ALL_BORDERS },
  text: { font: font(), alignment: align({ horizontal: 'left' }), border: ALL_BORDERS },
  centered: { font: font(), alignment: align({ horizontal: 'center' }), border: ALL_BORDERS },
  number: { font: font(), alignment: align({ horizontal: 'right' }), border: ALL_BORDERS },
  plain: { font: font(), alignment: align({ horizontal: 'left' }) },
} satisfies Record<string, Partial<Style>>;

type StyleName = keyof typeof STYLES;
export type CellContent = string | number | null;

/**
 * Writes a value into the box rows r1..r2 × columns c1..c2, styles every cell of it (Excel draws a
 * merged area's border from its edge cells) and merges it when it is larger than one cell.
 */
export function box(
  ws: Worksheet,
  r1: number,
  c1: number,
  r2: number,
  c2: number,
  value: CellContent,
  style: StyleName,
  numFmt?: string,
) {
  const styled: Partial<Style> = numFmt ? { ...STYLES[style], numFmt } : STYLES[style];
  for (let r = r1; r <= r2; r++) {
    const row = ws.getRow(r);
    for (let c = c1; c <= c2; c++) row.getCell(c).style = styled;
  }
  ws.getRow(r1).getCell(c1).value = value;
  if (r2 > r1 || c2 > c1) ws.mergeCells(r1, c1, r2, c2);
}

export function cell(ws: Worksheet, r: number, c: number, value: CellContent, style: StyleName, numFmt?: string) {
  box(ws, r, c, r, c, value, style, numFmt);
}

/** A decimal string as an Excel number (the one place exact decimals become floats: the stored cell). */
export const num = (decimal: string | null | undefined): number | null =>
  decimal === null || decimal === undefined || decimal === '' ? null : Number(decimal);

/** Display width in Excel column units: CJK and full-width characters take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

/**
 * Row height (points) that shows `text` wrapped in a box `width` units wide. Excel never grows a row
 * for a merged cell by itself, so the exports size rows from the text they hold.
 */
export function wrappedHeight(
  texts: Array<{ text: string; width: number }>,
  { lineHeight = 14, min = 20 } = {},
): number {
  let lines = 1;
  for (const { text, width } of texts) {
    const usable = Math.max(1, width - 1);
    const count = text.split('\n').reduce((sum, para) => sum + Math.max(1, Math.ceil(textWidth(para) / usable)), 0);
    lines = Math.max(lines, count);
  }
  return Math.max(min, Math.min(409, lines * lineHeight + 6));
}
