import 'server-only';
import { z } from 'zod';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findUserByUsernameIgnoringCase, insertUser } from '@/db/queries/users';
import { passwordField } from '@/lib/account/password-rules';
import { fail, ok, type ActionState } from '@/lib/action-state';
import { ChangeSet } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { fieldErrorsOf } from '@/lib/operations';
import { ROLE_LABELS } from '@/lib/roles';
import { displayNameField, usernameField } from './user-schemas';

/** `npm run admin:create`: the same rules for a username, a name and a password as the app's forms. */
export const administratorSchema = z.object({
  username: usernameField,
  displayName: displayNameField,
  password: passwordField('密码'),
});

/**
 * Creates an administrator from the command line: how a production install (SEED_DEMO=0) gets its
 * first account, and how a lost administrator password is recovered. The password is the one the
 * operator typed, so there is no temporary password to replace; the audit log names no actor.
 */
export async function createAdministrator(
  db: Db,
  input: z.input<typeof administratorSchema>,
): Promise<ActionState<{ userId: number }>> {
  const parsed = administratorSchema.safeParse(input, { error: z.locales.zhCN().localeError });
  if (!parsed.success) return fail('invalid', '输入有误', fieldErrorsOf(parsed.error));
  const { username, displayName, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return transaction(db, async (tx) => {
    const taken = await findUserByUsernameIgnoringCase(tx, { username });
    if (taken) return fail('conflict', `用户名“${taken.username}”已被使用，请换一个`, { username: '已被使用' });
    const userId = await insertUser(tx, {
      user: { username, displayName, role: 'admin', departmentId: null, passwordHash },
    });
    const changes = new ChangeSet();
    changes.compare('user', userId, '用户名', '', username);
    changes.compare('user', userId, '姓名', '', displayName);
    changes.compare('user', userId, '角色', '', ROLE_LABELS.admin);
    changes.compare('user', userId, '密码', '', '已在命令行设置');
    await insertAuditEntries(tx, { actorId: null, action: 'create', changes: changes.changes });
    return ok({ userId }, `已创建系统管理员 ${username}（${displayName}）`);
  });
}
