/**
 * The 自评报告's free-text sections: what the owner writes beside what is drafted from the data. One
 * list for the form, the stored columns, the audit labels, the print view and the .docx.
 */
export const REPORT_SECTIONS = [
  { key: 'overview', column: 'reportOverview', label: '项目概况', hint: '项目立项依据、主要内容、实施主体和实施情况' },
  { key: 'deviation', column: 'reportDeviation', label: '偏差原因补充分析', hint: '对上列偏差的综合分析（可留空）' },
  {
    key: 'problems',
    column: 'reportProblems',
    label: '存在的问题及改进措施',
    hint: '项目实施和管理中存在的问题，以及下一步的改进措施',
  },
  {
    key: 'application',
    column: 'reportApplication',
    label: '自评结果应用',
    hint: '自评结果用于预算安排、项目调整、整改等方面的情况',
  },
] as const;

/** A free-text section nobody has written yet still shows where it goes. */
export const UNWRITTEN = '（未填写）';

export type ReportSectionKey = (typeof REPORT_SECTIONS)[number]['key'];
export type ReportColumn = (typeof REPORT_SECTIONS)[number]['column'];
export type ReportTexts = Record<ReportSectionKey, string>;

/** The stored columns of an evaluation → the sections' texts. */
export function reportTextsOf(evaluation: Record<ReportColumn, string>): ReportTexts {
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s.key, evaluation[s.column]])) as ReportTexts;
}

/** The sections' texts → the evaluation's columns, for the write. */
export function reportColumnsOf(texts: ReportTexts): Record<ReportColumn, string> {
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s.column, texts[s.key]])) as Record<ReportColumn, string>;
}
