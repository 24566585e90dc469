'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { withdrawAction } from '@/app/(app)/evaluations/actions';
import {
  approveAction,
  finalizeAction,
  reassessAction,
  reopenAction,
  returnAction,
} from '@/app/(app)/evaluations/review-actions';
import { EvidenceCount } from '@/components/evidence/evidence-cell';
import { useEvidence } from '@/components/evidence/evidence-provider';
import { FieldMessage, FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction, type ActionState } from '@/lib/action-state';
import { TEXT_LIMITS } from '@/lib/evaluations/form-schema';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { CharCount } from './limited-text';

export type Decision = 'approve' | 'return' | 'finalize' | 'withdraw' | 'reopen' | 'reassess';

const BUTTONS: Record<Decision, { className: string; confirm?: string }> = {
  approve: { className: 'button primary' },
  return: { className: 'button danger' },
  finalize: { className: 'button primary', confirm: '定稿后该自评将锁定，任何人都不能再修改。确定定稿吗？' },
  withdraw: { className: 'button', confirm: '撤回后自评回到草稿，可继续修改后重新提交。确定撤回吗？' },
  reopen: { className: 'button danger', confirm: '撤销定稿后该自评回到“部门已审核”，可重新复核和定稿。确定吗？' },
  reassess: { className: 'button danger', confirm: '退回后复核得分将被清除，由项目负责人重新填写并提交。确定吗？' },
};

const ACTIONS: Record<Decision, (raw: unknown) => Promise<ActionState<{ version: number }>>> = {
  approve: approveAction,
  return: returnAction,
  finalize: finalizeAction,
  withdraw: withdrawAction,
  reopen: reopenAction,
  reassess: reassessAction,
};

/**
 * What a decision still needs before it is sent: false stops it (the person cancelled); an object is
 * sent with it (the reviewed scores still on the page, for 定稿).
 */
export type BeforeDecide = (decision: Decision, comment: string) => Promise<false | Record<string, unknown>>;

/** 意见 and the decision buttons of a workflow step; the server re-checks every click. */
export function DecisionPanel({
  evaluationId,
  version,
  decisions,
  title = '审核意见',
  collapsed = false,
  beforeDecide,
  onFailure,
  onDecided,
}: {
  evaluationId: number;
  version: number;
  decisions: Decision[];
  title?: string;
  /** Folded away behind its title until opened (a rare and deliberate step: reopening a finalised evaluation). */
  collapsed?: boolean;
  beforeDecide?: BeforeDecide;
  /** A refusal also shown elsewhere (the review form puts the field messages in its rows). */
  onFailure?: (state: ActionState<unknown>) => void;
  onDecided?: () => void;
}) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [missingEvidence, setMissingEvidence] = useState<string[]>([]);
  const evidence = useEvidence();
  const { banner, fieldErrors, show, clear } = useServerFeedback();
  const [missingComment, setMissingComment] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const commentError = missingComment ?? fieldErrors.comment ?? null;
  const required = decisions.filter((d) => WORKFLOW_ACTIONS[d].needsComment).map((d) => WORKFLOW_ACTIONS[d].verb);

  const decide = async (decision: Decision) => {
    clear();
    const needed = WORKFLOW_ACTIONS[decision].needsComment;
    setMissingComment(needed && !comment.trim() ? needed : null);
    if (needed && !comment.trim()) return;
    const extra = beforeDecide ? await beforeDecide(decision, comment) : {};
    if (extra === false) return;
    if (!beforeDecide && BUTTONS[decision].confirm && !window.confirm(BUTTONS[decision].confirm)) return;
    setBusy(true);
    try {
      const flags = decision === 'return' ? { missingEvidence } : {};
      const state = await callAction(ACTIONS[decision], { evaluationId, version, comment, ...flags, ...extra });
      if (!show(state)) {
        if (!state.ok && onFailure && state.fieldErrors && !state.fieldErrors.comment) onFailure(state);
        return;
      }
      setComment('');
      setMissingEvidence([]);
      onDecided?.();
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  const fields = (
    <>
      <label className="field">
        <span>意见{required.length > 0 && `（${required.join('、')}时必填）`}</span>
        <textarea
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-label={title}
          aria-invalid={Boolean(commentError)}
        />
        <CharCount length={comment.length} max={TEXT_LIMITS.comment} />
        <FieldMessage message={commentError} />
      </label>
      {decisions.includes('return') && evidence && (
        <fieldset className="evidence-flags" data-testid="missing-evidence">
          <legend>退回时标记缺佐证的行（可选，项目负责人会在这些行上看到“缺佐证”）</legend>
          {evidence.config.rows.map((row) => (
            <label key={row.key} className="checkbox">
              <input
                type="checkbox"
                checked={missingEvidence.includes(row.key)}
                onChange={(e) =>
                  setMissingEvidence((keys) =>
                    e.target.checked ? [...keys, row.key] : keys.filter((key) => key !== row.key),
                  )
                }
              />{' '}
              {row.label} <EvidenceCount rowKey={row.key} />
            </label>
          ))}
        </fieldset>
      )}
      {banner?.kind === 'error' && !commentError && <FormBanner banner={banner} />}
      <div className="button-row">
        {decisions.map((d) => (
          <button key={d} type="button" className={BUTTONS[d].className} disabled={busy} onClick={() => void decide(d)}>
            {WORKFLOW_ACTIONS[d].button}
          </button>
        ))}
      </div>
    </>
  );
  return collapsed ? (
    // The fields exist only while unfolded: a closed panel offers nothing to type into.
    <details className="card decision-panel no-print" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="inline">{title}</h2>
      </summary>
      {open && fields}
    </details>
  ) : (
    <section className="card decision-panel no-print">
      <h2>{title}</h2>
      {fields}
    </section>
  );
}

/** The question a decision asks before it goes (定稿 locks the evaluation), for callers that ask their own. */
export const decisionQuestion = (decision: Decision) => BUTTONS[decision].confirm;
