import { Document, Packer, type Paragraph, type Table } from 'docx';
import { DEPARTMENT_SUMMARY_HEADINGS, type DepartmentReport } from './department-report';
import { departmentSummaryTable, selfEvaluationDocxTable } from './docx-annex';
import {
  annexHeading,
  body,
  DOCUMENT_STYLES,
  footers,
  heading1,
  heading2,
  landscapeSection,
  portraitSection,
  subtitle,
  title,
} from './docx-parts';
import { fontTableXml } from './fonts';
import { UNWRITTEN } from './sections';
import type { EvaluationReport, ReportSection } from './report-model';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sectionBlocks(sections: ReportSection[]): Paragraph[] {
  return sections.flatMap((section) => [
    heading1(section.heading),
    ...section.parts.flatMap((part) => [
      ...(part.heading ? [heading2(part.heading)] : []),
      ...part.paragraphs.flatMap(body),
      ...(part.free ? body(part.free.text.trim() || (part.paragraphs.length === 0 ? UNWRITTEN : '')) : []),
    ]),
  ]);
}

/** The title block and sections of one project's report. */
function reportBody(report: EvaluationReport, pageBreakBefore = false): Paragraph[] {
  return [
    title(report.title, pageBreakBefore),
    subtitle(`（${report.year}年度）`),
    ...body(`报送单位：${report.department}`),
    ...sectionBlocks(report.sections),
  ];
}

function annexBlocks(report: EvaluationReport, label: string, pageBreakBefore: boolean): Array<Paragraph | Table> {
  return [
    annexHeading(label, pageBreakBefore),
    title(`${report.annex.title}`),
    subtitle(`项目名称：${report.projectName}　　金额单位：万元`),
    selfEvaluationDocxTable(report.annex),
  ];
}

async function pack(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}

const documentOf = (name: string, sections: ConstructorParameters<typeof Document>[0]['sections']) =>
  new Document({ creator: '绩效自评', title: name, styles: DOCUMENT_STYLES, sections });

/** `GET /api/evaluations/{id}/report.docx`: the report, A4 portrait, then the 自评表 annex in landscape. */
export function evaluationReportDocx(report: EvaluationReport): Promise<Buffer> {
  return pack(
    documentOf(report.title, [
      { properties: portraitSection(), footers: footers(), children: reportBody(report) },
      {
        properties: landscapeSection(),
        footers: footers(),
        children: annexBlocks(report, '附件：项目支出绩效自评表', false),
      },
    ]),
  );
}

/**
 * `GET /api/years/{year}/departments/{id}/report.docx`: the summary of every project first, then each
 * project's report on its own pages, then every 自评表 as numbered annexes.
 */
export function departmentReportDocx(report: DepartmentReport): Promise<Buffer> {
  const summary = [
    title(report.title),
    heading1('一、总体情况'),
    ...report.intro.flatMap(body),
    heading1('二、项目自评汇总表'),
    departmentSummaryTable(DEPARTMENT_SUMMARY_HEADINGS, report.summary),
    ...(report.projects.length === 0 ? body('本年度没有项目。') : []),
  ];
  const projects = report.projects.flatMap((project) => reportBody(project, true));
  const annexes = report.projects.flatMap((project, i) =>
    annexBlocks(project, `附件${i + 1}：${project.projectName}项目支出绩效自评表`, i > 0),
  );
  return pack(
    documentOf(report.title, [
      { properties: portraitSection(), footers: footers(), children: [...summary, ...projects] },
      ...(annexes.length > 0 ? [{ properties: landscapeSection(), footers: footers(), children: annexes }] : []),
    ]),
  );
}
