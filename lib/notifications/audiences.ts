import type { EvaluationStatus, NotificationKind, ReviewActionKind, Role } from '@/db/schema';
import { formatScore } from '@/lib/format';
import { nextStepFor, rolesWithWorkAt, WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';

/** Who a notice goes to: the project's owner, or everyone of a role (a head: of the project's department). */
export type Audience = { owner: true } | { role: Role };

export interface Notice {
  audience: Audience;
  kind: NotificationKind;
  message: string;
}

export interface StepFacts {
  action: ReviewActionKind;
  to: EvaluationStatus;
  project: string;
  actor: string;
  comment: string;
  /** The total that counts once finalised, at the year's precision. */
  finalTotal: string;
  precision: number;
}

const withComment = (comment: string) => (comment ? `：${comment}` : '');

/** What the owner is told of a step someone else took on their evaluation. */
function ownerNotice({ action, project, actor, comment, finalTotal, precision }: StepFacts): Notice | null {
  const name = `「${project}」`;
  switch (action) {
    case 'return':
      return { audience: { owner: true }, kind: 'returned', message: `${name}已被${actor}退回${withComment(comment)}` };
    case 'approve':
      return { audience: { owner: true }, kind: 'approved', message: `${name}已由${actor}审核通过` };
    case 'finalize':
      return {
        audience: { owner: true },
        kind: 'finalized',
        message: `${name}已定稿，最终得分 ${formatScore(finalTotal, precision)}`,
      };
    case 'reopen':
    case 'reassess':
      return {
        audience: { owner: true },
        kind: 'reopened',
        message: `${name}已被${actor}${WORKFLOW_ACTIONS[action].verb}${withComment(comment)}`,
      };
    default:
      return null;
  }
}

/**
 * The notices of one workflow step: the owner's (退回, 审核通过, 定稿, reopened), and "new in your
 * queue" for every other role that has work at the new status (the workflow table says which).
 */
export function stepNotices(facts: StepFacts): Notice[] {
  const notices: Notice[] = [];
  const toOwner = ownerNotice(facts);
  if (toOwner) notices.push(toOwner);
  for (const role of rolesWithWorkAt(facts.to)) {
    if (role === 'owner') continue;
    notices.push({
      audience: { role },
      kind: 'queue',
      message: `新待办：「${facts.project}」${nextStepFor(role, facts.to)}`,
    });
  }
  return notices;
}
