import type { EvaluationStatus, Role } from '@/db/schema';

/** The statuses waiting for each role's action: its to-do list. */
export const QUEUE_STATUSES: Record<Role, EvaluationStatus[]> = {
  owner: ['draft'],
  dept_head: ['submitted'],
  finance: ['dept_approved'],
  admin: [],
};

export const QUEUE_TITLES: Record<Role, string> = {
  owner: '待填写和退回修改的自评',
  dept_head: '待部门审核的自评',
  finance: '待财政复核和定稿的自评',
  admin: '待办',
};
