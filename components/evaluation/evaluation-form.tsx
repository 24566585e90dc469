'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { saveDraftAction, submitAction } from '@/app/(app)/evaluations/actions';
import { EntryImportPanel } from '@/components/entry/entry-import-panel';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import type { Sheet } from '@/lib/evaluations/engine-input';
import { evaluationDraftSchema, type EvaluationDraft } from '@/lib/evaluations/form-schema';
import { rowAnchor, submissionProblemList, type SubmissionProblem } from '@/lib/evaluations/submission-problems';
import type { ReportSection } from '@/lib/reports/report-model';
import type { Scheme } from '@/lib/scoring';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { BudgetAndGoal, type ImportedExecution } from './budget-and-goal';
import { EvaluationTabs } from './evaluation-tabs';
import { IndicatorTable } from './indicator-table';
import { ReportEditor } from './report-editor';
import { ScorePanel } from './score-panel';
import { useSubmitDialog } from './submit-dialog';
import { useLeaveGuard } from './use-leave-guard';
import { useLiveScore } from './use-live-score';

interface Props {
  sheet: Sheet;
  scheme: Scheme;
  initial: EvaluationDraft;
  goal: string;
  /** 全年执行数 as finance imported it from the treasury payment system, when it did. */
  imported?: ImportedExecution | null;
  /** The 自评报告 as drafted from what is saved: its tab shows it beside the owner's text boxes. */
  report: ReportSection[];
}

/** The owner's form: save a draft at any time, submit when complete; nothing typed is ever cleared by an error. */
export function EvaluationForm({ sheet, scheme, initial, goal, imported = null, report }: Props) {
  const router = useRouter();
  // Validated when a field is left (then as it changes): the messages stand beside their fields, the buttons stay put.
  const form = useForm<EvaluationDraft>({
    resolver: zodResolver(evaluationDraftSchema),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const values = useWatch({ control: form.control }) as EvaluationDraft;
  const live = useLiveScore(sheet, scheme, values);
  const { result } = live;
  const confirm = useSubmitDialog();
  const { banner, setBanner, show, invalid } = useServerFeedback(form);
  const [busy, setBusy] = useState(false);
  const { isDirty, errors } = form.formState;
  const errorRows = Object.keys(errors.indicators ?? {})
    .map(Number)
    .filter((i) => Number.isInteger(i))
    .sort((a, b) => a - b);
  useLeaveGuard(isDirty && !busy);

  /** Saves; resolves to the new version, or null when the save was refused (the form keeps its values). */
  const save = useCallback(async (): Promise<number | null> => {
    let saved: number | null = null;
    await form.handleSubmit(
      async (draft) => {
        const state = await callAction(saveDraftAction, draft);
        if (!show(state) || !state.ok) return;
        saved = state.data.version;
        form.reset({ ...draft, version: state.data.version }, { keepErrors: false });
        setBanner({
          kind: 'ok',
          text: `${state.message ?? '已保存'}（${new Date().toLocaleTimeString('zh-CN', { hour12: false })}）`,
        });
      },
      () => invalid('有填写不正确的内容，请按标红提示修改后再保存'),
    )();
    return saved;
  }, [form, show, setBanner, invalid]);

  const onSave = async () => {
    setBusy(true);
    try {
      await save();
    } finally {
      setBusy(false);
    }
  };

  /** What the server would refuse the submission for, from what is on the page now (the same list it checks). */
  const problemsNow = (): SubmissionProblem[] => {
    const invalid = [...live.invalidRows].sort((a, b) => a - b);
    const invalidAnchors = new Set(invalid.map(rowAnchor));
    return [
      ...invalid.map((i) => ({
        field: '_',
        fieldMessage: '',
        message: `第${i + 1}行“${sheet.indicators[i].name}”：填写有误，请按提示修改`,
        anchor: rowAnchor(i),
      })),
      ...submissionProblemList({ sheet, input: live.input, result, goalActual: values.goalActual ?? '' }).filter(
        (p) => !invalidAnchors.has(p.anchor),
      ),
    ];
  };

  const onSubmit = async () => {
    if (!(await confirm.ask({ result, problems: problemsNow() }))) return;
    setBusy(true);
    try {
      const version = form.formState.isDirty ? await save() : form.getValues('version');
      if (version === null) return;
      const state = await callAction(submitAction, { evaluationId: initial.evaluationId, version });
      if (!show(state)) return;
      setBanner({ kind: 'ok', text: '已提交，等待部门负责人审核' });
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  // Ctrl+S / ⌘S saves the draft, as in every office program.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  return (
    <FormProvider {...form}>
      <form
        className="evaluation-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <EvaluationTabs labels={['指标填报', '自评报告']}>
          <div className="form-layout">
            <div className="form-main">
              <EntryImportPanel
                target={{ kind: 'evaluation', evaluationId: initial.evaluationId }}
                downloadHref={`/api/evaluations/${initial.evaluationId}/entry.xlsx`}
                blockedReason={
                  isDirty ? '页面上有未保存的修改：请先保存草稿（或刷新页面放弃修改），再确认导入。' : null
                }
              />
              <IndicatorTable sheet={sheet} scheme={scheme} result={result} invalidRows={live.invalidRows} />
              <BudgetAndGoal
                budgetInitialFen={sheet.budgetInitialFen}
                goal={goal}
                result={result}
                imported={imported}
              />
            </div>
            <ScorePanel result={result} invalidRows={live.invalidRows} budgetInvalid={live.budgetInvalid} />
          </div>
          <ReportEditor evaluationId={initial.evaluationId} sections={report} />
        </EvaluationTabs>
        <div className="form-actions" role="group" aria-label="操作">
          <FormBanner banner={banner} className="banner" />
          {banner?.kind === 'error' && errorRows.length > 0 && (
            <span className="error-rows" data-testid="error-rows">
              请修改：
              {errorRows.map((i, k) => (
                <span key={i}>
                  {k > 0 && '、'}
                  <a href={`#${rowAnchor(i)}`}>第{i + 1}行</a>
                </span>
              ))}
            </span>
          )}
          <span className="muted">{isDirty ? '有未保存的修改' : '所有修改已保存'}</span>
          <button type="submit" className="button" disabled={busy}>
            {WORKFLOW_ACTIONS.save.button}
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void onSubmit()}>
            {WORKFLOW_ACTIONS.submit.button}
          </button>
        </div>
        {confirm.dialog}
      </form>
    </FormProvider>
  );
}
