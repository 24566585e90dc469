import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { departments, users } from '@/db/schema';
import { deactivateUserOperation, reactivateUserOperation, resetUserPasswordOperation } from '@/lib/admin/user-access';
import { createUserOperation, updateUserOperation } from '@/lib/admin/users';
import { verifyPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/scope';
import { arrange, atCurrentVersion, auditTrail, rowOf, rowsOf } from './helpers';
import { testWorld } from './world';

const world = testWorld();

const userRow = (username: string) => rowOf(world.db, users, eq(users.username, username));
const departmentId = async (name: string) => (await rowOf(world.db, departments, eq(departments.name, name))).id;
const auditOf = (userId: number) =>
  auditTrail(world.db, { entityType: 'user', entityId: userId }, [
    'action',
    'field',
    'oldValue',
    'newValue',
    'actorId',
    'evaluationId',
  ]);
/** An admin's edit of a user's name, role and department. */
const update = async (
  userId: number,
  displayName: string,
  role: string,
  departmentId: unknown,
  by = world.actors.admin,
) =>
  world.run(
    updateUserOperation,
    by,
    await atCurrentVersion(world.db, 'user', userId, { userId, displayName, role, departmentId }),
  );
const EMERGENCY = '广州市白云区应急管理局';
const WATER = '白云区水务局';

describe('createUser', () => {
  it('creates an owner who must change the temporary password, and audits it without the password', async () => {
    const { admin } = world.actors;
    const result = await world.run(createUserOperation, admin, {
      username: ' wangfang ',
      displayName: ' 王芳 ',
      role: 'owner',
      departmentId: String(await departmentId(EMERGENCY)),
      temporaryPassword: 'Temp-1234',
    });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('首次登录时须修改临时密码') });
    const row = await userRow('wangfang');
    expect(row).toMatchObject({
      displayName: '王芳',
      role: 'owner',
      departmentId: await departmentId(EMERGENCY),
      active: true,
      mustChangePassword: true,
    });
    expect(await verifyPassword('Temp-1234', row.passwordHash)).toBe(true);
    const audit = await auditOf(row.id);
    expect(audit.map((a) => [a.field, a.newValue])).toEqual([
      ['用户名', 'wangfang'],
      ['姓名', '王芳'],
      ['角色', '项目负责人'],
      ['部门', EMERGENCY],
      ['密码', '已设置临时密码'],
    ]);
    expect(audit.every((a) => a.action === 'create' && a.actorId === admin.id && a.evaluationId === null)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('Temp-1234');
    expect(JSON.stringify(audit)).not.toContain(row.passwordHash);
  });

  it('creates finance and admin users without a department', async () => {
    const result = await world.run(createUserOperation, world.actors.admin, {
      username: 'finance2',
      displayName: '财政二',
      role: 'finance',
      departmentId: '',
      temporaryPassword: 'Temp-1234',
    });
    expect(result.ok).toBe(true);
    expect((await userRow('finance2')).departmentId).toBeNull();
  });

  const invalid: Array<[string, Record<string, unknown>, string, string]> = [
    ['a too short username', { username: 'ab' }, 'username', '用户名至少需要 3 个字符'],
    ['a too long username', { username: 'a'.repeat(33) }, 'username', '用户名不能超过 32 个字符'],
    [
      'a username with other characters',
      { username: '张伟1' },
      'username',
      '用户名只能包含英文字母、数字、下划线（_）、点（.）和短横线（-）',
    ],
    ['an empty username', { username: '  ' }, 'username', '请输入用户名'],
    ['an empty name', { displayName: ' ' }, 'displayName', '请输入姓名'],
    ['an unknown role', { role: 'root' }, 'role', '请选择角色'],
    ['a short temporary password', { temporaryPassword: 'short' }, 'temporaryPassword', '临时密码至少需要 8 个字符'],
    ['a missing temporary password', { temporaryPassword: '' }, 'temporaryPassword', '请输入临时密码'],
    [
      'a password bcrypt would cut',
      { temporaryPassword: '密'.repeat(25) },
      'temporaryPassword',
      '临时密码过长：最多 72 个英文字符（汉字按 3 个计）',
    ],
    ['an owner without a department', { departmentId: '' }, 'departmentId', '项目负责人和部门负责人必须选择所属部门'],
    [
      'a head without a department',
      { role: 'dept_head', departmentId: null },
      'departmentId',
      '项目负责人和部门负责人必须选择所属部门',
    ],
    [
      'finance with a department',
      { role: 'finance' },
      'departmentId',
      '财政局和系统管理员不属于任何部门，请将部门留空',
    ],
    ['a malformed department', { departmentId: 'x1' }, 'departmentId', '请选择部门'],
  ];
  for (const [name, change, field, message] of invalid) {
    it(`refuses ${name} with a Chinese message on the field, writing nothing`, async () => {
      const before = (await rowsOf(world.db, users)).length;
      const input = {
        username: 'newperson',
        displayName: '新人',
        role: 'owner',
        departmentId: await departmentId(EMERGENCY),
        temporaryPassword: 'Temp-1234',
        ...change,
      };
      const result = await world.run(createUserOperation, world.actors.admin, input);
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(result.fieldErrors?.[field]).toBe(message);
      expect((await rowsOf(world.db, users)).length).toBe(before);
    });
  }

  it('refuses a username that differs from an existing one only in case', async () => {
    const result = await world.run(createUserOperation, world.actors.admin, {
      username: 'Owner1',
      displayName: 'x',
      role: 'owner',
      departmentId: await departmentId(EMERGENCY),
      temporaryPassword: 'Temp-1234',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { username: '用户名“owner1”已被使用，请换一个' },
    });
  });

  it('refuses a department that does not exist or is deactivated', async () => {
    const missing = await world.run(createUserOperation, world.actors.admin, {
      username: 'nodept',
      displayName: 'x',
      role: 'owner',
      departmentId: 9999,
      temporaryPassword: 'Temp-1234',
    });
    expect(missing).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { departmentId: expect.stringContaining('不存在') },
    });
    const [closed] = await arrange(world.db, (tx) =>
      tx.insert(departments).values({ name: '已撤销的部门', active: false }).returning(),
    );
    const result = await world.run(createUserOperation, world.actors.admin, {
      username: 'nodept',
      displayName: 'x',
      role: 'owner',
      departmentId: closed.id,
      temporaryPassword: 'Temp-1234',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { departmentId: '部门“已撤销的部门”已停用，不能再加入用户' },
    });
  });
});

describe('updateUser', () => {
  it('changes name, role and department and audits each with Chinese labels', async () => {
    const target = await userRow('otherhead');
    const result = await update(target.id, '赵敏', 'owner', await departmentId(EMERGENCY));
    expect(result.ok).toBe(true);
    expect(await userRow('otherhead')).toMatchObject({
      displayName: '赵敏',
      role: 'owner',
      departmentId: await departmentId(EMERGENCY),
    });
    expect((await auditOf(target.id)).map((a) => [a.action, a.field, a.oldValue, a.newValue])).toEqual([
      ['update', '姓名', 'otherhead', '赵敏'],
      ['update', '角色', '部门负责人', '项目负责人'],
      ['update', '部门', WATER, EMERGENCY],
    ]);
  });

  it('writes nothing when nothing changed', async () => {
    const target = await userRow('otherhead');
    const before = (await auditOf(target.id)).length;
    const result = await update(target.id, '赵敏', 'owner', target.departmentId);
    expect(result).toMatchObject({ ok: true, message: '没有需要保存的修改' });
    expect((await auditOf(target.id)).length).toBe(before);
  });

  it('refuses to move an owner away from the open projects they own', async () => {
    const owner2 = await userRow('owner2');
    const result = await update(owner2.id, '李娜', 'owner', await departmentId(WATER));
    expect(result).toMatchObject({
      ok: false,
      code: 'state',
      message: expect.stringContaining('李娜仍负责 8 个未定稿的项目'),
    });
    const demoted = await update(owner2.id, '李娜', 'dept_head', owner2.departmentId);
    expect(demoted).toMatchObject({ ok: false, code: 'state' });
    expect(await userRow('owner2')).toMatchObject({ role: 'owner', departmentId: owner2.departmentId });
  });

  it('refuses an admin changing their own role, and a missing user', async () => {
    const { admin } = world.actors;
    const own = await update(admin.id, '系统管理员', 'finance', null, admin);
    expect(own).toMatchObject({
      ok: false,
      code: 'state',
      fieldErrors: { role: expect.stringContaining('不能修改自己的角色') },
    });
    const renamed = await update(admin.id, '管理员甲', 'admin', null, admin);
    expect(renamed.ok).toBe(true);
    const missing = await update(99999, 'x', 'finance', null, admin);
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('deactivate and reactivate', () => {
  it('deactivates a user, keeps the row, audits it, and warns about projects still to reassign', async () => {
    const owner2 = await userRow('owner2');
    const result = await world.run(deactivateUserOperation, world.actors.admin, { userId: owner2.id });
    expect(result).toMatchObject({ ok: true, message: '已停用 李娜。其仍负责 8 个未定稿的项目，请尽快改派项目负责人' });
    expect((await userRow('owner2')).active).toBe(false);
    expect((await auditOf(owner2.id)).at(-1)).toMatchObject({
      action: 'deactivate',
      field: '状态',
      oldValue: '启用',
      newValue: '停用',
    });
    const again = await world.run(deactivateUserOperation, world.actors.admin, { userId: owner2.id });
    expect(again).toMatchObject({ ok: true, message: '李娜 已是停用状态' });
  });

  it('reactivates, and refuses while the department is deactivated', async () => {
    const owner2 = await userRow('owner2');
    expect(await world.run(reactivateUserOperation, world.actors.admin, { userId: owner2.id })).toMatchObject({
      ok: true,
    });
    expect((await userRow('owner2')).active).toBe(true);
    expect((await auditOf(owner2.id)).at(-1)).toMatchObject({
      action: 'reactivate',
      oldValue: '停用',
      newValue: '启用',
    });

    const [dept] = await arrange(world.db, (tx) => tx.insert(departments).values({ name: '临时部门' }).returning());
    await world.run(createUserOperation, world.actors.admin, {
      username: 'temp.person',
      displayName: '临时人员',
      role: 'dept_head',
      departmentId: dept.id,
      temporaryPassword: 'Temp-1234',
    });
    const temp = await userRow('temp.person');
    await world.run(deactivateUserOperation, world.actors.admin, { userId: temp.id });
    await arrange(world.db, (tx) => tx.update(departments).set({ active: false }).where(eq(departments.id, dept.id)));
    const refused = await world.run(reactivateUserOperation, world.actors.admin, { userId: temp.id });
    expect(refused).toMatchObject({
      ok: false,
      code: 'state',
      message: expect.stringContaining('所属部门“临时部门”已停用'),
    });
    expect((await userRow('temp.person')).active).toBe(false);
  });

  it('refuses an admin deactivating themselves', async () => {
    const { admin } = world.actors;
    expect(await world.run(deactivateUserOperation, admin, { userId: admin.id })).toMatchObject({
      ok: false,
      code: 'state',
      message: '不能停用自己的账号',
    });
    expect((await userRow('admin')).active).toBe(true);
  });

  it('refuses to deactivate or demote the last active admin, even when two admins act at once', async () => {
    const { admin } = world.actors;
    await world.run(createUserOperation, admin, {
      username: 'admin2',
      displayName: '管理员乙',
      role: 'admin',
      departmentId: '',
      temporaryPassword: 'Temp-1234',
    });
    const admin2 = await userRow('admin2');
    const admin2Session: SessionUser = {
      id: admin2.id,
      username: 'admin2',
      displayName: '管理员乙',
      role: 'admin',
      departmentId: null,
      mustChangePassword: false,
    };
    // admin2 deactivates admin; admin's request, read from a session checked a moment earlier, then tries the same on admin2.
    expect(await world.run(deactivateUserOperation, admin2Session, { userId: admin.id })).toMatchObject({ ok: true });
    const last = await world.run(deactivateUserOperation, admin, { userId: admin2.id });
    expect(last).toMatchObject({
      ok: false,
      code: 'state',
      message: expect.stringContaining('最后一名启用的系统管理员'),
    });
    const demote = await update(admin2.id, '管理员乙', 'finance', null, admin);
    expect(demote).toMatchObject({
      ok: false,
      code: 'state',
      message: expect.stringContaining('最后一名启用的系统管理员'),
    });
    expect(await userRow('admin2')).toMatchObject({ active: true, role: 'admin' });
    expect(await world.run(reactivateUserOperation, admin2Session, { userId: admin.id })).toMatchObject({ ok: true });
  });
});

describe('resetUserPassword', () => {
  it('sets a temporary password that must be changed, audited as 已重置', async () => {
    const owner1 = await userRow('owner1');
    const result = await world.run(resetUserPasswordOperation, world.actors.admin, {
      userId: owner1.id,
      temporaryPassword: 'Reset-5678',
    });
    expect(result.ok).toBe(true);
    const after = await userRow('owner1');
    expect(after.mustChangePassword).toBe(true);
    expect(await verifyPassword('Reset-5678', after.passwordHash)).toBe(true);
    expect(await verifyPassword('demo1234', after.passwordHash)).toBe(false);
    const audit = await auditOf(owner1.id);
    expect(audit.map((a) => [a.action, a.field, a.oldValue, a.newValue])).toEqual([
      ['reset_password', '密码', null, '已重置'],
      ['reset_password', '必须修改密码', '否', '是'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('Reset-5678');
  });

  it("refuses a short password, a missing user and the admin's own account", async () => {
    const { admin } = world.actors;
    const short = await world.run(resetUserPasswordOperation, admin, {
      userId: world.actors.head.id,
      temporaryPassword: '1234567',
    });
    expect(short).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { temporaryPassword: '临时密码至少需要 8 个字符' },
    });
    expect((await userRow('head')).mustChangePassword).toBe(false);
    expect(
      await world.run(resetUserPasswordOperation, admin, { userId: 424242, temporaryPassword: 'Reset-5678' }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(
      await world.run(resetUserPasswordOperation, admin, { userId: admin.id, temporaryPassword: 'Reset-5678' }),
    ).toMatchObject({ ok: false, code: 'state' });
  });
});
