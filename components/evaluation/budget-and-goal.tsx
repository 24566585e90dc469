'use client';

import { useFormContext } from 'react-hook-form';
import { EvidenceSection } from '@/components/evidence/evidence-cell';
import { TEXT_LIMITS, type EvaluationDraft } from '@/lib/evaluations/form-schema';
import { BUDGET_ANCHOR, GOAL_ANCHOR } from '@/lib/evaluations/submission-problems';
import { formatDateTime, formatRate, formatScore } from '@/lib/format';
import { fenToWanYuan, formatWanYuan, parseWanYuan } from '@/lib/money';
import { BUDGET_OVERSPENT_REASON, type EvaluationResult } from '@/lib/scoring';
import { FieldError } from './field-error';
import { LimitedText } from './limited-text';

/** 全年执行数 as finance imported it from the treasury payment system. */
export interface ImportedExecution {
  fen: number;
  at: Date | null;
}

/** 预算执行 (年初预算数, 全年预算数, 全年执行数, 执行率) and 年度总体目标. */
export function BudgetAndGoal({
  budgetInitialFen,
  goal,
  result,
  imported = null,
}: {
  budgetInitialFen: number;
  goal: string;
  result: EvaluationResult;
  imported?: ImportedExecution | null;
}) {
  const { register, control, getFieldState, formState, watch } = useFormContext<EvaluationDraft>();
  const budget = result.budget;
  const overspent = budget.explanationReasons.includes(BUDGET_OVERSPENT_REASON);
  const invalid = (name: 'budgetAdjusted' | 'budgetExecuted' | 'budgetExplanation' | 'goalActual') =>
    getFieldState(name, formState).invalid;
  return (
    <>
      <section className="card" id={BUDGET_ANCHOR}>
        <h2>预算执行情况（万元）</h2>
        <div className="budget-grid">
          <div>
            <span className="label">年初预算数</span>
            <span className="value num">{formatWanYuan(budgetInitialFen)}</span>
          </div>
          <label className="field">
            <span>全年预算数</span>
            <input
              inputMode="decimal"
              placeholder={formatWanYuan(budgetInitialFen, { grouping: false })}
              {...register('budgetAdjusted')}
              aria-invalid={invalid('budgetAdjusted')}
            />
            <FieldError control={control} name="budgetAdjusted" />
            <small className="muted">未调整时留空，取年初预算数</small>
          </label>
          <label className="field">
            <span>全年执行数</span>
            <input inputMode="decimal" {...register('budgetExecuted')} aria-invalid={invalid('budgetExecuted')} />
            <FieldError control={control} name="budgetExecuted" />
            {imported && <ImportedNote imported={imported} current={watch('budgetExecuted')} />}
          </label>
          <div>
            <span className="label">执行率</span>
            <span className="value num" data-testid="budget-rate">
              {budget.rate === null ? '—' : formatRate(budget.rate)}
            </span>
          </div>
          <div>
            <span className="label">分值 / 得分</span>
            <span className="value num">
              {formatScore(budget.points)} /{' '}
              {budget.missingExecuted ? '—' : formatScore(budget.finalScore, result.precision)}
            </span>
          </div>
        </div>
        {overspent && (
          <p className="notice warn" role="note" data-testid="over-budget">
            全年执行数超过全年预算数（执行率 {formatRate(budget.rate)}
            ）：请核对金额；如确属超预算支出，须在下方说明原因。
          </p>
        )}
        {(budget.explanationRequired || invalid('budgetExplanation')) && (
          <div className="field">
            <span>
              预算执行偏差原因分析及改进措施{' '}
              {budget.explanationRequired && (
                <em className="required-note">必填：{budget.explanationReasons.join('；')}</em>
              )}
            </span>
            <LimitedText<EvaluationDraft>
              name="budgetExplanation"
              max={TEXT_LIMITS.explanation}
              label="预算执行偏差原因分析及改进措施"
              required={budget.explanationRequired}
            />
          </div>
        )}
        <EvidenceSection rowKey="budget" title="预算执行的佐证材料" />
      </section>

      <section className="card goal-grid" id={GOAL_ANCHOR}>
        <div>
          <h2>年度总体目标 · 预期目标</h2>
          <p className="prose">{goal || <span className="muted">（目标表未填写）</span>}</p>
        </div>
        <div className="field">
          <h2>实际完成情况</h2>
          <LimitedText<EvaluationDraft>
            name="goalActual"
            max={TEXT_LIMITS.goalActual}
            label="年度总体目标实际完成情况"
            rows={6}
          />
        </div>
        <EvidenceSection rowKey="goal" />
      </section>
    </>
  );
}

/** Where the prefilled 全年执行数 came from, and whether the owner has changed it since. */
function ImportedNote({ imported, current }: { imported: ImportedExecution; current: string }) {
  const figure = `${fenToWanYuan(imported.fen).toFixed()} 万元`;
  const same = parseWanYuan(current) === imported.fen;
  return (
    <small className={same ? 'imported-note' : 'imported-note changed'} data-testid="executed-imported">
      {same ? '由财政局从国库支付系统导入' : `已修改；财政局导入的国库执行数为 ${figure}`}
      {imported.at && `（${formatDateTime(imported.at)}）`}
    </small>
  );
}
