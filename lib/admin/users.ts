import 'server-only';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findDepartmentById } from '@/db/queries/departments';
import { openProjectsOwnedBy } from '@/db/queries/projects';
import { findUserByUsernameIgnoringCase, insertUser, updateUser } from '@/db/queries/users';
import { claimVersion } from '@/db/queries/versions';
import type { Role } from '@/db/schema';
import { ChangeSet } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { defineOperation, fail, ok } from '@/lib/operations';
import { ROLE_LABELS } from '@/lib/roles';
import { staleMessage } from '@/lib/versions';
import { ADMIN_ONLY, defineUserOperation } from './admin-operation';
import { GUARDED_BY_ROWS_NOT_WRITTEN, guardLastActiveAdmin } from './user-access';
import { createUserSchema, updateUserSchema } from './user-schemas';

/** A department a user may be put in: it exists and is active (or is the one they are already in). */
async function checkDepartment(db: Db, departmentId: number | null, { keep }: { keep?: number | null } = {}) {
  if (departmentId === null) return { ok: true as const, name: '' };
  const department = await findDepartmentById(db, { id: departmentId });
  if (!department) return fail('invalid', '所选部门不存在', { departmentId: '所选部门不存在，请刷新页面后重新选择' });
  if (!department.active && departmentId !== keep)
    return fail('invalid', '所选部门已停用', { departmentId: `部门“${department.name}”已停用，不能再加入用户` });
  return { ok: true as const, name: department.name };
}

const departmentName = async (db: Db, id: number | null) =>
  id === null ? '' : ((await findDepartmentById(db, { id }))?.name ?? '');

async function usernameTaken(db: Db, username: string) {
  const existing = await findUserByUsernameIgnoringCase(db, { username });
  return existing
    ? fail('conflict', '用户名已被使用', { username: `用户名“${existing.username}”已被使用，请换一个` })
    : null;
}

/** New users start with the temporary password the admin typed and must replace it at first sign-in. */
export const createUserOperation = defineOperation({
  name: 'createUser',
  schema: createUserSchema,
  roles: ADMIN_ONLY,
  async run(input, { user, db }) {
    const department = await checkDepartment(db, input.departmentId);
    if (!department.ok) return department;
    const taken = await usernameTaken(db, input.username);
    if (taken) return taken;

    const passwordHash = await hashPassword(input.temporaryPassword);
    // Checked again inside the write: someone may have taken the name while the hash was computed.
    const created = await transaction(db, async (tx) => {
      if (await findUserByUsernameIgnoringCase(tx, { username: input.username })) return null;
      const { username, displayName, role, departmentId } = input;
      const id = await insertUser(tx, {
        user: { username, displayName, role, departmentId, passwordHash, mustChangePassword: true },
      });
      const changes = new ChangeSet();
      changes.compare('user', id, '用户名', '', username);
      changes.compare('user', id, '姓名', '', displayName);
      changes.compare('user', id, '角色', '', ROLE_LABELS[role]);
      changes.compare('user', id, '部门', '', department.name);
      changes.compare('user', id, '密码', '', '已设置临时密码');
      await insertAuditEntries(tx, { actorId: user.id, action: 'create', changes: changes.changes });
      return id;
    });
    if (created === null) return (await usernameTaken(db, input.username)) ?? fail('conflict', '用户名已被使用');
    return ok({ userId: created }, `已创建用户 ${input.username}（${input.displayName}），首次登录时须修改临时密码`);
  },
});

/**
 * A user's owned, still-open projects must stay with an owner of their department: a change of role
 * or department that would break that is refused until the projects are reassigned.
 */
async function strandedProjects(db: Db, userId: number, next: { role: Role; departmentId: number | null }) {
  return (await openProjectsOwnedBy(db, { userId })).filter(
    (p) => next.role !== 'owner' || p.departmentId !== next.departmentId,
  );
}

export const updateUserOperation = defineUserOperation({
  name: 'updateUser',
  schema: updateUserSchema,
  async run(input, { user, db, target }) {
    if (target.id === user.id && input.role !== target.role) {
      return fail('state', '不能修改自己的角色', { role: '不能修改自己的角色；如确需调整，请由另一名系统管理员操作' });
    }
    const department = await checkDepartment(db, input.departmentId, { keep: target.departmentId });
    if (!department.ok) return department;
    const moved = input.role !== target.role || input.departmentId !== target.departmentId;
    const stranded = moved ? await strandedProjects(db, target.id, input) : [];
    if (stranded.length > 0) {
      const names = stranded
        .slice(0, 3)
        .map((p) => `“${p.name}”`)
        .join('、');
      return fail(
        'state',
        `${target.displayName}仍负责 ${stranded.length} 个未定稿的项目（${names}${stranded.length > 3 ? '等' : ''}），请先在“项目负责人”页面改派，再修改角色或部门`,
      );
    }

    const changes = new ChangeSet();
    changes.compare('user', target.id, '姓名', target.displayName, input.displayName);
    changes.compare('user', target.id, '角色', ROLE_LABELS[target.role], ROLE_LABELS[input.role]);
    changes.compare('user', target.id, '部门', await departmentName(db, target.departmentId), department.name);
    if (changes.changes.length === 0) return ok(null, '没有需要保存的修改');

    const refused = await transaction(
      db,
      async (tx) => {
        if (target.role === 'admin' && input.role !== 'admin') {
          const guard = await guardLastActiveAdmin(tx, target);
          if (guard) return guard;
        }
        if (!(await claimVersion(tx, { record: 'user', id: target.id, expected: input.version })))
          return fail('conflict', staleMessage(`用户“${target.displayName}”`));
        const { displayName, role, departmentId } = input;
        // A new role or department is a new scope: sessions signed in under the old one end.
        await updateUser(tx, { userId: target.id, changes: { displayName, role, departmentId }, endSessions: moved });
        await insertAuditEntries(tx, { actorId: user.id, action: 'update', changes: changes.changes });
        return null;
      },
      GUARDED_BY_ROWS_NOT_WRITTEN,
    );
    return refused ?? ok(null, `已保存 ${input.displayName} 的修改`);
  },
});
