import { eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { activeUsersOfDepartment, findDepartmentById, findDepartmentByName, type Reader } from '@/db/queries/admin';
import { departments, type Role } from '@/db/schema';
import { ChangeSet, writeAudit } from '@/lib/audit';
import { defineOperation, fail, ok } from '@/lib/operations';
import { activeLabel } from './audit';
import { createDepartmentSchema, departmentIdSchema, renameDepartmentSchema } from './department-schemas';

const ADMIN_ONLY: readonly Role[] = ['admin'];

function nameTaken(db: Reader, name: string, exceptId?: number) {
  const existing = findDepartmentByName(db, { name });
  if (!existing || existing.id === exceptId) return null;
  const state = existing.active ? '' : '（已停用，可在列表中重新启用）';
  return fail('conflict', '部门名称重复', { name: `已有名为“${name}”的部门${state}` });
}

export const createDepartmentOperation = defineOperation({
  name: 'createDepartment',
  schema: createDepartmentSchema,
  roles: ADMIN_ONLY,
  run(input, { user, db }) {
    return db.transaction((tx) => {
      const taken = nameTaken(tx, input.name);
      if (taken) return taken;
      const row = tx.insert(departments).values({ name: input.name }).returning({ id: departments.id }).get();
      writeAudit(tx, {
        actorId: user.id,
        action: 'create',
        changes: [
          { entityType: 'department', entityId: row.id, field: '部门名称', oldValue: null, newValue: input.name },
        ],
      });
      return ok({ departmentId: row.id }, `已新建部门“${input.name}”`);
    });
  },
});

export const renameDepartmentOperation = defineOperation({
  name: 'renameDepartment',
  schema: renameDepartmentSchema,
  roles: ADMIN_ONLY,
  run(input, { user, db }) {
    return db.transaction((tx) => {
      const department = findDepartmentById(tx, { id: input.departmentId });
      if (!department) return fail('not_found', '部门不存在');
      if (department.name === input.name) return ok(null, '名称没有变化');
      const taken = nameTaken(tx, input.name, department.id);
      if (taken) return taken;
      tx.update(departments).set({ name: input.name }).where(eq(departments.id, department.id)).run();
      const changes = new ChangeSet();
      changes.compare('department', department.id, '部门名称', department.name, input.name);
      writeAudit(tx, { actorId: user.id, action: 'rename', changes: changes.changes });
      return ok(null, `已将“${department.name}”改名为“${input.name}”`);
    });
  },
});

/** A department with active people cannot be switched off under them: move or deactivate them first. */
export const deactivateDepartmentOperation = defineOperation({
  name: 'deactivateDepartment',
  schema: departmentIdSchema,
  roles: ADMIN_ONLY,
  run(input, { user, db }) {
    return db.transaction((tx) => {
      const department = findDepartmentById(tx, { id: input.departmentId });
      if (!department) return fail('not_found', '部门不存在');
      if (!department.active) return ok(null, `“${department.name}”已是停用状态`);
      const people = activeUsersOfDepartment(tx, { departmentId: department.id });
      if (people.length > 0) {
        const names = people
          .slice(0, 5)
          .map((p) => p.displayName)
          .join('、');
        return fail(
          'state',
          `“${department.name}”还有 ${people.length} 名启用中的用户（${names}${people.length > 5 ? '等' : ''}），请先停用这些用户或调整其部门，再停用该部门`,
        );
      }
      return switchActive(tx, { department, active: false, actorId: user.id });
    });
  },
});

export const reactivateDepartmentOperation = defineOperation({
  name: 'reactivateDepartment',
  schema: departmentIdSchema,
  roles: ADMIN_ONLY,
  run(input, { user, db }) {
    return db.transaction((tx) => {
      const department = findDepartmentById(tx, { id: input.departmentId });
      if (!department) return fail('not_found', '部门不存在');
      if (department.active) return ok(null, `“${department.name}”已是启用状态`);
      return switchActive(tx, { department, active: true, actorId: user.id });
    });
  },
});

/** Switches a department on or off, with its audit entry. */
function switchActive(
  tx: Tx,
  { department, active, actorId }: { department: { id: number; name: string }; active: boolean; actorId: number },
) {
  tx.update(departments).set({ active }).where(eq(departments.id, department.id)).run();
  const changes = new ChangeSet();
  changes.compare('department', department.id, '状态', activeLabel(!active), activeLabel(active));
  writeAudit(tx, { actorId, action: active ? 'reactivate' : 'deactivate', changes: changes.changes });
  return ok(null, `已${active ? '启用' : '停用'}“${department.name}”`);
}
