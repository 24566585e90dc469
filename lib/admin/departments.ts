import 'server-only';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findDepartmentByName, insertDepartment, updateDepartment } from '@/db/queries/departments';
import { activeUsersOfDepartment } from '@/db/queries/users';
import { claimVersion } from '@/db/queries/versions';
import type { AuditAction } from '@/db/schema';
import { ChangeSet } from '@/lib/audit';
import { defineOperation, fail, ok } from '@/lib/operations';
import { staleMessage } from '@/lib/versions';
import { ADMIN_ONLY, defineDepartmentOperation } from './admin-operation';
import { activeLabel } from './audit';
import { createDepartmentSchema, departmentIdSchema, renameDepartmentSchema } from './department-schemas';

async function nameTaken(db: Db, name: string, exceptId?: number) {
  const existing = await findDepartmentByName(db, { name });
  if (!existing || existing.id === exceptId) return null;
  const state = existing.active ? '' : '（已停用，可在列表中重新启用）';
  return fail('conflict', '部门名称重复', { name: `已有名为“${name}”的部门${state}` });
}

/** A department's audit entry: one field, from → to. */
async function auditDepartment(
  tx: Db,
  {
    departmentId,
    actorId,
    action,
    field,
    from,
    to,
  }: { departmentId: number; actorId: number; action: AuditAction; field: string; from: string; to: string },
) {
  const changes = new ChangeSet();
  changes.compare('department', departmentId, field, from, to);
  await insertAuditEntries(tx, { actorId, action, changes: changes.changes });
}

export const createDepartmentOperation = defineOperation({
  name: 'createDepartment',
  schema: createDepartmentSchema,
  roles: ADMIN_ONLY,
  run: (input, { user, db }) =>
    transaction(db, async (tx) => {
      const taken = await nameTaken(tx, input.name);
      if (taken) return taken;
      const departmentId = await insertDepartment(tx, { name: input.name });
      const entry = { departmentId, actorId: user.id, field: '部门名称', from: '', to: input.name };
      await auditDepartment(tx, { ...entry, action: 'create' });
      return ok({ departmentId }, `已新建部门“${input.name}”`);
    }),
});

export const renameDepartmentOperation = defineDepartmentOperation({
  name: 'renameDepartment',
  schema: renameDepartmentSchema,
  async run(input, { user, tx, department }) {
    if (department.name === input.name) return ok(null, '名称没有变化');
    const taken = await nameTaken(tx, input.name, department.id);
    if (taken) return taken;
    if (!(await claimVersion(tx, { record: 'department', id: department.id, expected: input.version })))
      return fail('conflict', staleMessage(`部门“${department.name}”`));
    await updateDepartment(tx, { departmentId: department.id, changes: { name: input.name } });
    const entry = { departmentId: department.id, actorId: user.id, field: '部门名称', from: department.name };
    await auditDepartment(tx, { ...entry, action: 'rename', to: input.name });
    return ok(null, `已将“${department.name}”改名为“${input.name}”`);
  },
});

/**
 * Switches a department on or off. One with active people cannot be switched off under them:
 * move or deactivate them first.
 */
function switchOperation(name: string, active: boolean) {
  return defineDepartmentOperation({
    name,
    schema: departmentIdSchema,
    async run(_input, { user, tx, department }) {
      if (department.active === active) return ok(null, `“${department.name}”已是${activeLabel(active)}状态`);
      const people = active ? [] : await activeUsersOfDepartment(tx, { departmentId: department.id });
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
      await updateDepartment(tx, { departmentId: department.id, changes: { active } });
      await auditDepartment(tx, {
        departmentId: department.id,
        actorId: user.id,
        action: active ? 'reactivate' : 'deactivate',
        field: '状态',
        from: activeLabel(!active),
        to: activeLabel(active),
      });
      return ok(null, `已${activeLabel(active)}“${department.name}”`);
    },
  });
}

export const deactivateDepartmentOperation = switchOperation('deactivateDepartment', false);
export const reactivateDepartmentOperation = switchOperation('reactivateDepartment', true);
