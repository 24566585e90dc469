import type { EvaluationBundle } from '@/db/queries/evaluations';
import { dec } from '@/lib/decimal';
import { selfEvaluationTable, type SelfEvaluationTable } from '@/lib/exports/self-evaluation-table';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import { capInWords, LEVEL1_CODES, LEVEL1_NAMES, type EvaluationResult } from '@/lib/scoring';
import { deviationParagraphs, levelGroups, levelParts } from './report-indicators';
import { REPORT_SECTIONS, reportTextsOf, type ReportSectionKey } from './sections';

/**
 * The 项目支出绩效自评报告 of one evaluation as plain data: data in, sections out. Everything that can
 * be said from the evaluation is drafted here (amounts in 万元, rates, scores, the rows that missed
 * their targets with their explanations); the owner's free text sits in its own parts. The print
 * view, the evaluation page's 自评报告 tab and the .docx builder only lay this out.
 */
export interface FreeText {
  key: ReportSectionKey;
  label: string;
  hint: string;
  text: string;
}

export interface ReportPart {
  /** `（一）项目概况`; null for a part that continues its section without a heading. */
  heading: string | null;
  paragraphs: string[];
  free: FreeText | null;
}

export interface ReportSection {
  /** `一、项目基本情况`. */
  heading: string;
  parts: ReportPart[];
}

export interface EvaluationReport {
  evaluationId: number;
  title: string;
  year: number;
  projectName: string;
  department: string;
  status: string;
  finalized: boolean;
  /** The score and grade that count now (final once finalised); null while nothing is saved. */
  total: string | null;
  grade: string | null;
  sections: ReportSection[];
  /** 附件：项目支出绩效自评表. */
  annex: SelfEvaluationTable;
}

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** `（一）`, `（二）`… */
export const subHeading = (i: number, title: string) => `（${CHINESE_NUMERALS[i]}）${title}`;

const wan = (fen: number) => `${formatWanYuan(fen)}万元`;

function freeText(key: ReportSectionKey, texts: Record<ReportSectionKey, string>): FreeText {
  const section = REPORT_SECTIONS.find((s) => s.key === key)!;
  return { key, label: section.label, hint: section.hint, text: texts[key] };
}

export function evaluationReport(bundle: EvaluationBundle, result: EvaluationResult): EvaluationReport {
  const { evaluation: e, project } = bundle;
  const table = selfEvaluationTable(bundle, result);
  const texts = reportTextsOf(e);
  const finalized = e.status === 'finalized';
  const total = finalized ? table.finalTotal : table.selfTotal;
  const grade = finalized ? table.finalGrade : table.selfGrade;
  const sections: Array<Omit<ReportSection, 'heading'> & { title: string }> = [
    { title: '项目基本情况', parts: basicParts(bundle, result, texts) },
    { title: '绩效目标完成情况', parts: achievementParts(bundle, result) },
    {
      title: '偏差原因分析',
      parts: [{ heading: null, paragraphs: deviationParagraphs(bundle, result), free: freeText('deviation', texts) }],
    },
    { title: '存在的问题及改进措施', parts: [{ heading: null, paragraphs: [], free: freeText('problems', texts) }] },
    {
      title: '自评结果及应用',
      parts: [
        { heading: subHeading(0, '自评结果'), paragraphs: resultParagraphs(bundle, result, table), free: null },
        { heading: subHeading(1, '结果应用'), paragraphs: [], free: freeText('application', texts) },
      ],
    },
  ];
  return {
    evaluationId: e.id,
    title: `${project.name}绩效自评报告`,
    year: project.year,
    projectName: project.name,
    department: bundle.departmentName,
    status: STATUS_LABELS[e.status],
    finalized,
    total: total === null ? null : formatScore(total, result.precision),
    grade,
    sections: sections.map(({ title, parts }, i) => ({ heading: `${CHINESE_NUMERALS[i]}、${title}`, parts })),
    annex: table,
  };
}

function basicParts(
  bundle: EvaluationBundle,
  result: EvaluationResult,
  texts: Record<ReportSectionKey, string>,
): ReportPart[] {
  const { evaluation: e, project } = bundle;
  const overview = `${project.name}为${project.year}年度项目支出，主管部门为${bundle.departmentName}，实施单位为${project.implementingUnit}，项目负责人为${bundle.ownerName ?? '（未指定）'}。`;
  const sources = (
    [
      ['财政拨款', project.budgetFiscalFen],
      ['财政专户拨款', project.budgetSpecialFen],
      ['其他资金', project.budgetOtherFen],
    ] as const
  ).filter(([, fen]) => fen !== 0);
  const sourceText =
    sources.length > 0 ? `（其中${sources.map(([label, fen]) => `${label}${wan(fen)}`).join('，')}）` : '';
  const adjustedFen = e.budgetAdjustedFen ?? project.budgetTotalFen;
  const execution =
    e.budgetExecutedFen === null
      ? '全年执行数尚未填写。'
      : `全年执行数${wan(e.budgetExecutedFen)}，预算执行率${formatRate(result.budget.rate)}。`;
  const funds = [
    `项目年初预算数${wan(project.budgetTotalFen)}${sourceText}，全年预算数${wan(adjustedFen)}，${execution}`,
  ];
  if (e.budgetExplanation.trim()) funds.push(`预算执行偏差原因：${e.budgetExplanation.trim()}`);
  const counts = levelGroups(bundle, result).map((g) => `${g.name}${g.rows.length}项`);
  const goals = [
    `年度总体目标：${project.goal.trim() || '（目标表未填写）'}`,
    `项目共设置绩效指标${bundle.indicators.length}项${counts.length > 0 ? `，其中${counts.join('、')}` : ''}。`,
  ];
  return [
    { heading: subHeading(0, '项目概况'), paragraphs: [overview], free: freeText('overview', texts) },
    { heading: subHeading(1, '资金投入和使用情况'), paragraphs: funds, free: null },
    { heading: subHeading(2, '绩效目标'), paragraphs: goals, free: null },
  ];
}

function achievementParts(bundle: EvaluationBundle, result: EvaluationResult): ReportPart[] {
  const goalActual = bundle.evaluation.goalActual.trim();
  return [
    { heading: null, paragraphs: [`年度总体目标完成情况：${goalActual || '尚未填写'}`], free: null },
    ...levelParts(bundle, result).map((part, i) => ({ ...part, heading: subHeading(i, part.heading) })),
  ];
}

function resultParagraphs(bundle: EvaluationBundle, result: EvaluationResult, table: SelfEvaluationTable): string[] {
  const p = result.precision;
  if (table.selfTotal === null) return ['自评尚未保存，暂无得分。'];
  const budget = result.budget;
  const levels = LEVEL1_CODES.flatMap((code) => {
    const rows = result.indicators.filter((s) => s.level1Code === code);
    if (rows.length === 0) return [];
    const sum = (pick: (s: (typeof rows)[number]) => string) => rows.reduce((acc, s) => acc.plus(pick(s)), dec(0));
    return [
      `${LEVEL1_NAMES[code]}得分${formatScore(sum((s) => s.selfScore).toFixed(), p)}分（分值${formatScore(sum((s) => s.points).toFixed())}分）`,
    ];
  });
  const budgetPart = `预算执行率得分${formatScore(budget.computedScore, p)}分（分值${formatScore(budget.points)}分）`;
  const out = [
    `经自评，项目总分${formatScore(table.selfTotal, p)}分（满分${formatScore(table.totalPoints)}分），自评等级为“${table.selfGrade}”。其中，${[budgetPart, ...levels].join('，')}。`,
  ];
  if (result.cap !== null)
    out.push(
      `预算执行率为${formatRate(budget.rate)}，按评分方案${capInWords(result.cap)}（封顶前自评总分${formatScore(result.selfTotalBeforeCap, p)}分）。`,
    );
  const deducted = result.indicators.filter((s) => s.overAchievementDeduction !== '0');
  if (deducted.length > 0) {
    const sum = deducted.reduce((acc, s) => acc.plus(s.overAchievementDeduction), dec(0));
    out.push(`按评分方案，完成值超过年度指标值较多的${deducted.length}项指标共扣${formatScore(sum.toFixed(), p)}分。`);
  }
  if (table.finalized)
    out.push(`经财政复核，最终得分${formatScore(table.finalTotal, p)}分，最终等级为“${table.finalGrade}”。`);
  else out.push(`自评当前状态为“${STATUS_LABELS[bundle.evaluation.status]}”，尚未定稿。`);
  return out;
}
