import 'server-only';
import type { Role } from '@/db/schema';
import { fail, type Failure } from '@/lib/action-state';
import type { SessionUser } from './scope';

/**
 * The first check of every page, API route and server action: a session, a replaced temporary
 * password (only the password change itself runs before), and a role allowed here at all.
 */
export function checkCaller(
  user: SessionUser | null,
  { roles, allowTemporaryPassword = false }: { roles?: readonly Role[]; allowTemporaryPassword?: boolean } = {},
): { ok: true; user: SessionUser } | Failure {
  if (!user) return fail('unauthenticated', '登录已失效，请重新登录');
  if (user.mustChangePassword && !allowTemporaryPassword) return fail('forbidden', '请先修改初始密码');
  if (roles && !roles.includes(user.role)) return fail('forbidden', '您的角色无权执行此操作');
  return { ok: true, user };
}
