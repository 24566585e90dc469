import { z } from 'zod';
import type { Db } from '@/db';
import type { Role } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';

/**
 * Every mutation is an Operation: a zod schema, the roles that may call it at all, and a run
 * function that does the finer checks (scope, workflow state, version) against the database.
 * Expected failures are returned as a typed state, never thrown.
 */
export type FailureCode = 'unauthenticated' | 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'state' | 'error';

export type ActionState<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string> };

export interface OperationContext {
  user: SessionUser;
  db: Db;
}

export interface Operation<S extends z.ZodType, T> {
  name: string;
  schema: S;
  roles: readonly Role[];
  /** Only the password change itself runs before a reset password is replaced. */
  allowWithTemporaryPassword?: boolean;
  run(input: z.output<S>, ctx: OperationContext): ActionState<T> | Promise<ActionState<T>>;
}

export function defineOperation<S extends z.ZodType, T>(op: Operation<S, T>): Operation<S, T> {
  return op;
}

export function fail(
  code: FailureCode,
  message: string,
  fieldErrors?: Record<string, string>,
): { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string> } {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

export function ok<T>(data: T, message?: string): { ok: true; data: T; message?: string } {
  return message ? { ok: true, data, message } : { ok: true, data };
}

/** zod issues → `{ "indicators.3.value": "请输入数字" }`, first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** The one gate every server action and test goes through: session, role, input, then the operation. */
export async function runOperation<S extends z.ZodType, T>(
  op: Operation<S, T>,
  user: SessionUser | null,
  raw: unknown,
  db: Db,
): Promise<ActionState<T>> {
  if (!user) return fail('unauthenticated', '登录已失效，请重新登录');
  if (user.mustChangePassword && !op.allowWithTemporaryPassword) return fail('forbidden', '请先修改初始密码');
  if (!op.roles.includes(user.role)) return fail('forbidden', '您的角色无权执行此操作');
  const parsed = op.schema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) return fail('invalid', '输入有误，请检查标红的字段', fieldErrorsOf(parsed.error));
  try {
    return await op.run(parsed.data, { user, db });
  } catch (error) {
    // Unexpected (a busy database after its timeout, a bug): logged for the operator, told plainly to the user.
    console.error(`operation ${op.name} failed`, error);
    return fail('error', '服务器处理出错，内容未保存。请稍后重试；如反复出现请联系系统管理员。');
  }
}

/**
 * For the browser: a server action that cannot be reached (network down, server restarting) answers
 * like any other failure, so a form shows a message instead of silently doing nothing.
 */
export async function callAction<T>(
  action: (raw: unknown) => Promise<ActionState<T>>,
  input: unknown,
): Promise<ActionState<T>> {
  try {
    return await action(input);
  } catch {
    return fail('error', '网络或服务器出错，内容未保存。请检查网络后重试。');
  }
}
