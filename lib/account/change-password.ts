import 'server-only';
import { findUserById } from '@/db/queries/users';
import { ROLES } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { defineOperation, fail, ok } from '@/lib/operations';
import { changePasswordSchema } from './change-password-schema';
import { replacePassword } from './replace-password';

/**
 * Every user changes their own password, knowing the current one. It is also the only operation a
 * user with a temporary password may run, and it is what ends the temporary state.
 */
export const changePasswordOperation = defineOperation({
  name: 'changePassword',
  schema: changePasswordSchema,
  roles: ROLES,
  allowWithTemporaryPassword: true,
  async run(input, { user, db }) {
    const stored = await findUserById(db, { id: user.id });
    if (!stored || !stored.active) return fail('unauthenticated', '登录已失效，请重新登录');
    if (!(await verifyPassword(input.currentPassword, stored.passwordHash))) {
      return fail('invalid', '当前密码不正确', { currentPassword: '当前密码不正确' });
    }
    // Every session ends, this one too: the form signs in again with the new password at once.
    await replacePassword(db, {
      userId: user.id,
      password: input.newPassword,
      temporary: false,
      audit: {
        actorId: user.id,
        action: 'change_password',
        changes: [
          {
            entityType: 'user',
            entityId: user.id,
            field: '密码',
            oldValue: null,
            newValue: stored.mustChangePassword ? '已修改（替换临时密码）' : '已修改',
          },
        ],
      },
    });
    return ok(null, '密码已修改');
  },
});
