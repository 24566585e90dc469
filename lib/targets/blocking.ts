import type { ParsedTable } from './parse-target-table';

/** Why a parsed table must not be imported at all: the preview shows each, and 确认导入 stays disabled. */
export interface BlockingProblem {
  /** The project (or unit) name as read; null for the whole table. */
  project: string | null;
  message: string;
}

/**
 * Texts only the table's header prints (title, 部门名称, the column names). A name that contains one is
 * header lines run together with a name: text copied from a PDF whose header the parser did not see
 * (part of the page selected, columns extracted in another order). Names are compared without blanks.
 */
const HEADER_TEXTS = [
  '绩效目标表',
  '部门名称：',
  '部门名称:',
  '单位：万元',
  '单位:万元',
  '项目名称（资金使用单位）',
  '项目名称(资金使用单位)',
  '财政专户拨款',
  '总计财政拨款',
];

const NAME_SHOWN = 40;
const shown = (name: string) => (name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name);
const headerTextIn = (name: string) => {
  const compact = name.replace(/\s+/g, '');
  return HEADER_TEXTS.find((text) => compact.includes(text)) ?? null;
};

/**
 * What makes a table unusable as read, rather than worth a warning: a project (or the department)
 * named by header lines, and a project without a single indicator (nothing to evaluate; a bogus row
 * more often than a real project). The importer is told what to do instead.
 */
export function blockingProblems(table: Pick<ParsedTable, 'department' | 'projects'>): BlockingProblem[] {
  const problems: BlockingProblem[] = [];
  const departmentHeader = headerTextIn(table.department);
  if (departmentHeader)
    problems.push({
      project: null,
      message: `部门名称“${shown(table.department)}”含有表头文字“${departmentHeader}”：未能识别表头，请从表格标题起完整复制整张表，或上传 xlsx 文件`,
    });
  for (const project of table.projects) {
    const headerText = headerTextIn(project.name);
    if (headerText)
      problems.push({
        project: shown(project.name),
        message: `项目名称含有表头文字“${headerText}”：表头的几行被当成了项目，请从表格标题起完整复制整张表，或上传 xlsx 文件`,
      });
    else if (project.indicators.length === 0)
      problems.push({
        project: shown(project.name),
        message: '没有识别到任何绩效指标（应以“1、1-产出指标；”开始，或 xlsx 的一级指标、三级指标、年度指标值列）',
      });
  }
  return problems;
}
