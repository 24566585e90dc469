import { z } from 'zod';
import type { Role } from '@/db/schema';
import { passwordField } from '@/lib/account/password-rules';
import { ROLE_LABELS } from '@/lib/roles';
import { versionField } from '@/lib/versions';

/**
 * The user forms' schemas, shared by react-hook-form in the browser and the server actions.
 * Ids arrive as numbers from code and as strings from a <select>; both are accepted.
 */
export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

/** Roles that belong to a department; finance and admin work across all of them. */
export const DEPARTMENT_ROLES: readonly Role[] = ['owner', 'dept_head'];
export const needsDepartment = (role: Role) => DEPARTMENT_ROLES.includes(role);

/** A positive id from a number or its decimal text; `message` when missing or malformed. */
export function idField(message: string) {
  return z.union([z.number(), z.string()], { error: message }).transform((value, ctx) => {
    const id = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return id;
  });
}

/** `''`, null or absent: no department. */
const departmentIdField = z
  .union([z.literal(''), z.null(), z.undefined(), idField('请选择部门')], { error: '请选择部门' })
  .transform((value) => (typeof value === 'number' ? value : null));

export const usernameField = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(1, '请输入用户名')
  .min(3, '用户名至少需要 3 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(USERNAME_PATTERN, '用户名只能包含英文字母、数字、下划线（_）、点（.）和短横线（-）');

export const displayNameField = z
  .string({ error: '请输入姓名' })
  .trim()
  .min(1, '请输入姓名')
  .max(50, '姓名不能超过 50 个字');

export const ROLE_VALUES = Object.keys(ROLE_LABELS) as [Role, ...Role[]];
export const roleField = z.enum(ROLE_VALUES, { error: '请选择角色' });

/** Owners and heads belong to exactly one department; finance and admin to none. */
function checkRoleDepartment(input: { role: Role; departmentId: number | null }, ctx: z.RefinementCtx) {
  if (needsDepartment(input.role) && input.departmentId === null) {
    ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '项目负责人和部门负责人必须选择所属部门' });
  }
  if (!needsDepartment(input.role) && input.departmentId !== null) {
    ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '财政局和系统管理员不属于任何部门，请将部门留空' });
  }
}

export const createUserSchema = z
  .object({
    username: usernameField,
    displayName: displayNameField,
    role: roleField,
    departmentId: departmentIdField,
    temporaryPassword: passwordField('临时密码'),
  })
  .superRefine(checkRoleDepartment);

export const updateUserSchema = z
  .object({
    userId: idField('缺少用户'),
    version: versionField,
    displayName: displayNameField,
    role: roleField,
    departmentId: departmentIdField,
  })
  .superRefine(checkRoleDepartment);

export const userIdSchema = z.object({ userId: idField('缺少用户') });

export const resetPasswordSchema = z.object({
  userId: idField('缺少用户'),
  temporaryPassword: passwordField('临时密码'),
});

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
