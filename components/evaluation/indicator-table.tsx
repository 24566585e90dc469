'use client';

import { useFormContext } from 'react-hook-form';
import { EvidenceCell } from '@/components/evidence/evidence-cell';
import type { Sheet } from '@/lib/evaluations/engine-input';
import { TEXT_LIMITS, type EvaluationDraft } from '@/lib/evaluations/form-schema';
import { rowKey } from '@/lib/evidence/rows';
import { formatRate, formatScore } from '@/lib/format';
import type { EvaluationResult, Scheme } from '@/lib/scoring';
import { ActualInput } from './actual-input';
import { FieldError } from './field-error';

function groupLabel(sheet: Sheet, i: number): string | null {
  const ind = sheet.indicators[i];
  const prev = sheet.indicators[i - 1];
  if (prev && prev.level1Code === ind.level1Code && prev.level2Name === ind.level2Name) return null;
  return ind.level2Name ? `${ind.level1Name} · ${ind.level2Name}` : ind.level1Name;
}

/** The indicator rows of the form, grouped by 一级 / 二级 指标 as the published table prints them. */
export function IndicatorTable({ sheet, scheme, result }: { sheet: Sheet; scheme: Scheme; result: EvaluationResult }) {
  const { register, control, watch, getFieldState, formState } = useFormContext<EvaluationDraft>();
  const precision = result.precision;
  return (
    <table className="data-table entry-table" data-testid="entry-table">
      <thead>
        <tr>
          <th className="num">序号</th>
          <th>三级指标</th>
          <th>年度指标值</th>
          <th>实际完成值</th>
          <th className="num">分值</th>
          <th className="num">完成率</th>
          <th className="num">得分</th>
          <th>偏差原因分析及改进措施</th>
          <th>佐证材料</th>
        </tr>
      </thead>
      <tbody>
        {sheet.indicators.flatMap((ind, i) => {
          const scored = result.indicators[i];
          const base = `indicators.${i}` as const;
          const deducting = watch(`${base}.deduction.enabled`);
          const explanationInvalid = getFieldState(`${base}.explanation`, formState).invalid;
          const missingExplanation = scored.explanationRequired && !(watch(`${base}.explanation`) ?? '').trim();
          const label = groupLabel(sheet, i);
          const rows = [];
          if (label) {
            rows.push(
              <tr key={`g${i}`} className="group-row">
                <th colSpan={9}>{label}</th>
              </tr>,
            );
          }
          rows.push(
            <tr
              key={ind.id}
              data-testid={`indicator-row-${i + 1}`}
              className={scored.explanationRequired ? 'needs-explanation' : undefined}
            >
              <td className="num">{i + 1}</td>
              <td>{ind.name}</td>
              <td>{ind.annualTargetText}</td>
              <td>
                <ActualInput indicator={ind} index={i} scheme={scheme} />
              </td>
              <td className="num">{formatScore(scored.points)}</td>
              <td className="num">{scored.missingActual ? '—' : formatRate(scored.rate)}</td>
              <td className="num" data-testid={`score-${i + 1}`}>
                {scored.missingActual ? '—' : formatScore(scored.selfScore, precision)}
              </td>
              <td className="explanation-cell">
                {scored.explanationRequired && (
                  <p className={missingExplanation ? 'required-note missing' : 'required-note'}>
                    必填：{scored.explanationReasons.join('；')}
                  </p>
                )}
                <textarea
                  rows={2}
                  maxLength={TEXT_LIMITS.explanation}
                  aria-label={`${ind.name} 偏差原因分析及改进措施`}
                  aria-invalid={explanationInvalid || missingExplanation}
                  aria-required={scored.explanationRequired}
                  {...register(`${base}.explanation`)}
                />
                <FieldError control={control} name={`${base}.explanation`} />
                <label className="checkbox">
                  <input type="checkbox" {...register(`${base}.deduction.enabled`)} /> 评价扣分（依判断降低得分）
                </label>
                {deducting && (
                  <div className="deduction">
                    <label className="inline-field">
                      <span>扣分后得分</span>
                      <input
                        inputMode="decimal"
                        className="short"
                        aria-label={`${ind.name} 扣分后得分`}
                        {...register(`${base}.deduction.score`)}
                      />
                    </label>
                    <FieldError control={control} name={`${base}.deduction.score`} />
                    <input
                      placeholder="扣分理由"
                      aria-label={`${ind.name} 扣分理由`}
                      maxLength={TEXT_LIMITS.reason}
                      {...register(`${base}.deduction.reason`)}
                    />
                    <FieldError control={control} name={`${base}.deduction.reason`} />
                  </div>
                )}
              </td>
              <td>
                <EvidenceCell rowKey={rowKey({ target: 'indicator', indicatorId: ind.id })} />
              </td>
            </tr>,
          );
          return rows;
        })}
      </tbody>
    </table>
  );
}
