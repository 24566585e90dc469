'use client';

import { useFormContext, type Path } from 'react-hook-form';
import { TEXT_LIMITS, type ReviewInput } from '@/lib/evaluations/form-schema';
import { FieldError } from './field-error';
import { LimitedText } from './limited-text';

/** One line of the review in the indicator table: `indicators.3` or `budget`. */
type ReviewLine = 'budget' | `indicators.${number}`;

/** The reviewer's 复核得分 of one row, in the row itself (inside ReviewWorkbench's form). */
export function ReviewScoreCell({ line, label }: { line: ReviewLine; label: string }) {
  const { register, control } = useFormContext<ReviewInput>();
  return (
    <div className="review-cell">
      <input
        inputMode="decimal"
        className="short"
        placeholder="自评"
        aria-label={`${label} 复核得分`}
        {...register(`${line}.score` as Path<ReviewInput>)}
      />
      <FieldError control={control} name={`${line}.score`} />
    </div>
  );
}

/** The reason of a reviewed score, beside it in the row. */
export function ReviewReasonCell({ line, label }: { line: ReviewLine; label: string }) {
  return (
    <div className="review-cell">
      <LimitedText<ReviewInput>
        name={`${line}.reason` as Path<ReviewInput>}
        max={TEXT_LIMITS.reason}
        label={`${label} 复核理由`}
      />
    </div>
  );
}
