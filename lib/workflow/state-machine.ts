import {
  EVALUATION_STATUSES,
  ROLES,
  WITH_OWNER_STATUSES,
  type EvaluationStatus,
  type EvidencePurpose,
  type Role,
} from '@/db/schema';
import { canViewProject, type ProjectScope, type SessionUser } from '@/lib/auth/scope';
import { ROLE_LABELS, STATUS_LABELS } from '@/lib/roles';

/**
 * The evaluation workflow: 草稿 → 已提交 → 部门已审核 → 已定稿, with 退回 to the owner (已退回) from
 * 已提交 (by the department head) and from 部门已审核 (by finance), 撤回 by the owner until the head has
 * acted, and a finalised evaluation reopened by finance or an administrator. Pure: data in, decision out.
 *
 * This file is the one place that says who may do what, and when: the operations' roles, the
 * server's checks, the page's buttons, the batch bar, the to-do lists, the notifications and the
 * "下一步" texts are all read from it.
 */
export type WorkflowAction =
  | 'save'
  | 'submit'
  | 'withdraw'
  | 'approve'
  | 'return'
  | 'review'
  | 'finalize'
  | 'reopen'
  | 'reassess'
  | 'remind'
  | 'import_execution'
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

/** One row per (role, from status): `to` omitted keeps the status. */
const allow = (action: WorkflowAction, roles: Role[], from: EvaluationStatus[], to?: EvaluationStatus) =>
  roles.flatMap((role) => from.map((f) => ({ action, role, from: f, to: to ?? f })));

/** With the owner: filled in, saved, submitted (a returned one as well as a new draft). */
const WITH_OWNER: EvaluationStatus[] = [...WITH_OWNER_STATUSES];

/** Every allowed step; anything not listed is refused. */
const TRANSITIONS: readonly Transition[] = [
  ...allow('save', ['owner'], WITH_OWNER),
  ...allow('submit', ['owner'], WITH_OWNER, 'submitted'),
  ...allow('withdraw', ['owner'], ['submitted'], 'draft'),
  ...allow('approve', ['dept_head'], ['submitted'], 'dept_approved'),
  ...allow('return', ['dept_head'], ['submitted'], 'returned'),
  ...allow('review', ['finance'], ['dept_approved']),
  ...allow('return', ['finance'], ['dept_approved'], 'returned'),
  ...allow('finalize', ['finance'], ['dept_approved'], 'finalized'),
  ...allow('reopen', ['finance', 'admin'], ['finalized'], 'dept_approved'),
  ...allow('reassess', ['finance', 'admin'], ['finalized'], 'returned'),
  ...allow('remind', ['dept_head', 'finance'], WITH_OWNER),
  ...allow('import_execution', ['finance'], WITH_OWNER),
  // Evidence (佐证材料): the owner's while the draft is theirs (a returned one too), finance's own review evidence
  // while reviewing.
  ...allow('attach', ['owner'], WITH_OWNER),
  ...allow('detach', ['owner'], WITH_OWNER),
  ...allow('attachReview', ['finance'], ['dept_approved']),
  ...allow('detachReview', ['finance'], ['dept_approved']),
];

interface ActionWords {
  /** In refusals and the timeline: 不能{verb}. */
  verb: string;
  button: string;
  /** After success: 已{done}. */
  done: string;
  /** The role's work at that status: it puts the evaluation in the role's 待办 and gives the "下一步". */
  task?: boolean;
  /** A closed year is read-only for those who fill in: this action waits until finance reopens it. */
  needsOpenYear?: boolean;
  /** A reason is required (退回, reopening): the comment may not be empty; this says so. */
  needsComment?: string;
  /** Offered on many evaluations at once (待办, 总览). */
  batch?: boolean;
}

export const WORKFLOW_ACTIONS: Record<WorkflowAction, ActionWords> = {
  save: { verb: '保存', button: '保存草稿', done: '保存草稿', task: true, needsOpenYear: true },
  submit: { verb: '提交', button: '提交审核', done: '提交', task: true, needsOpenYear: true },
  withdraw: { verb: '撤回', button: '撤回提交', done: '撤回', needsOpenYear: true },
  approve: { verb: '审核通过', button: '审核通过', done: '审核通过', task: true, batch: true },
  return: { verb: '退回', button: '退回修改', done: '退回', task: true, needsComment: '请填写退回原因', batch: true },
  review: { verb: '复核评分', button: '保存复核得分', done: '保存复核得分', task: true },
  finalize: { verb: '定稿', button: '定稿', done: '定稿', task: true, batch: true },
  reopen: { verb: '撤销定稿', button: '撤销定稿', done: '撤销定稿', needsComment: '请填写撤销定稿的原因' },
  reassess: {
    verb: '退回重新评价',
    button: '退回重新评价',
    done: '退回重新评价',
    needsComment: '请填写退回重新评价的原因',
  },
  remind: { verb: '催办', button: '催办', done: '催办', needsOpenYear: true },
  import_execution: { verb: '导入执行数', button: '导入执行数', done: '导入执行数', needsOpenYear: true },
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
  returned: { task: '修改并重新提交', waiting: '已退回，等待项目负责人修改' },
  submitted: { task: '审核', waiting: '等待部门审核' },
  dept_approved: { task: '复核并定稿', waiting: '等待财政复核' },
  finalized: { task: '已完成', waiting: '已完成' },
};

/** The roles that may take an action at all (the operation's first check). */
export function rolesFor(action: WorkflowAction): Role[] {
  return ROLES.filter((role) => TRANSITIONS.some((t) => t.action === action && t.role === role));
}

/** The statuses at which anyone may take an action (with the owner: `statusesFor('save')`). */
export function statusesFor(action: WorkflowAction): EvaluationStatus[] {
  return EVALUATION_STATUSES.filter((status) => TRANSITIONS.some((t) => t.action === action && t.from === status));
}

/** The statuses at which a role has something to do: its to-do list. */
export function queueStatuses(role: Role): EvaluationStatus[] {
  return EVALUATION_STATUSES.filter((status) =>
    TRANSITIONS.some((t) => t.role === role && t.from === status && WORKFLOW_ACTIONS[t.action].task),
  );
}

/** The roles for whom an evaluation arriving at a status is new work (the "new in your queue" notice). */
export function rolesWithWorkAt(status: EvaluationStatus): Role[] {
  return ROLES.filter((role) => queueStatuses(role).includes(status));
}

/** The actions a role may take on many evaluations at once. */
export function batchActionsFor(role: Role): WorkflowAction[] {
  return (Object.keys(WORKFLOW_ACTIONS) as WorkflowAction[]).filter(
    (action) => WORKFLOW_ACTIONS[action].batch && rolesFor(action).includes(role),
  );
}

/** 抽查复核: finance draws its sample from the evaluations the department has approved or finance has finalised. */
export const SPOT_CHECK = {
  roles: ['finance'] as Role[],
  statuses: ['dept_approved', 'finalized'] as EvaluationStatus[],
};

/** True once the owner has handed it on: scored by the engine for the statistics, no longer theirs to change. */
export const pastOwner = (status: EvaluationStatus) => !statusesFor('save').includes(status);

/** "下一步" in the lists: the role's own task at this status, else what it is waiting for. */
export function nextStepFor(role: Role, status: EvaluationStatus): string {
  return queueStatuses(role).includes(status) ? STEPS[status].task : STEPS[status].waiting;
}

export const closedYearMessage = (year: number) => `${year}年度自评已关闭，不能再填写或提交；如需补报请联系财政局`;

/** True when a closed year is what holds this evaluation still (a draft nobody may fill in or submit now). */
export function heldByClosedYear(evaluation: EvaluationScope): boolean {
  return (
    evaluation.yearStatus === 'closed' &&
    TRANSITIONS.some(
      (t) =>
        t.from === evaluation.status && WORKFLOW_ACTIONS[t.action].task && WORKFLOW_ACTIONS[t.action].needsOpenYear,
    )
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
  const step = forRole.find((t) => t.from === evaluation.status);
  if (!step) {
    if (evaluation.status === 'finalized') return { allowed: false, code: 'state', reason: '自评已定稿，不能再修改' };
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
