import type { EvaluationStatus, Role } from '@/db/schema';

export const ROLE_LABELS: Record<Role, string> = {
  owner: '项目负责人',
  dept_head: '部门负责人',
  finance: '财政局',
  admin: '系统管理员',
};

export const STATUS_LABELS: Record<EvaluationStatus, string> = {
  draft: '草稿',
  returned: '已退回',
  submitted: '已提交',
  dept_approved: '部门已审核',
  finalized: '已定稿',
};
