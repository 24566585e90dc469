import { missingExplanations, type EvaluationInput, type EvaluationResult } from '@/lib/scoring';
import type { Sheet } from './engine-input';

/** One thing that stands between a draft and its submission: the form field it concerns and its row on the page. */
export interface SubmissionProblem {
  message: string;
  /** The form field the message belongs beside, and the message shown there. */
  field: string;
  fieldMessage: string;
  /** The id of the row or section on the evaluation page (a link from the message). */
  anchor: string;
}

/** The ids the evaluation form gives its rows and sections, for the messages' links. */
export const rowAnchor = (index: number) => `indicator-${index + 1}`;
export const BUDGET_ANCHOR = 'budget-section';
export const GOAL_ANCHOR = 'goal-section';

const anchorOfPath = (path: string) => {
  const m = /^indicators\.(\d+)\./.exec(path);
  return m ? rowAnchor(Number(m[1])) : BUDGET_ANCHOR;
};

/**
 * What still stands between a draft and its submission, each named by its row: the server refuses
 * 提交审核 with these (lib/evaluations/transitions.ts) and the form shows the same list before it asks.
 */
export function submissionProblemList({
  sheet,
  input,
  result,
  goalActual,
}: {
  sheet: Sheet;
  input: EvaluationInput;
  result: EvaluationResult;
  goalActual: string;
}): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  result.indicators.forEach((scored, i) => {
    if (!scored.missingActual) return;
    const kind = sheet.indicators[i].target.kind;
    problems.push({
      field: `indicators.${i}.${kind === 'qualitative' ? 'tier' : kind === 'compound' ? 'parts.0' : 'value'}`,
      fieldMessage: '请填写实际完成值',
      message: `第${i + 1}行“${scored.name}”：未填写实际完成值`,
      anchor: rowAnchor(i),
    });
  });
  if (result.budget.missingExecuted) {
    problems.push({
      field: 'budgetExecuted',
      fieldMessage: '请填写全年执行数',
      message: '预算执行：未填写全年执行数',
      anchor: BUDGET_ANCHOR,
    });
  }
  for (const missing of missingExplanations(input, result)) {
    const budget = missing.line === 'budget';
    problems.push({
      field: budget ? 'budgetExplanation' : `indicators.${missing.index}.explanation`,
      fieldMessage: `须填写：${missing.reasons.join('；')}`,
      message: missing.message,
      anchor: budget ? BUDGET_ANCHOR : rowAnchor(missing.index),
    });
  }
  for (const error of result.errors)
    problems.push({
      field: '_',
      fieldMessage: error.message,
      message: error.message,
      anchor: anchorOfPath(error.path),
    });
  if (goalActual.trim() === '') {
    problems.push({
      field: 'goalActual',
      fieldMessage: '请填写年度总体目标的实际完成情况',
      message: '年度总体目标：未填写实际完成情况',
      anchor: GOAL_ANCHOR,
    });
  }
  return problems;
}
