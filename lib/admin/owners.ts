import 'server-only';
import { z } from 'zod';
import { transaction } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findProject, setProjectOwner } from '@/db/queries/projects';
import { findUserById } from '@/db/queries/users';
import { claimVersion } from '@/db/queries/versions';
import { ChangeSet } from '@/lib/audit';
import { defineOperation, fail, ok } from '@/lib/operations';
import { staleMessage, versionField } from '@/lib/versions';
import { idField } from './user-schemas';

export const assignProjectOwnerSchema = z.object({
  projectId: idField('缺少项目'),
  version: versionField,
  ownerId: idField('请选择项目负责人'),
});

export const OWNER_FIELD = '项目负责人';

/**
 * Gives a project to an active 项目负责人 of the project's department. Recorded on the project and,
 * when the evaluation exists, in that evaluation's 修改记录 where heads and finance look.
 */
export const assignProjectOwnerOperation = defineOperation({
  name: 'assignProjectOwner',
  schema: assignProjectOwnerSchema,
  roles: ['admin'],
  async run(input, { user, db }) {
    const found = await findProject(db, { projectId: input.projectId });
    if (!found) return fail('not_found', '项目不存在');
    const { project } = found;
    if (found.status === 'finalized') return fail('state', `“${project.name}”的自评已定稿，不能再更换项目负责人`);

    const owner = await findUserById(db, { id: input.ownerId });
    if (!owner || owner.role !== 'owner')
      return fail('invalid', '所选用户不是项目负责人', { ownerId: '请选择一名项目负责人' });
    if (!owner.active)
      return fail('invalid', '所选用户已停用', { ownerId: `${owner.displayName} 已停用，不能负责项目` });
    if (owner.departmentId !== project.departmentId)
      return fail('invalid', '所选用户不属于项目所在部门', { ownerId: `${owner.displayName} 不属于该项目所在的部门` });
    if (project.ownerId === owner.id) return ok(null, `“${project.name}”的负责人已是 ${owner.displayName}`);

    const previous = project.ownerId === null ? null : await findUserById(db, { id: project.ownerId });
    const changes = new ChangeSet();
    changes.compare('project', project.id, OWNER_FIELD, previous?.displayName ?? '', owner.displayName);
    const claimed = await transaction(db, async (tx) => {
      if (!(await claimVersion(tx, { record: 'project', id: project.id, expected: input.version }))) return false;
      await setProjectOwner(tx, { projectId: project.id, ownerId: owner.id });
      await insertAuditEntries(tx, {
        actorId: user.id,
        action: 'assign_owner',
        evaluationId: found.evaluationId,
        changes: changes.changes,
      });
      return true;
    });
    if (!claimed) return fail('conflict', staleMessage(`“${project.name}”`));
    return ok(null, `已将“${project.name}”交由 ${owner.displayName} 负责`);
  },
});
