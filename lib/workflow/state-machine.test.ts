import { describe, expect, it } from 'vitest';
import type { EvaluationStatus, Role } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import {
  allowedActions,
  batchActionsFor,
  decide,
  EVIDENCE_ACTIONS,
  evidencePurposeOf,
  heldByClosedYear,
  nextStepFor,
  pastOwner,
  queueStatuses,
  rolesFor,
  rolesWithWorkAt,
  statusesFor,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
} from './state-machine';

const user = (role: Role, id: number, departmentId: number | null): SessionUser => ({
  id,
  role,
  departmentId,
  username: role,
  displayName: role,
  mustChangePassword: false,
});
const owner = user('owner', 1, 10);
const otherOwner = user('owner', 2, 10);
const head = user('dept_head', 3, 10);
const otherHead = user('dept_head', 4, 20);
const finance = user('finance', 5, null);
const admin = user('admin', 6, null);
const at = (status: EvaluationStatus, yearStatus: 'open' | 'closed' = 'open') => ({
  status,
  ownerId: owner.id,
  departmentId: 10,
  year: 2024,
  yearStatus,
});

const STATUSES: EvaluationStatus[] = ['draft', 'returned', 'submitted', 'dept_approved', 'finalized'];
const ACTIONS = Object.keys(WORKFLOW_ACTIONS) as WorkflowAction[];

/** The whole allowed table, written out: [actor, status, action, resulting status]. Everything else is refused. */
const ALLOWED: Array<[SessionUser, EvaluationStatus, WorkflowAction, EvaluationStatus]> = [
  [owner, 'draft', 'save', 'draft'],
  [owner, 'returned', 'save', 'returned'],
  [owner, 'draft', 'submit', 'submitted'],
  [owner, 'returned', 'submit', 'submitted'],
  [owner, 'submitted', 'withdraw', 'draft'],
  [head, 'submitted', 'approve', 'dept_approved'],
  [head, 'submitted', 'return', 'returned'],
  [head, 'draft', 'remind', 'draft'],
  [head, 'returned', 'remind', 'returned'],
  [finance, 'dept_approved', 'review', 'dept_approved'],
  [finance, 'dept_approved', 'return', 'returned'],
  [finance, 'dept_approved', 'finalize', 'finalized'],
  [finance, 'finalized', 'reopen', 'dept_approved'],
  [finance, 'finalized', 'reassess', 'returned'],
  [finance, 'draft', 'remind', 'draft'],
  [finance, 'returned', 'remind', 'returned'],
  [finance, 'draft', 'import_execution', 'draft'],
  [finance, 'returned', 'import_execution', 'returned'],
  [admin, 'finalized', 'reopen', 'dept_approved'],
  [admin, 'finalized', 'reassess', 'returned'],
  [owner, 'draft', 'attach', 'draft'],
  [owner, 'returned', 'attach', 'returned'],
  [owner, 'draft', 'detach', 'draft'],
  [owner, 'returned', 'detach', 'returned'],
  [finance, 'dept_approved', 'attachReview', 'dept_approved'],
  [finance, 'dept_approved', 'detachReview', 'dept_approved'],
];

describe('workflow state machine', () => {
  for (const actor of [owner, otherOwner, head, otherHead, finance, admin]) {
    for (const status of STATUSES) {
      for (const action of ACTIONS) {
        const expected = ALLOWED.find(([a, s, act]) => a === actor && s === status && act === action);
        const name = `${actor.role}#${actor.id} ${action} at ${status}: ${expected ? `→ ${expected[3]}` : 'refused'}`;
        it(name, () => {
          const decision = decide(actor, at(status), action);
          if (expected) {
            expect(decision).toEqual({ allowed: true, to: expected[3] });
          } else {
            expect(decision.allowed).toBe(false);
            if (!decision.allowed) expect(decision.reason).toMatch(/[\u4e00-\u9fff]/);
          }
        });
      }
    }
  }

  it('a finalised evaluation is read-only for everyone; only finance and administrators may reopen it', () => {
    for (const actor of [owner, head]) expect(allowedActions(actor, at('finalized'))).toEqual([]);
    for (const actor of [finance, admin])
      expect(allowedActions(actor, at('finalized'))).toEqual(['reopen', 'reassess']);
    expect(decide(owner, at('finalized'), 'save')).toMatchObject({ code: 'state', reason: '自评已定稿，不能再修改' });
  });

  it('explains a refusal in words', () => {
    const refusals: Array<[SessionUser, EvaluationStatus, WorkflowAction, 'forbidden' | 'state', string]> = [
      [otherOwner, 'draft', 'save', 'forbidden', '只有该项目的项目负责人可以操作'],
      [otherHead, 'submitted', 'approve', 'forbidden', '该项目不属于您的部门'],
      [owner, 'submitted', 'save', 'state', '当前状态为“已提交”，不能保存'],
      [head, 'draft', 'finalize', 'forbidden', '只有财政局可以定稿'],
    ];
    for (const [actor, status, action, code, reason] of refusals)
      expect(decide(actor, at(status), action)).toMatchObject({ allowed: false, code, reason });
  });

  it('in a closed year nobody fills in or submits, while review and decisions go on', () => {
    expect(decide(owner, at('draft', 'closed'), 'save')).toMatchObject({
      allowed: false,
      code: 'state',
      reason: '2024年度自评已关闭，不能再填写或提交；如需补报请联系财政局',
    });
    expect(decide(owner, at('draft', 'closed'), 'submit')).toMatchObject({ allowed: false, code: 'state' });
    expect(allowedActions(head, at('submitted', 'closed'))).toEqual(['approve', 'return']);
    expect(decide(owner, at('draft', 'closed'), 'attach')).toMatchObject({ allowed: false, code: 'state' });
    expect(decide(owner, at('draft', 'closed'), 'detach')).toMatchObject({ allowed: false, code: 'state' });
    expect(decide(owner, at('returned', 'closed'), 'attach')).toMatchObject({ allowed: false, code: 'state' });
    expect(allowedActions(finance, at('dept_approved', 'closed'))).toEqual([
      'return',
      'review',
      'finalize',
      'attachReview',
      'detachReview',
    ]);
    expect(allowedActions(owner, at('submitted', 'closed'))).toEqual([]);
    expect(allowedActions(head, at('returned', 'closed'))).toEqual([]);
    expect(heldByClosedYear(at('draft', 'closed'))).toBe(true);
    expect(heldByClosedYear(at('returned', 'closed'))).toBe(true);
    expect(heldByClosedYear(at('submitted', 'closed'))).toBe(false);
    expect(heldByClosedYear(at('draft'))).toBe(false);
  });

  it('says which evidence each role adds, and through which actions', () => {
    expect([owner, head, finance, admin].map((a) => evidencePurposeOf(a.role))).toEqual([
      'owner',
      null,
      'review',
      null,
    ]);
    expect(decide(head, at('submitted'), 'attach')).toMatchObject({
      allowed: false,
      code: 'forbidden',
      reason: '只有项目负责人可以上传佐证材料',
    });
    expect(decide(owner, at('submitted'), 'detach')).toMatchObject({
      allowed: false,
      code: 'state',
      reason: '当前状态为“已提交”，不能删除佐证材料',
    });
    expect(decide(owner, at('draft'), EVIDENCE_ACTIONS.review.remove)).toMatchObject({
      allowed: false,
      code: 'forbidden',
    });
  });

  it('derives roles, to-do lists and next steps from the same table', () => {
    expect(rolesFor('return')).toEqual(['dept_head', 'finance']);
    expect(rolesFor('finalize')).toEqual(['finance']);
    expect(rolesFor('reopen')).toEqual(['finance', 'admin']);
    expect(rolesFor('remind')).toEqual(['dept_head', 'finance']);
    // Withdrawing, reopening and reminding are not anybody's 待办.
    expect([owner, head, finance, admin].map((a) => queueStatuses(a.role))).toEqual([
      ['draft', 'returned'],
      ['submitted'],
      ['dept_approved'],
      [],
    ]);
    expect(statusesFor('save')).toEqual(['draft', 'returned']);
    expect(STATUSES.map(pastOwner)).toEqual([false, false, true, true, true]);
    expect(rolesWithWorkAt('submitted')).toEqual(['dept_head']);
    expect(rolesWithWorkAt('returned')).toEqual(['owner']);
    expect([owner, head, finance, admin].map((a) => batchActionsFor(a.role))).toEqual([
      [],
      ['approve', 'return'],
      ['return', 'finalize'],
      [],
    ]);
    // The bug of the first edition: finance's list said 等待部门审核 for drafts nobody submitted.
    expect(STATUSES.map((s) => nextStepFor('finance', s))).toEqual([
      '等待项目负责人提交',
      '已退回，等待项目负责人修改',
      '等待部门审核',
      '复核并定稿',
      '已完成',
    ]);
    expect(STATUSES.map((s) => nextStepFor('owner', s))).toEqual([
      '填写并提交自评',
      '修改并重新提交',
      '等待部门审核',
      '等待财政复核',
      '已完成',
    ]);
    expect(STATUSES.map((s) => nextStepFor('dept_head', s))).toEqual([
      '等待项目负责人提交',
      '已退回，等待项目负责人修改',
      '审核',
      '等待财政复核',
      '已完成',
    ]);
  });
});
