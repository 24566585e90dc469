import { EVALUATION_STATUSES, ROLES, type EvaluationStatus, type EvidencePurpose, type Role } from '@/db/schema';
import { canViewProject, type ProjectScope, type SessionUser } from '@/lib/auth/scope';
import { ROLE_LABELS, STATUS_LABELS } from '@/lib/roles';

/**
 * The evaluation workflow: 草稿 → 已提交 → 部门已审核 → 已定稿, with 退回 to the owner from 已提交
 * (by the department head) and from 部门已审核 (by finance). Pure: data in, decision out.
 *
 * This file is the one place that says who may do what, and when: the operations' roles, the
 * server's checks, the page's buttons, the to-do lists and the "下一步" texts are all read from it.
 */
export type WorkflowAction =
  | 'save'
  | 'submit'
  | 'approve'
  | 'return'
  | 'review'
  | 'finalize'
  | 'attach'
  | 'detach'
  | 'attachReview'
  | 'detachReview';

interface Transition {
  action: WorkflowAction;
  role: Role;
  from: EvaluationStatus;
  to: EvaluationStatus;
}

/** Every allowed step; anything not listed is refused. */
const TRANSITIONS: readonly Transition[] = [
  { action: 'save', role: 'owner', from: 'draft', to: 'draft' },
  { action: 'submit', role: 'owner', from: 'draft', to: 'submitted' },
  { action: 'approve', role: 'dept_head', from: 'submitted', to: 'dept_approved' },
  { action: 'return', role: 'dept_head', from: 'submitted', to: 'draft' },
  { action: 'review', role: 'finance', from: 'dept_approved', to: 'dept_approved' },
  { action: 'return', role: 'finance', from: 'dept_approved', to: 'draft' },
  { action: 'finalize', role: 'finance', from: 'dept_approved', to: 'finalized' },
  // Evidence (佐证材料): the owner's while the draft is theirs, finance's own review evidence while reviewing.
  { action: 'attach', role: 'owner', from: 'draft', to: 'draft' },
  { action: 'detach', role: 'owner', from: 'draft', to: 'draft' },
  { action: 'attachReview', role: 'finance', from: 'dept_approved', to: 'dept_approved' },
  { action: 'detachReview', role: 'finance', from: 'dept_approved', to: 'dept_approved' },
];

interface ActionWords {
  /** In refusals and the timeline: 不能{verb}. */
  verb: string;
  button: string;
  /** After success: 已{done}. */
  done: string;
  /** A closed year is read-only for those who fill in: this action waits until finance reopens it. */
  needsOpenYear?: boolean;
}

export const WORKFLOW_ACTIONS: Record<WorkflowAction, ActionWords> = {
  save: { verb: '保存', button: '保存草稿', done: '保存草稿', needsOpenYear: true },
  submit: { verb: '提交', button: '提交审核', done: '提交', needsOpenYear: true },
  approve: { verb: '审核通过', button: '审核通过', done: '审核通过' },
  return: { verb: '退回', button: '退回修改', done: '退回' },
  review: { verb: '复核评分', button: '保存复核得分', done: '保存复核得分' },
  finalize: { verb: '定稿', button: '定稿', done: '定稿' },
  attach: { verb: '上传佐证材料', button: '上传佐证材料', done: '上传', needsOpenYear: true },
  detach: { verb: '删除佐证材料', button: '删除', done: '删除', needsOpenYear: true },
  attachReview: { verb: '上传复核佐证材料', button: '上传复核佐证材料', done: '上传' },
  detachReview: { verb: '删除复核佐证材料', button: '删除', done: '删除' },
};

/** Each kind of evidence is added and removed by its own pair of actions. */
export const EVIDENCE_ACTIONS: Record<EvidencePurpose, { add: WorkflowAction; remove: WorkflowAction }> = {
  owner: { add: 'attach', remove: 'detach' },
  review: { add: 'attachReview', remove: 'detachReview' },
};

/** The roles that add (or remove) evidence of some kind: the evidence operations' first check. */
export function evidenceRoles(kind: 'add' | 'remove'): Role[] {
  return ROLES.filter((role) => Object.values(EVIDENCE_ACTIONS).some((a) => rolesFor(a[kind]).includes(role)));
}

/** The evidence a role adds (the owner's own, or finance's review evidence); null for roles that add none. */
export function evidencePurposeOf(role: Role): EvidencePurpose | null {
  const purposes = Object.keys(EVIDENCE_ACTIONS) as EvidencePurpose[];
  return purposes.find((p) => rolesFor(EVIDENCE_ACTIONS[p].add).includes(role)) ?? null;
}

/** What is to be done at each status: the text of whoever may act then, and of everyone else. */
const STEPS: Record<EvaluationStatus, { task: string; waiting: string }> = {
  draft: { task: '填写并提交自评', waiting: '等待项目负责人提交' },
  submitted: { task: '审核', waiting: '等待部门审核' },
  dept_approved: { task: '复核并定稿', waiting: '等待财政复核' },
  finalized: { task: '已完成', waiting: '已完成' },
};

/** The roles that may take an action at all (the operation's first check). */
export function rolesFor(action: WorkflowAction): Role[] {
  return ROLES.filter((role) => TRANSITIONS.some((t) => t.action === action && t.role === role));
}

/** The statuses at which a role has something to do: its to-do list. */
export function queueStatuses(role: Role): EvaluationStatus[] {
  return EVALUATION_STATUSES.filter((status) => TRANSITIONS.some((t) => t.role === role && t.from === status));
}

/** "下一步" in the lists: the role's own task at this status, else what it is waiting for. */
export function nextStepFor(role: Role, status: EvaluationStatus): string {
  return queueStatuses(role).includes(status) ? STEPS[status].task : STEPS[status].waiting;
}

export const closedYearMessage = (year: number) => `${year}年度自评已关闭，不能再填写或提交；如需补报请联系财政局`;

/** True when a closed year is what holds this evaluation still (a draft nobody may fill in or submit now). */
export function heldByClosedYear(evaluation: EvaluationScope): boolean {
  return (
    evaluation.yearStatus === 'closed' &&
    TRANSITIONS.some((t) => t.from === evaluation.status && WORKFLOW_ACTIONS[t.action].needsOpenYear)
  );
}

export interface EvaluationScope extends ProjectScope {
  status: EvaluationStatus;
  year: number;
  yearStatus: 'open' | 'closed';
}

export type Decision =
  { allowed: true; to: EvaluationStatus } | { allowed: false; reason: string; code: 'forbidden' | 'state' };

export function decide(user: SessionUser, evaluation: EvaluationScope, action: WorkflowAction): Decision {
  const forRole = TRANSITIONS.filter((t) => t.action === action && t.role === user.role);
  const { verb, needsOpenYear } = WORKFLOW_ACTIONS[action];
  if (forRole.length === 0) {
    const roles = rolesFor(action)
      .map((r) => ROLE_LABELS[r])
      .join('或');
    return { allowed: false, code: 'forbidden', reason: `只有${roles}可以${verb}` };
  }
  // Finance acts on every department; the others only inside their own scope.
  if (!canViewProject(user, evaluation)) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: user.role === 'owner' ? '只有该项目的项目负责人可以操作' : '该项目不属于您的部门',
    };
  }
  if (evaluation.status === 'finalized') return { allowed: false, code: 'state', reason: '自评已定稿，不能再修改' };
  const step = forRole.find((t) => t.from === evaluation.status);
  if (!step) {
    return { allowed: false, code: 'state', reason: `当前状态为“${STATUS_LABELS[evaluation.status]}”，不能${verb}` };
  }
  if (needsOpenYear && evaluation.yearStatus === 'closed') {
    return { allowed: false, code: 'state', reason: closedYearMessage(evaluation.year) };
  }
  return { allowed: true, to: step.to };
}

/** Every action the user may take now, for showing the right buttons (the server still decides each one). */
export function allowedActions(user: SessionUser, evaluation: EvaluationScope): WorkflowAction[] {
  return (Object.keys(WORKFLOW_ACTIONS) as WorkflowAction[]).filter((a) => decide(user, evaluation, a).allowed);
}
