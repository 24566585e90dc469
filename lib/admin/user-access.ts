import { eq, sql } from 'drizzle-orm';
import { countActiveAdmins, findDepartmentById, openProjectsOwnedBy, type Reader } from '@/db/queries/admin';
import { findUserById } from '@/db/queries/users';
import { users, type Role, type User } from '@/db/schema';
import { ChangeSet, writeAudit } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { defineOperation, fail, ok } from '@/lib/operations';
import { activeLabel, PASSWORD_RESET_MARK } from './audit';
import { resetPasswordSchema, userIdSchema } from './user-schemas';

const ADMIN_ONLY: readonly Role[] = ['admin'];

/**
 * Refuses to take away the last active admin. Run inside the write's transaction: two admins
 * deactivating each other at the same moment each pass every earlier check.
 */
export function guardLastActiveAdmin(db: Reader, target: Pick<User, 'role' | 'active'>) {
  if (target.role !== 'admin' || !target.active) return null;
  if (countActiveAdmins(db) > 1) return null;
  return fail('state', '这是系统中最后一名启用的系统管理员，不能停用或改为其他角色');
}

/** Deactivated users cannot sign in, and an open session stops working at its next request; their history keeps their name. */
export const deactivateUserOperation = defineOperation({
  name: 'deactivateUser',
  schema: userIdSchema,
  roles: ADMIN_ONLY,
  run(input, { user, db }) {
    if (input.userId === user.id) return fail('state', '不能停用自己的账号');
    const target = findUserById(db, { id: input.userId });
    if (!target) return fail('not_found', '用户不存在');
    if (!target.active) return ok(null, `${target.displayName} 已是停用状态`);

    const refused = db.transaction((tx) => {
      const guard = guardLastActiveAdmin(tx, target);
      if (guard) return guard;
      tx.update(users).set({ active: false, updatedAt: new Date() }).where(eq(users.id, target.id)).run();
      const changes = new ChangeSet();
      changes.compare('user', target.id, '状态', activeLabel(true), activeLabel(false));
      writeAudit(tx, { actorId: user.id, action: 'deactivate', changes: changes.changes });
      return null;
    });
    if (refused) return refused;
    const open = openProjectsOwnedBy(db, { userId: target.id }).length;
    return ok(
      null,
      open > 0
        ? `已停用 ${target.displayName}。其仍负责 ${open} 个未定稿的项目，请尽快改派项目负责人`
        : `已停用 ${target.displayName}`,
    );
  },
});

export const reactivateUserOperation = defineOperation({
  name: 'reactivateUser',
  schema: userIdSchema,
  roles: ADMIN_ONLY,
  run(input, { user, db }) {
    const target = findUserById(db, { id: input.userId });
    if (!target) return fail('not_found', '用户不存在');
    if (target.active) return ok(null, `${target.displayName} 已是启用状态`);
    const department = target.departmentId === null ? null : findDepartmentById(db, { id: target.departmentId });
    if (department && !department.active) {
      return fail('state', `所属部门“${department.name}”已停用：请先启用该部门，或先修改该用户的部门`);
    }
    db.transaction((tx) => {
      tx.update(users).set({ active: true, updatedAt: new Date() }).where(eq(users.id, target.id)).run();
      const changes = new ChangeSet();
      changes.compare('user', target.id, '状态', activeLabel(false), activeLabel(true));
      writeAudit(tx, { actorId: user.id, action: 'reactivate', changes: changes.changes });
    });
    return ok(null, `已启用 ${target.displayName}`);
  },
});

/** The admin types a temporary password and tells the user; the user must replace it at the next sign-in. */
export const resetUserPasswordOperation = defineOperation({
  name: 'resetUserPassword',
  schema: resetPasswordSchema,
  roles: ADMIN_ONLY,
  async run(input, { user, db }) {
    // An admin's own reset would lock the admin into the temporary-password page for nothing.
    if (input.userId === user.id) return fail('state', '请在“我的账号”页面修改自己的密码');
    const target = findUserById(db, { id: input.userId });
    if (!target) return fail('not_found', '用户不存在');
    const passwordHash = await hashPassword(input.temporaryPassword);
    db.transaction((tx) => {
      // A reset is also how an administrator shuts out whoever holds a session of this account.
      tx.update(users)
        .set({
          passwordHash,
          mustChangePassword: true,
          sessionVersion: sql`${users.sessionVersion} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(users.id, target.id))
        .run();
      const changes = new ChangeSet();
      changes.compare('user', target.id, '密码', '', PASSWORD_RESET_MARK);
      changes.compare('user', target.id, '必须修改密码', target.mustChangePassword ? '是' : '否', '是');
      writeAudit(tx, { actorId: user.id, action: 'reset_password', changes: changes.changes });
    });
    return ok(null, `已重置 ${target.displayName} 的密码。请将临时密码告知本人，其下次登录时须修改密码`);
  },
});
