'use client';

import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { TEXT_LIMITS, type EvaluationDraft } from '@/lib/evaluations/form-schema';
import { DEDUCTION_WORDS, type IndicatorScore } from '@/lib/scoring';
import { FieldError } from './field-error';
import { LimitedText } from './limited-text';
import { useRowForm, type RowProps } from './row-form';

/**
 * A row's 偏差原因分析 and 调减得分, one line until needed: the explanation box opens when the rules
 * require it (必填 with the reason), when it holds text or a message, or on 填写说明; the judgment
 * deduction sits behind its own link.
 */
export function RowNotes({ indicator, index, scored }: RowProps & { scored: IndicatorScore }) {
  const { control, setValue, formState, register, base, invalid } = useRowForm(index);
  const explanation = (useWatch({ control, name: `${base}.explanation` }) as string | undefined) ?? '';
  const deducting = useWatch({ control, name: `${base}.deduction.enabled` }) as boolean | undefined;
  const [asked, setAsked] = useState(false);
  const explanationInvalid = invalid(`${base}.explanation`);
  const open = scored.explanationRequired || asked || explanation !== '' || explanationInvalid;
  const words = DEDUCTION_WORDS;
  const toggleDeduction = (on: boolean) =>
    setValue(`${base}.deduction.enabled`, on, { shouldDirty: true, shouldValidate: formState.submitCount > 0 });
  return (
    <>
      {scored.explanationRequired && (
        <p className="required-note" data-testid={`required-${index + 1}`}>
          必填：{scored.explanationReasons.join('；')}
        </p>
      )}
      {open ? (
        <LimitedText<EvaluationDraft>
          name={`${base}.explanation`}
          max={TEXT_LIMITS.explanation}
          label={`${indicator.name} 偏差原因分析及改进措施`}
          required={scored.explanationRequired}
        />
      ) : null}
      <div className="row-links">
        {!open && (
          <button
            type="button"
            className="row-link"
            aria-label={`${indicator.name} 填写说明`}
            onClick={() => setAsked(true)}
          >
            填写说明
          </button>
        )}
        <button
          type="button"
          className="row-link"
          aria-expanded={Boolean(deducting)}
          aria-label={`${indicator.name} ${deducting ? words.cancel : words.action}`}
          onClick={() => toggleDeduction(!deducting)}
        >
          {deducting ? words.cancel : words.action}
        </button>
      </div>
      {deducting && (
        <fieldset className="deduction">
          <legend>{words.action}（依判断降低得分，须写理由）</legend>
          <label className="inline-field">
            <span>{words.score}</span>
            <input
              inputMode="decimal"
              className="short"
              aria-label={`${indicator.name} ${words.score}`}
              aria-invalid={invalid(`${base}.deduction.score`)}
              {...register(`${base}.deduction.score`)}
            />
          </label>
          <FieldError control={control} name={`${base}.deduction.score`} />
          <LimitedText<EvaluationDraft>
            name={`${base}.deduction.reason`}
            max={TEXT_LIMITS.reason}
            label={`${indicator.name} ${words.reason}`}
            placeholder={words.reason}
            single
          />
        </fieldset>
      )}
    </>
  );
}
