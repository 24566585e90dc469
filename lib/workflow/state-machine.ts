import type { EvaluationStatus, Role } from '@/db/schema';
import { canViewProject, type ProjectScope, type SessionUser } from '@/lib/auth/scope';
import { ROLE_LABELS, STATUS_LABELS } from '@/lib/roles';

/**
 * The evaluation workflow: 草稿 → 已提交 → 部门已审核 → 已定稿, with 退回 to the owner from 已提交
 * (by the department head) and from 部门已审核 (by finance). Pure: data in, decision out.
 */
export type WorkflowAction = 'save' | 'submit' | 'approve' | 'return' | 'review' | 'finalize';

interface Rule {
  role: Role;
  from: EvaluationStatus;
  to: EvaluationStatus;
}

const RULES: Record<WorkflowAction, Rule[]> = {
  save: [{ role: 'owner', from: 'draft', to: 'draft' }],
  submit: [{ role: 'owner', from: 'draft', to: 'submitted' }],
  approve: [{ role: 'dept_head', from: 'submitted', to: 'dept_approved' }],
  return: [
    { role: 'dept_head', from: 'submitted', to: 'draft' },
    { role: 'finance', from: 'dept_approved', to: 'draft' },
  ],
  review: [{ role: 'finance', from: 'dept_approved', to: 'dept_approved' }],
  finalize: [{ role: 'finance', from: 'dept_approved', to: 'finalized' }],
};

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  save: '保存',
  submit: '提交',
  approve: '审核通过',
  return: '退回',
  review: '复核评分',
  finalize: '定稿',
};

export interface EvaluationScope extends ProjectScope {
  status: EvaluationStatus;
}

export type Decision =
  { allowed: true; to: EvaluationStatus } | { allowed: false; reason: string; code: 'forbidden' | 'state' };

export function decide(user: SessionUser, evaluation: EvaluationScope, action: WorkflowAction): Decision {
  const rules = RULES[action];
  const forRole = rules.filter((r) => r.role === user.role);
  if (forRole.length === 0) {
    const roles = [...new Set(rules.map((r) => ROLE_LABELS[r.role]))].join('或');
    return { allowed: false, code: 'forbidden', reason: `只有${roles}可以${ACTION_LABELS[action]}` };
  }
  if (!inScope(user, evaluation)) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: user.role === 'owner' ? '只有该项目的项目负责人可以操作' : '该项目不属于您的部门',
    };
  }
  if (evaluation.status === 'finalized') return { allowed: false, code: 'state', reason: '自评已定稿，不能再修改' };
  const rule = forRole.find((r) => r.from === evaluation.status);
  if (!rule) {
    return {
      allowed: false,
      code: 'state',
      reason: `当前状态为“${STATUS_LABELS[evaluation.status]}”，不能${ACTION_LABELS[action]}`,
    };
  }
  return { allowed: true, to: rule.to };
}

function inScope(user: SessionUser, evaluation: EvaluationScope): boolean {
  // Finance acts on every department; the others only inside their own scope.
  return canViewProject(user, evaluation);
}

/** Every action the user may take now, for showing the right buttons (the server still decides each one). */
export function allowedActions(user: SessionUser, evaluation: EvaluationScope): WorkflowAction[] {
  return (Object.keys(RULES) as WorkflowAction[]).filter((a) => decide(user, evaluation, a).allowed);
}

/** What the owner should do next, in words, for the project list. */
export function nextStepFor(role: Role, status: EvaluationStatus): string {
  if (status === 'finalized') return '已完成';
  if (role === 'owner')
    return status === 'draft' ? '填写并提交自评' : status === 'submitted' ? '等待部门审核' : '等待财政复核';
  if (role === 'dept_head')
    return status === 'submitted' ? '审核' : status === 'draft' ? '等待项目负责人提交' : '等待财政复核';
  if (role === 'finance') return status === 'dept_approved' ? '复核并定稿' : '等待部门审核';
  return STATUS_LABELS[status];
}
