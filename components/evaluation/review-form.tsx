'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm, type Path } from 'react-hook-form';
import { reviewScoresAction } from '@/app/(app)/evaluations/actions';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import { reviewSchema, TEXT_LIMITS, type ReviewInput } from '@/lib/evaluations/form-schema';
import { formatScore } from '@/lib/format';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { FieldError } from './field-error';

interface ReviewLine {
  indicatorId: number;
  name: string;
  points: string;
  selfScore: string;
}

/** Finance's reviewed scores: any indicator or the budget line, 0 … points, each with its reason. */
export function ReviewForm({
  initial,
  lines,
  budget,
  precision,
}: {
  initial: ReviewInput;
  lines: ReviewLine[];
  budget: { points: string; selfScore: string };
  precision: number;
}) {
  const router = useRouter();
  const form = useForm<ReviewInput>({ resolver: zodResolver(reviewSchema), defaultValues: initial });
  const { banner, show } = useServerFeedback(form);
  const { register, control } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    const state = await callAction(reviewScoresAction, values);
    if (!show(state) || !state.ok) return;
    form.reset({ ...values, version: state.data.version });
    router.refresh();
  });

  const row = (
    key: string,
    label: string,
    points: string,
    selfScore: string,
    base: 'budget' | `indicators.${number}`,
  ) => (
    <tr key={key}>
      <td>{label}</td>
      <td className="num">{formatScore(points)}</td>
      <td className="num">{formatScore(selfScore, precision)}</td>
      <td>
        <input
          inputMode="decimal"
          className="short"
          aria-label={`${label} 复核得分`}
          {...register(`${base}.score` as Path<ReviewInput>)}
        />
        <FieldError control={control} name={`${base}.score`} />
      </td>
      <td>
        <input
          aria-label={`${label} 复核理由`}
          maxLength={TEXT_LIMITS.reason}
          {...register(`${base}.reason` as Path<ReviewInput>)}
        />
        <FieldError control={control} name={`${base}.reason`} />
      </td>
    </tr>
  );

  return (
    <form className="card no-print" onSubmit={onSubmit} noValidate>
      <h2>财政复核评分</h2>
      <p className="muted">留空表示采用自评得分；设置复核得分须在 0 至分值之间并填写理由。</p>
      <table className="data-table compact" data-testid="review-table">
        <thead>
          <tr>
            <th>指标</th>
            <th className="num">分值</th>
            <th className="num">自评得分</th>
            <th>复核得分</th>
            <th>理由</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) =>
            row(String(l.indicatorId), `第${i + 1}行 ${l.name}`, l.points, l.selfScore, `indicators.${i}`),
          )}
          {row('budget', '预算执行率', budget.points, budget.selfScore, 'budget')}
        </tbody>
      </table>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {WORKFLOW_ACTIONS.review.button}
        </button>
      </div>
    </form>
  );
}
