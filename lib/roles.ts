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

/** A name without a trailing role in brackets (`林志强（部门负责人）` → `林志强`), for where the role is shown beside it. */
export function bareName(name: string, role: Role): string {
  const label = ROLE_LABELS[role];
  for (const suffix of [`（${label}）`, `(${label})`]) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length).trim();
  }
  return name;
}

/** A person's name followed by their role, once (`林志强（部门负责人）`, never `…（部门负责人）（部门负责人）`). */
export function nameWithRole(name: string, role: Role): string {
  const bare = bareName(name, role);
  return bare === ROLE_LABELS[role] ? bare : `${bare}（${ROLE_LABELS[role]}）`;
}
