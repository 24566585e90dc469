'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { approveAction, finalizeAction, returnAction } from '@/app/(app)/evaluations/review-actions';
import { EvidenceCount } from '@/components/evidence/evidence-cell';
import { useEvidence } from '@/components/evidence/evidence-provider';
import { FieldMessage, FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction, type ActionState } from '@/lib/action-state';
import { TEXT_LIMITS } from '@/lib/evaluations/form-schema';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';

type Decision = 'approve' | 'return' | 'finalize';

const BUTTONS: Record<Decision, { className: string; confirm?: string }> = {
  approve: { className: 'button primary' },
  return: { className: 'button danger' },
  finalize: { className: 'button primary', confirm: '定稿后该自评将锁定，任何人都不能再修改。确定定稿吗？' },
};

const ACTIONS: Record<Decision, (raw: unknown) => Promise<ActionState<{ version: number }>>> = {
  approve: approveAction,
  return: returnAction,
  finalize: finalizeAction,
};

/** 审核意见 and the head's or finance's decision buttons; the server re-checks every click. */
export function DecisionPanel({
  evaluationId,
  version,
  decisions,
}: {
  evaluationId: number;
  version: number;
  decisions: Decision[];
}) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [missingEvidence, setMissingEvidence] = useState<string[]>([]);
  const evidence = useEvidence();
  const { banner, fieldErrors, show, clear } = useServerFeedback();
  const [missingComment, setMissingComment] = useState(false);
  const [busy, setBusy] = useState(false);
  const commentError = missingComment ? '请填写退回原因' : (fieldErrors.comment ?? null);

  const decide = async (decision: Decision) => {
    clear();
    setMissingComment(decision === 'return' && !comment.trim());
    if (decision === 'return' && !comment.trim()) return;
    if (BUTTONS[decision].confirm && !window.confirm(BUTTONS[decision].confirm)) return;
    setBusy(true);
    try {
      const input = { evaluationId, version, comment, ...(decision === 'return' ? { missingEvidence } : {}) };
      if (!show(await callAction(ACTIONS[decision], input))) return;
      setComment('');
      setMissingEvidence([]);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card decision-panel no-print">
      <h2>审核意见</h2>
      <label className="field">
        <span>意见（退回时必填）</span>
        <textarea
          rows={3}
          maxLength={TEXT_LIMITS.comment}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-label="审核意见"
          aria-invalid={Boolean(commentError)}
        />
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
    </section>
  );
}
