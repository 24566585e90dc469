import 'server-only';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findDepartmentById } from '@/db/queries/departments';
import { openProjectsOwnedBy } from '@/db/queries/projects';
import { countActiveAdmins, updateUser } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { replacePassword } from '@/lib/account/replace-password';
import { ChangeSet } from '@/lib/audit';
import { fail, ok } from '@/lib/operations';
import { defineUserOperation } from './admin-operation';
import { activeLabel, PASSWORD_RESET_MARK } from './audit';
import { resetPasswordSchema, userIdSchema } from './user-schemas';

/**
 * Refuses to take away the last active admin. Run inside the write's transaction, opened with
 * GUARDED_BY_ROWS_NOT_WRITTEN: two admins deactivating each other at the same moment each pass every
 * earlier check.
 */
/**
 * A transaction whose check reads rows it does not write (the other admins): serialisable on
 * PostgreSQL, where it is retried when two such transactions collide (SQLite's run one at a time).
 */
export const GUARDED_BY_ROWS_NOT_WRITTEN = { serializable: true } as const;

export async function guardLastActiveAdmin(tx: Db, target: Pick<User, 'role' | 'active'>) {
  if (target.role !== 'admin' || !target.active) return null;
  if ((await countActiveAdmins(tx)) > 1) return null;
  return fail('state', '这是系统中最后一名启用的系统管理员，不能停用或改为其他角色');
}

/** Deactivated users cannot sign in, and an open session stops working at its next request; their history keeps their name. */
export const deactivateUserOperation = defineUserOperation({
  name: 'deactivateUser',
  schema: userIdSchema,
  notOnSelf: '不能停用自己的账号',
  async run(_input, { user, db, target }) {
    if (!target.active) return ok(null, `${target.displayName} 已是停用状态`);

    const refused = await transaction(
      db,
      async (tx) => {
        const guard = await guardLastActiveAdmin(tx, target);
        if (guard) return guard;
        await switchUser(tx, { target, active: false, actorId: user.id });
        return null;
      },
      GUARDED_BY_ROWS_NOT_WRITTEN,
    );
    if (refused) return refused;
    const open = (await openProjectsOwnedBy(db, { userId: target.id })).length;
    return ok(
      null,
      open > 0
        ? `已停用 ${target.displayName}。其仍负责 ${open} 个未定稿的项目，请尽快改派项目负责人`
        : `已停用 ${target.displayName}`,
    );
  },
});

export const reactivateUserOperation = defineUserOperation({
  name: 'reactivateUser',
  schema: userIdSchema,
  async run(_input, { user, db, target }) {
    if (target.active) return ok(null, `${target.displayName} 已是启用状态`);
    const department = target.departmentId === null ? null : await findDepartmentById(db, { id: target.departmentId });
    if (department && !department.active) {
      return fail('state', `所属部门“${department.name}”已停用：请先启用该部门，或先修改该用户的部门`);
    }
    await transaction(db, (tx) => switchUser(tx, { target, active: true, actorId: user.id }));
    return ok(null, `已启用 ${target.displayName}`);
  },
});

/** The admin types a temporary password and tells the user; the user must replace it at the next sign-in. */
export const resetUserPasswordOperation = defineUserOperation({
  name: 'resetUserPassword',
  schema: resetPasswordSchema,
  // An admin's own reset would lock the admin into the temporary-password page for nothing.
  notOnSelf: '请在“我的账号”页面修改自己的密码',
  async run(input, { user, db, target }) {
    const changes = new ChangeSet();
    changes.compare('user', target.id, '密码', '', PASSWORD_RESET_MARK);
    changes.compare('user', target.id, '必须修改密码', target.mustChangePassword ? '是' : '否', '是');
    // A reset is also how an administrator shuts out whoever holds a session of this account.
    await replacePassword(db, {
      userId: target.id,
      password: input.temporaryPassword,
      temporary: true,
      audit: { actorId: user.id, action: 'reset_password', changes: changes.changes },
    });
    return ok(null, `已重置 ${target.displayName} 的密码。请将临时密码告知本人，其下次登录时须修改密码`);
  },
});

/** Switches a user off or on, with its audit entry. */
async function switchUser(tx: Db, { target, active, actorId }: { target: User; active: boolean; actorId: number }) {
  // Switched off, its sessions end for good: switching it on again does not revive them.
  await updateUser(tx, { userId: target.id, changes: { active }, endSessions: !active });
  const changes = new ChangeSet();
  changes.compare('user', target.id, '状态', activeLabel(!active), activeLabel(active));
  await insertAuditEntries(tx, { actorId, action: active ? 'reactivate' : 'deactivate', changes: changes.changes });
}
