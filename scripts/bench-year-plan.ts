import type { AuditChange } from '@/db/queries/audit';
import type { EvaluationBundle, EvaluationColumns, ResultColumns } from '@/db/queries/evaluations';
import type { AuditAction, EngineFlagKind, EvaluationStatus, IndicatorResult, ReviewActionKind } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { workflowScope } from '@/lib/evaluations/authorize';
import { reviewFormValues } from '@/lib/evaluations/form-values';
import { applyReview } from '@/lib/evaluations/review';
import { prepareDraft } from '@/lib/evaluations/save-draft';
import { cachedScores, schemeOfYear, scoreStored, sheetOf } from '@/lib/evaluations/sheet';
import type { StepFacts } from '@/lib/notifications/audiences';
import { STATUS_LABELS } from '@/lib/roles';
import type { EvaluationResult } from '@/lib/scoring';
import { decide, WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';
import { draftFor, targetState, type SyntheticActors } from './synthetic-year';

/**
 * The steps of one evaluation of the bench year (save, submit, return, approve, review, finalise)
 * played in memory, as the operations would take them: the draft prepared by the save's own
 * `prepareDraft`, the engine's numbers cached by `cachedScores`, each step allowed by the workflow
 * table, and what commitEvaluation would write for each commit collected into one plan.
 */

interface Commit {
  user: SessionUser;
  evaluation?: EvaluationColumns;
  results?: ResultColumns[];
  step?: { action: ReviewActionKind; comment: string };
  audit: Array<{ action: AuditAction; changes: AuditChange[] }>;
  result: EvaluationResult;
}

/** What one evaluation ends with: the columns to write, its workflow steps and audit entries, in order. */
export interface Plan {
  evaluationId: number;
  evaluation: EvaluationColumns;
  results: Array<{ indicatorId: number } & ResultColumns>;
  flags: Array<{ kind: EngineFlagKind; ordinal: number; detail: string }>;
  writes: Array<
    | {
        kind: 'step';
        actorId: number;
        action: ReviewActionKind;
        from: EvaluationStatus;
        to: EvaluationStatus;
        comment: string;
      }
    | { kind: 'audit'; actorId: number; action: AuditAction; changes: AuditChange[] }
  >;
  /** Set when it ends finalised: the result its snapshot keeps. */
  frozenResult: EvaluationResult | null;
  /** What notifyStep is told of each step: the evaluation as it was before it, who took it, the facts. */
  notices: Array<{ bundle: EvaluationBundle; actor: SessionUser; facts: StepFacts }>;
}

/** A result row before its first write, as the schema's defaults make it. */
const NEW_RESULT: Omit<IndicatorResult, 'indicatorId'> = {
  id: 0,
  evaluationId: 0,
  actual: null,
  explanation: '',
  deductionScore: null,
  deductionReason: null,
  reviewedScore: null,
  reviewedReason: null,
  points: null,
  rate: null,
  computedScore: null,
  finalScore: null,
  updatedAt: null,
};

/** The evaluation as the steps so far have left it, and what writing it takes. */
class Playback {
  readonly plan: Plan;
  private lastResult: EvaluationResult | null = null;

  constructor(private bundle: EvaluationBundle) {
    this.plan = {
      evaluationId: bundle.evaluation.id,
      evaluation: {},
      results: [],
      flags: [],
      writes: [],
      frozenResult: null,
      notices: [],
    };
  }

  /** What commitEvaluation writes for a commit: the operation's columns with the engine's numbers, the version moved on. */
  private apply(commit: Commit) {
    const b = this.bundle;
    const now = new Date();
    const scores = cachedScores(b, commit.result, schemeOfYear(b.year.scheme));
    const evaluation = {
      ...commit.evaluation,
      ...scores.evaluation,
      version: b.evaluation.version + 1,
      updatedAt: now,
      updatedById: commit.user.id,
    };
    const results = new Map(b.results);
    scores.results.forEach((scored, i) => {
      const was = results.get(scored.indicatorId) ?? { ...NEW_RESULT, indicatorId: scored.indicatorId };
      results.set(scored.indicatorId, { ...was, ...commit.results?.[i], ...scored });
    });
    for (const { action, changes } of commit.audit)
      if (changes.length > 0) this.plan.writes.push({ kind: 'audit', actorId: commit.user.id, action, changes });
    const from = b.evaluation.status;
    this.bundle = { ...b, evaluation: { ...b.evaluation, ...evaluation }, results };
    if (commit.step) {
      const to = this.bundle.evaluation.status;
      this.plan.writes.push({ kind: 'step', actorId: commit.user.id, ...commit.step, from, to });
      const { precision, finalTotal } = commit.result;
      const facts = { action: commit.step.action, to, comment: commit.step.comment, project: b.project.name };
      this.plan.notices.push({
        bundle: b,
        actor: commit.user,
        facts: { ...facts, actor: commit.user.displayName, finalTotal, precision },
      });
      this.plan.frozenResult = to === 'finalized' ? commit.result : null;
    }
    Object.assign(this.plan.evaluation, evaluation);
    this.plan.results = this.bundle.indicators.map((ind) => {
      const { id: _id, evaluationId: _e, ...columns } = this.bundle.results.get(ind.id)!;
      return columns;
    });
    this.plan.flags = scores.flags;
    this.lastResult = commit.result;
  }

  save(user: SessionUser, seed: number) {
    const prepared = prepareDraft(draftFor(this.bundle, seed), { bundle: this.bundle, sheet: sheetOf(this.bundle) });
    if (!prepared.ok) throw new Error(`save ${this.plan.evaluationId}: ${prepared.message}`);
    this.apply({ user, ...prepared.change, audit: [{ action: 'update', changes: prepared.changes }] });
  }

  /** A workflow step as transitionOperation commits it; the numbers are unchanged unless a return clears a review. */
  step(user: SessionUser, action: 'submit' | 'approve' | 'return' | 'finalize', comment = '') {
    const decision = decide(user, workflowScope(this.bundle), action);
    if (!decision.allowed) throw new Error(`${action} ${this.plan.evaluationId}: ${decision.reason}`);
    const { to } = decision;
    const from = this.bundle.evaluation.status;
    const now = new Date();
    const clearReview = to === 'returned';
    const field = comment ? `状态（${WORKFLOW_ACTIONS[action].verb}，意见：${comment}）` : '状态';
    this.apply({
      user,
      evaluation: {
        status: to,
        ...(action === 'submit' ? { submittedAt: now } : {}),
        ...(action === 'finalize' ? { finalizedAt: now } : {}),
        ...(clearReview ? { budgetReviewedScore: null, budgetReviewedReason: null } : {}),
      },
      results: clearReview ? this.bundle.indicators.map(() => ({ reviewedScore: null, reviewedReason: null })) : [],
      step: { action, comment },
      audit: [
        {
          action: 'transition',
          changes: [
            {
              entityType: 'evaluation',
              entityId: this.plan.evaluationId,
              field,
              oldValue: STATUS_LABELS[from],
              newValue: STATUS_LABELS[to],
            },
          ],
        },
      ],
      result: clearReview ? scoreStored(this.bundle, { withoutReview: true }).result : this.lastResult!,
    });
  }

  /** Finance's reviewed score on the first indicator, as reviewScoresOperation commits it (its own applyReview). */
  review(user: SessionUser, score: string, reason: string) {
    const lines = reviewFormValues(this.bundle);
    lines.indicators[0] = { ...lines.indicators[0], score, reason };
    const review = applyReview(this.bundle, sheetOf(this.bundle), lines);
    if (!review.ok) throw new Error(`review ${this.plan.evaluationId}: ${review.message}`);
    this.apply({
      user,
      evaluation: review.evaluation,
      results: review.results,
      audit: [{ action: 'review', changes: review.changes }],
      result: review.result,
    });
  }
}

/** The steps of the i-th evaluation of the year, as fillEvaluations takes them through the operations. */
export function planEvaluation(bundle: EvaluationBundle, i: number, actors: SyntheticActors): Plan | null {
  const goal = targetState(i);
  if (goal.status === 'untouched') return null;
  const owner = actors.ownerOf(bundle.project.departmentId);
  const head = actors.headOf(bundle.project.departmentId);
  const play = new Playback(bundle);
  play.save(owner, i);
  if (goal.status === 'draft') return play.plan;
  play.step(owner, 'submit');
  if (goal.status === 'returned') play.step(head, 'return', '请补充佐证材料');
  if (goal.status === 'returned' || goal.status === 'submitted') return play.plan;
  play.step(head, 'approve');
  if (goal.status === 'dept_approved') return play.plan;
  if (goal.review) play.review(actors.finance, '5', '佐证材料不足');
  play.step(actors.finance, 'finalize');
  return play.plan;
}
