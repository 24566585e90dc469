import type { EvaluationBundle } from '@/db/queries/evaluations';
import { dec } from '@/lib/decimal';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { rowKey } from '@/lib/evidence/rows';
import { formatChineseDate, formatScore } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import { capInWords, DEDUCTION_WORDS, type EvaluationResult, type Grade, type ScorePrecision } from '@/lib/scoring';
import { groupSpans } from '@/lib/targets/grouping';
import { INDICATOR_COLUMNS } from './sheet-layout';

/**
 * The 项目支出绩效自评表 of one evaluation as plain data, in the Ministry of Finance order. Every number
 * is the engine's decimal string (money in 万元); a null is an empty cell. The sheet writer only lays
 * this out, so what a workbook shows is exactly what scoreStored computed.
 */
interface FundsLine {
  label: string;
  initial: string;
  adjusted: string | null;
  executed: string | null;
  points: string | null;
  rate: string | null;
  score: string | null;
  reviewedScore: string | null;
}

interface IndicatorLine {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  points: string;
  score: string | null;
  reviewedScore: string | null;
  /** Points the scheme's over-achievement deduction took off this row; null when none. */
  overAchievementDeduction: string | null;
  /** 偏差原因分析及改进措施: the owner's explanation, the over-achievement deduction, the reason of a judgment deduction. */
  note: string;
  /** Finance's 复核意见 (the reason of its reviewed score), in a column of its own; '' when not reviewed. */
  reviewNote: string;
  /** Rows the 一级 / 二级 cell spans from here; 0 = covered by the cell above. */
  level1Span: number;
  level2Span: number;
  /** The names of the row's attachments (finance's own marked 财政复核). */
  evidence: string[];
}

export interface SelfEvaluationTable {
  title: string;
  year: number;
  projectName: string;
  department: string;
  implementingUnit: string;
  status: string;
  finalized: boolean;
  precision: ScorePrecision;
  /** Finance set a reviewed score somewhere: the table gets its 复核得分 and 复核意见 columns. */
  hasReview: boolean;
  funds: FundsLine[];
  /** The owner's 预算执行偏差原因. */
  budgetNote: string;
  /** Finance's 复核意见 on the budget line. */
  budgetReviewNote: string;
  budgetEvidence: string[];
  goal: string;
  goalActual: string;
  goalEvidence: string[];
  /** Attachments of the evaluation as a whole. */
  evaluationEvidence: string[];
  indicators: IndicatorLine[];
  totalPoints: string;
  /** null while nothing has been saved: an untouched evaluation has no score yet. */
  selfTotal: string | null;
  finalTotal: string | null;
  selfGrade: Grade | null;
  finalGrade: Grade | null;
  /** The execution cap in force, printed under the total: 预算执行率低于70%，总分不超过79分（封顶前 85.50 分）. */
  capNote: string | null;
  /** The signature block under the table: 填报人 is the project's owner, 填报日期 the day it was last submitted. */
  signature: { filler: string; filledOn: string | null };
}

const SOURCES = [
  ['budgetFiscalFen', '财政拨款'],
  ['budgetSpecialFen', '财政专户拨款'],
  ['budgetOtherFen', '其他资金'],
] as const;

const wan = (fen: number) => fenToWanYuan(fen).toFixed();
const lines = (...parts: Array<string | null | undefined | false>) =>
  parts.filter((p): p is string => Boolean(p && p.trim())).join('\n');

/** `合同.pdf`, `复核记录.pdf（财政复核）`: the names a row's attachments are listed by. */
function evidenceNames(bundle: Pick<EvaluationBundle, 'attachments'>): (key: string) => string[] {
  return (key) =>
    bundle.attachments
      .filter((a) => rowKey(a) === key)
      .map((a) => (a.purpose === 'review' ? `${a.name}（财政复核）` : a.name));
}

/** `佐证材料：合同.pdf、照片.png`, or '' when there are none. */
export function evidenceNote(names: readonly string[]): string {
  return names.length > 0 ? `佐证材料：${names.join('、')}` : '';
}

export function selfEvaluationTable(bundle: EvaluationBundle, result: EvaluationResult): SelfEvaluationTable {
  const { evaluation: e, project } = bundle;
  const namesOf = evidenceNames(bundle);
  const budget = result.budget;
  const hasReview = budget.reviewedScore !== null || result.indicators.some((s) => s.reviewedScore !== null);
  const started = e.selfScore !== null;

  const sources = SOURCES.filter(([field]) => project[field] !== 0);
  const funds: FundsLine[] = [
    {
      label: '年度资金总额',
      initial: budget.initial,
      adjusted: budget.adjusted,
      executed: budget.executed,
      points: budget.points,
      rate: budget.rate,
      score: budget.missingExecuted ? null : budget.computedScore,
      reviewedScore: budget.reviewedScore,
    },
    // How an adjustment or the spending splits over the sources is not recorded, so those cells stay empty.
    ...sources.map(([field, label], i) => ({
      label: i === 0 ? `其中：${label}` : label,
      initial: wan(project[field]),
      adjusted: e.budgetAdjustedFen === null ? wan(project[field]) : null,
      executed: null,
      points: null,
      rate: null,
      score: null,
      reviewedScore: null,
    })),
  ];

  const grouped = groupSpans(bundle.indicators);
  const indicators: IndicatorLine[] = grouped.map(({ row: ind, level1Span, level2Span }, i) => {
    const scored = result.indicators[i];
    const r = bundle.results.get(ind.id);
    const overAchievementDeduction = scored.overAchievementDeduction === '0' ? null : scored.overAchievementDeduction;
    return {
      level1: ind.level1Name,
      level2: ind.level2Name,
      name: ind.name,
      target: ind.annualTargetText,
      actual: describeActualWithUnits(ind.parsedTarget, r?.actual ?? null),
      points: scored.points,
      score: scored.missingActual ? null : scored.selfScore,
      reviewedScore: scored.reviewedScore,
      overAchievementDeduction,
      note: lines(
        r?.explanation,
        overAchievementDeduction && overAchievementDeductionNote(overAchievementDeduction),
        r?.deductionScore && `${DEDUCTION_WORDS.reason}：${r.deductionReason ?? ''}`,
      ),
      reviewNote: r?.reviewedScore ? (r.reviewedReason ?? '') : '',
      level1Span,
      level2Span,
      evidence: namesOf(rowKey({ target: 'indicator', indicatorId: ind.id })),
    };
  });

  const totalPoints = result.indicators.reduce((sum, s) => sum.plus(s.points), dec(budget.points)).toFixed();
  return {
    title: `项目支出绩效自评表（${project.year}年度）`,
    year: project.year,
    projectName: project.name,
    department: bundle.departmentName,
    implementingUnit: project.implementingUnit,
    status: STATUS_LABELS[e.status],
    finalized: e.status === 'finalized',
    precision: result.precision,
    hasReview,
    funds,
    budgetNote: e.budgetExplanation.trim(),
    budgetReviewNote: e.budgetReviewedScore !== null ? (e.budgetReviewedReason ?? '') : '',
    budgetEvidence: namesOf('budget'),
    goal: project.goal,
    goalActual: e.goalActual,
    goalEvidence: namesOf('goal'),
    evaluationEvidence: namesOf('evaluation'),
    indicators,
    totalPoints,
    selfTotal: started ? result.selfTotal : null,
    finalTotal: started || hasReview ? result.finalTotal : null,
    selfGrade: started ? result.selfGrade : null,
    finalGrade: started || hasReview ? result.finalGrade : null,
    capNote: started || hasReview ? capNote(result, hasReview) : null,
    signature: { filler: bundle.ownerName ?? '', filledOn: e.submittedAt ? formatChineseDate(e.submittedAt) : null },
  };
}

/** A note with finance's 复核意见 after it, for layouts without a 复核意见 column of their own (the Word annex). */
export function noteWithReview(note: string, reviewNote: string): string {
  return lines(note, reviewNote && `复核意见：${reviewNote}`);
}

/** `超额完成扣分：按评分方案扣2分`, in the row's 偏差原因 cell. */
export function overAchievementDeductionNote(points: string): string {
  return `超额完成扣分：按评分方案扣${points}分`;
}

function capNote(result: EvaluationResult, hasReview: boolean): string | null {
  if (result.cap === null) return null;
  const lowered = [
    result.selfTotalBeforeCap !== result.selfTotal &&
      `自评${formatScore(result.selfTotalBeforeCap, result.precision)}分`,
    hasReview &&
      result.finalTotalBeforeCap !== result.finalTotal &&
      `复核${formatScore(result.finalTotalBeforeCap, result.precision)}分`,
  ].filter(Boolean);
  return `${capInWords(result.cap)}${lowered.length > 0 ? `（封顶前：${lowered.join('，')}）` : ''}`;
}

/** The funds block's headings, after its 项目资金（万元） label. */
export const FUNDS_HEADERS = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'] as const;

/**
 * The columns of the 自评表, on the page, in print and in the workbook alike: the eight of the published
 * layout, then finance's 复核得分 and 复核意见 once it reviewed (a draft has no empty review columns).
 */
export function selfEvaluationHeaders(hasReview: boolean): string[] {
  return [...INDICATOR_COLUMNS, '得分', '偏差原因分析及改进措施', ...(hasReview ? ['复核得分', '复核意见'] : [])];
}

/** The signature block's two lines, as printed under the table: [label, filled-in value] per slot. */
export function signatureLines(t: Pick<SelfEvaluationTable, 'signature'>): Array<Array<[string, string]>> {
  return [
    [
      ['填报人：', t.signature.filler],
      ['联系电话：', ''],
      ['填报日期：', t.signature.filledOn ?? '　　年　　月　　日'],
    ],
    [
      ['单位负责人（签字）：', ''],
      ['单位（盖章）', ''],
    ],
  ];
}
