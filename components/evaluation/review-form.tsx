'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm, type Path } from 'react-hook-form';
import { reviewScoresAction } from '@/app/(app)/evaluations/review-actions';
import { EvidenceCount } from '@/components/evidence/evidence-cell';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { DataTable, type Column } from '@/components/page-pieces';
import { callAction } from '@/lib/action-state';
import { reviewSchema, TEXT_LIMITS, type ReviewInput } from '@/lib/evaluations/form-schema';
import { rowKey } from '@/lib/evidence/rows';
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

  type Line = {
    key: string;
    /** The row's evidence key. */
    evidence: string;
    label: string;
    points: string;
    selfScore: string;
    base: 'budget' | `indicators.${number}`;
  };
  const rows: Line[] = [
    ...lines.map((l, i) => ({
      key: String(l.indicatorId),
      evidence: rowKey({ target: 'indicator', indicatorId: l.indicatorId }),
      label: `第${i + 1}行 ${l.name}`,
      points: l.points,
      selfScore: l.selfScore,
      base: `indicators.${i}` as const,
    })),
    {
      key: 'budget',
      evidence: 'budget',
      label: '预算执行率',
      points: budget.points,
      selfScore: budget.selfScore,
      base: 'budget',
    },
  ];
  const columns: Array<Column<Line>> = [
    { header: '指标', cell: (r) => r.label },
    { header: '分值', className: 'num', cell: (r) => formatScore(r.points) },
    { header: '自评得分', className: 'num', cell: (r) => formatScore(r.selfScore, precision) },
    { header: '佐证', className: 'nowrap', cell: (r) => <EvidenceCount rowKey={r.evidence} /> },
    {
      header: '复核得分',
      cell: (r) => (
        <>
          <input
            inputMode="decimal"
            className="short"
            aria-label={`${r.label} 复核得分`}
            {...register(`${r.base}.score` as Path<ReviewInput>)}
          />
          <FieldError control={control} name={`${r.base}.score`} />
        </>
      ),
    },
    {
      header: '理由',
      cell: (r) => (
        <>
          <input
            aria-label={`${r.label} 复核理由`}
            maxLength={TEXT_LIMITS.reason}
            {...register(`${r.base}.reason` as Path<ReviewInput>)}
          />
          <FieldError control={control} name={`${r.base}.reason`} />
        </>
      ),
    },
  ];

  return (
    <form className="card no-print" onSubmit={onSubmit} noValidate>
      <h2>财政复核评分</h2>
      <p className="muted">留空表示采用自评得分；设置复核得分须在 0 至分值之间并填写理由。</p>
      <DataTable columns={columns} rows={rows} testId="review-table" compact />
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {WORKFLOW_ACTIONS.review.button}
        </button>
      </div>
    </form>
  );
}
