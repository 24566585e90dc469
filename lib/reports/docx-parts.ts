import {
  AlignmentType,
  BorderStyle,
  Footer,
  HeadingLevel,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  TableCell,
  TextRun,
  VerticalAlignTable,
  type IStylesOptions,
  type ISectionPropertiesOptions,
} from 'docx';
import { BODY_FONT, HEADING_FONT, runFonts, TITLE_FONT } from './fonts';

/**
 * The pieces of an official document in Word (GB/T 9704): A4, 三号 (16 pt) 仿宋_GB2312 body at a fixed
 * 28 pt line, 黑体 first-level headings, a 二号 宋体 title, page numbers at the foot.
 */
const SIZE = { title: 44, body: 32, table: 21, tableSmall: 18 } as const;
const MM = 56.7;

const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
const TABLE_STYLE = { table: 'TableText', tableSmall: 'TableTextSmall' } as const;

export const DOCUMENT_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: runFonts(BODY_FONT), size: SIZE.body, language },
      paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } },
    },
    title: {
      run: { font: runFonts(TITLE_FONT), size: SIZE.title, bold: true, language },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 280, line: 700, lineRule: LineRuleType.EXACT } },
    },
    heading1: {
      run: { font: runFonts(HEADING_FONT), size: SIZE.body, bold: false, color: '000000', language },
      paragraph: { indent: { firstLine: 640 }, keepNext: true, spacing: { line: 560, lineRule: LineRuleType.EXACT } },
    },
    heading2: {
      run: { font: runFonts(BODY_FONT), size: SIZE.body, bold: true, color: '000000', language },
      paragraph: { indent: { firstLine: 640 }, keepNext: true, spacing: { line: 560, lineRule: LineRuleType.EXACT } },
    },
  },
  // Table text as styles, not as properties of every run: a department report has thousands of cells.
  paragraphStyles: (['table', 'tableSmall'] as const).map((id) => ({
    id: TABLE_STYLE[id],
    name: TABLE_STYLE[id],
    basedOn: 'Normal',
    run: { font: runFonts(TITLE_FONT), size: SIZE[id] },
    paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO } },
  })),
};

const pageNumberFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28 })],
      }),
    ],
  });

/** A4 portrait with the standard's margins (top 37, bottom 35, left 28, right 26 mm). */
export const portraitSection = (): ISectionPropertiesOptions => ({
  page: {
    size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
    margin: {
      top: Math.round(37 * MM),
      bottom: Math.round(35 * MM),
      left: Math.round(28 * MM),
      right: Math.round(26 * MM),
    },
  },
});

/** A4 landscape for the annex's tables. */
export const landscapeSection = (): ISectionPropertiesOptions => ({
  page: {
    size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
    margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
  },
});

export const footers = () => ({ default: pageNumberFooter() });

export const title = (text: string, pageBreakBefore = false) =>
  new Paragraph({ heading: HeadingLevel.TITLE, pageBreakBefore, children: [new TextRun(text)] });

/** `（2024年度）` or the department under the title. */
export const subtitle = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 280 }, children: [new TextRun(text)] });

export const heading1 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
export const heading2 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });

/** A body paragraph, first line indented by two characters; line breaks in `text` start new paragraphs. */
export function body(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun(line.trim())] }));
}

/** The annex heading, `附件` flush left in 黑体. */
export const annexHeading = (text: string, pageBreakBefore = false) =>
  new Paragraph({
    pageBreakBefore,
    spacing: { after: 120 },
    children: [new TextRun({ text, font: runFonts(HEADING_FONT) })],
  });

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const TABLE_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

/** A table cell of 宋体 text (五号, or 小五 for the long tables); `\n` breaks lines. */
export function cell(
  text: string,
  options: {
    columnSpan?: number;
    rowSpan?: number;
    bold?: boolean;
    align?: 'left' | 'center' | 'right';
    small?: boolean;
  } = {},
): TableCell {
  const alignment =
    options.align === 'right'
      ? AlignmentType.RIGHT
      : options.align === 'left'
        ? AlignmentType.LEFT
        : AlignmentType.CENTER;
  const lines = text.split(/\r?\n/);
  return new TableCell({
    columnSpan: options.columnSpan,
    rowSpan: options.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: lines.map(
      (line) =>
        new Paragraph({
          alignment,
          style: options.small ? TABLE_STYLE.tableSmall : TABLE_STYLE.table,
          children: [new TextRun({ text: line, bold: options.bold })],
        }),
    ),
  });
}
