import type { Role } from '@/db/schema';

/** The heading of each role's to-do list; which statuses it holds comes from the workflow table (queueStatuses). */
export const QUEUE_TITLES: Record<Role, string> = {
  owner: '待填写和退回修改的自评',
  dept_head: '待部门审核的自评',
  finance: '待财政复核和定稿的自评',
  admin: '待办',
};
