import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listDepartmentsWithCounts } from '@/db/queries/departments';
import { departments, users } from '@/db/schema';
import {
  createDepartmentOperation,
  deactivateDepartmentOperation,
  reactivateDepartmentOperation,
  renameDepartmentOperation,
} from '@/lib/admin/departments';
import { arrange, atCurrentVersion, auditTrail, rowOf, rowsOf } from './helpers';
import { testWorld } from './world';

const world = testWorld();

const byName = (name: string) => rowOf(world.db, departments, eq(departments.name, name));
const auditOf = (id: number) =>
  auditTrail(world.db, { entityType: 'department', entityId: id }, ['action', 'field', 'oldValue', 'newValue']);

const renaming = (departmentId: number, name: string) =>
  atCurrentVersion(world.db, 'department', departmentId, { departmentId, name });

describe('departments', () => {
  it('lists every department with its user and project counts', async () => {
    const rows = await listDepartmentsWithCounts(world.db);
    expect(rows.find((r) => r.name === '广州市白云区应急管理局')).toMatchObject({
      active: true,
      userCount: 3,
      activeUserCount: 3,
      projectCount: 17,
    });
    expect(rows.find((r) => r.name === '白云区水务局')).toMatchObject({
      userCount: 2,
      activeUserCount: 2,
      projectCount: 0,
    });
  });

  it('creates a department with a trimmed name, audited', async () => {
    const result = await world.run(createDepartmentOperation, world.actors.admin, { name: '  白云区民政局 ' });
    expect(result).toMatchObject({ ok: true, message: '已新建部门“白云区民政局”' });
    const created = await byName('白云区民政局');
    expect(created.active).toBe(true);
    expect(await auditOf(created.id)).toEqual([
      { action: 'create', field: '部门名称', oldValue: null, newValue: '白云区民政局' },
    ]);
  });

  it('refuses an empty, a too long and a duplicate name with field messages', async () => {
    const { admin } = world.actors;
    expect(await world.run(createDepartmentOperation, admin, { name: '   ' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: '请输入部门名称' },
    });
    expect(await world.run(createDepartmentOperation, admin, { name: '局'.repeat(101) })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: '部门名称不能超过 100 个字' },
    });
    expect(await world.run(createDepartmentOperation, admin, { name: '白云区水务局' })).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { name: '已有名为“白云区水务局”的部门' },
    });
    expect(await rowsOf(world.db, departments)).toHaveLength(3);
  });

  it('renames, refusing a name another department has', async () => {
    const { admin } = world.actors;
    const id = (await byName('白云区民政局')).id;
    const duplicate = await world.run(renameDepartmentOperation, admin, await renaming(id, '白云区水务局'));
    expect(duplicate).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { name: '已有名为“白云区水务局”的部门' },
    });
    expect(await world.run(renameDepartmentOperation, admin, await renaming(id, '白云区民政局'))).toMatchObject({
      ok: true,
      message: '名称没有变化',
    });
    expect(await world.run(renameDepartmentOperation, admin, await renaming(id, '白云区民政事务局'))).toMatchObject({
      ok: true,
    });
    expect((await auditOf(id)).at(-1)).toEqual({
      action: 'rename',
      field: '部门名称',
      oldValue: '白云区民政局',
      newValue: '白云区民政事务局',
    });
    expect(await world.run(renameDepartmentOperation, admin, await renaming(9999, '不存在'))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('refuses to deactivate a department with active users and names them', async () => {
    const water = await byName('白云区水务局');
    const result = await world.run(deactivateDepartmentOperation, world.actors.admin, { departmentId: water.id });
    expect(result).toMatchObject({
      ok: false,
      code: 'state',
      message:
        '“白云区水务局”还有 2 名启用中的用户（otherhead、otherowner），请先停用这些用户或调整其部门，再停用该部门',
    });
    expect((await byName('白云区水务局')).active).toBe(true);
  });

  it('deactivates once its users are deactivated, and reactivates', async () => {
    const water = await byName('白云区水务局');
    await arrange(world.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.departmentId, water.id)));
    expect(
      await world.run(deactivateDepartmentOperation, world.actors.admin, { departmentId: water.id }),
    ).toMatchObject({ ok: true, message: '已停用“白云区水务局”' });
    expect((await byName('白云区水务局')).active).toBe(false);
    const duplicate = await world.run(createDepartmentOperation, world.actors.admin, { name: '白云区水务局' });
    expect(duplicate).toMatchObject({
      ok: false,
      fieldErrors: { name: '已有名为“白云区水务局”的部门（已停用，可在列表中重新启用）' },
    });
    expect(
      await world.run(reactivateDepartmentOperation, world.actors.admin, { departmentId: water.id }),
    ).toMatchObject({ ok: true });
    expect((await auditOf(water.id)).map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ['状态', '启用', '停用'],
      ['状态', '停用', '启用'],
    ]);
  });
});
