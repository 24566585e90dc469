'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { reviewScoresAction } from '@/app/(app)/evaluations/review-actions';
import { useChoiceDialog } from '@/components/choice-dialog';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import type { BudgetValues, EntryValues, Sheet } from '@/lib/evaluations/engine-input';
import { reviewSchema, type ReviewInput } from '@/lib/evaluations/form-schema';
import type { Scheme } from '@/lib/scoring';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { DecisionPanel, decisionQuestion, type BeforeDecide, type Decision } from './decision-panel';
import { ScorePanel } from './score-panel';
import { useLeaveGuard } from './use-leave-guard';
import { useReviewedScore } from './use-live-score';

type Unsaved = 'save' | 'discard';

/**
 * Finance's review of one evaluation: the 复核得分 and 理由 inputs in the indicator table's rows
 * (`children`, the server-rendered table), the reviewed total live beside it, and the decisions.
 * A decision taken with unsaved scores on the page asks first: 定稿 can take them in the same request
 * (one commit on the server), so nothing typed is lost between two clicks.
 */
export function ReviewWorkbench({
  sheet,
  scheme,
  stored,
  initial,
  decisions,
  children,
}: {
  sheet: Sheet;
  scheme: Scheme;
  stored: { entries: EntryValues[]; budget: BudgetValues };
  initial: ReviewInput;
  decisions: Decision[];
  children: React.ReactNode;
}) {
  const router = useRouter();
  const form = useForm<ReviewInput>({ resolver: zodResolver(reviewSchema), defaultValues: initial });
  const values = useWatch({ control: form.control }) as ReviewInput;
  const result = useReviewedScore(sheet, scheme, stored, values);
  const { banner, setBanner, show } = useServerFeedback(form);
  const { isDirty, isSubmitting } = form.formState;
  useLeaveGuard(isDirty);
  const { ask, dialog } = useChoiceDialog<Unsaved>();

  const onSave = form.handleSubmit(
    async (review) => {
      const state = await callAction(reviewScoresAction, review);
      if (!show(state) || !state.ok) return;
      form.reset({ ...review, version: state.data.version });
      router.refresh();
    },
    () => setBanner({ kind: 'error', text: '复核得分有误，请按提示修改' }),
  );

  const beforeDecide: BeforeDecide = async (decision) => {
    if (!form.formState.isDirty) {
      const question = decisionQuestion(decision);
      return question && !window.confirm(question) ? false : {};
    }
    const finalize = decision === 'finalize';
    const choice = await ask({
      title: '有未保存的复核得分',
      text: finalize
        ? '页面上有尚未保存的复核得分或理由。定稿后该自评将锁定，任何人都不能再修改。'
        : `页面上有尚未保存的复核得分或理由；${WORKFLOW_ACTIONS[decision].verb}会清除全部复核得分。`,
      choices: [
        ...(finalize ? [{ key: 'save' as const, label: '保存复核得分并定稿', className: 'button primary' }] : []),
        {
          key: 'discard',
          label: `放弃修改并${WORKFLOW_ACTIONS[decision].verb}`,
          className: finalize ? 'button' : 'button danger',
        },
      ],
    });
    if (choice === null) return false;
    if (choice === 'discard') return {};
    if (!(await form.trigger())) {
      setBanner({ kind: 'error', text: '复核得分有误，请按提示修改后再定稿' });
      return false;
    }
    const { indicators, budget } = form.getValues();
    return { review: { indicators, budget } };
  };

  return (
    <FormProvider {...form}>
      <form className="review-workbench" onSubmit={onSave} noValidate>
        <div className="form-layout">
          <div className="form-main">{children}</div>
          <ScorePanel result={result} title="复核后得分（实时计算）" />
        </div>
        <div className="form-actions" role="group" aria-label="复核评分">
          <FormBanner banner={banner} className="banner" />
          <span className="muted" data-testid="review-dirty">
            {isDirty ? '有未保存的复核得分' : '复核得分已保存'}
          </span>
          <button type="submit" className="button" disabled={isSubmitting}>
            {WORKFLOW_ACTIONS.review.button}
          </button>
        </div>
      </form>
      <DecisionPanel
        evaluationId={initial.evaluationId}
        version={values.version ?? initial.version}
        decisions={decisions}
        beforeDecide={beforeDecide}
        onFailure={show}
        onDecided={() => form.reset(form.getValues())}
      />
      {dialog}
    </FormProvider>
  );
}
