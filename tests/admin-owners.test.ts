import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AUDIT_LIST_SPEC, listEvaluationAudit } from '@/db/queries/audit';
import { auditLog, evaluations, projects, users } from '@/db/schema';
import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { createUserOperation } from '@/lib/admin/users';
import { readListQuery } from '@/lib/lists/list-params';
import { arrange, atCurrentVersion, rowOf, rowsOf } from './helpers';
import { testWorld } from './world';

const world = testWorld();

const PROJECT = '三防专项经费';
const project = () => rowOf(world.db, projects, eq(projects.name, PROJECT));
const userId = async (username: string) => (await rowOf(world.db, users, eq(users.username, username))).id;
const lastAudit = async () => (await rowsOf(world.db, auditLog)).at(-1)!;
const write = (work: Parameters<typeof arrange>[1]) => arrange(world.db, work);

/** The admin's owner picker as opened now (at the project's current version). */
const assign = async (input: { projectId: unknown; ownerId: unknown }) =>
  world.run(
    assignProjectOwnerOperation,
    world.actors.admin,
    await atCurrentVersion(world.db, 'project', input.projectId, input),
  );

describe('assignProjectOwner', () => {
  it('reassigns a project to another owner of its department, in the project audit and the evaluation history', async () => {
    const before = await project();
    expect(before.ownerId).toBe(world.actors.owner1.id);
    const result = await assign({
      projectId: before.id,
      ownerId: String(world.actors.owner2.id),
    });
    expect(result).toMatchObject({ ok: true, message: '已将“三防专项经费”交由 李娜 负责' });
    expect((await project()).ownerId).toBe(world.actors.owner2.id);
    const entry = (await rowsOf(world.db, auditLog, eq(auditLog.entityType, 'project'))).at(-1)!;
    expect(entry).toMatchObject({
      entityId: before.id,
      action: 'assign_owner',
      field: '项目负责人',
      oldValue: '张伟',
      newValue: '李娜',
      actorId: world.actors.admin.id,
    });
    const evaluationId = await world.evaluationOf(PROJECT);
    expect(entry.evaluationId).toBe(evaluationId);
    const query = readListQuery(AUDIT_LIST_SPEC, {}).query;
    expect((await listEvaluationAudit(world.db, { evaluationId, query })).items[0]).toMatchObject({
      field: '项目负责人',
      oldValue: '张伟',
      newValue: '李娜',
      actor: '系统管理员',
    });
  });

  it('gives an unassigned project to a new owner', async () => {
    const { id } = await project();
    await write((tx) => tx.update(projects).set({ ownerId: null }).where(eq(projects.id, id)));
    await world.run(createUserOperation, world.actors.admin, {
      username: 'owner3',
      displayName: '王强',
      role: 'owner',
      departmentId: (await project()).departmentId,
      temporaryPassword: 'Temp-1234',
    });
    expect(
      await assign({
        projectId: (await project()).id,
        ownerId: await userId('owner3'),
      }),
    ).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({
      field: '项目负责人',
      oldValue: null,
      newValue: '王强',
    });
  });

  it('says so when the owner does not change, writing nothing', async () => {
    const count = (await rowsOf(world.db, auditLog)).length;
    expect(
      await assign({
        projectId: (await project()).id,
        ownerId: await userId('owner3'),
      }),
    ).toMatchObject({ ok: true, message: '“三防专项经费”的负责人已是 王强' });
    expect(await rowsOf(world.db, auditLog)).toHaveLength(count);
  });

  it('refuses owners of another department, other roles, deactivated owners, missing projects and finalized evaluations', async () => {
    const id = (await project()).id;
    const attempt = (ownerId: unknown, projectId: unknown = id) => assign({ projectId, ownerId });
    expect(await attempt(await userId('otherowner'))).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { ownerId: 'otherowner 不属于该项目所在的部门' },
    });
    expect(await attempt(world.actors.head.id)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { ownerId: '请选择一名项目负责人' },
    });
    expect(await attempt(99999)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await attempt('')).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { ownerId: '请选择项目负责人' },
    });
    await write((tx) => tx.update(users).set({ active: false }).where(eq(users.id, world.actors.owner2.id)));
    expect(await attempt(world.actors.owner2.id)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { ownerId: '李娜 已停用，不能负责项目' },
    });
    await write((tx) => tx.update(users).set({ active: true }).where(eq(users.id, world.actors.owner2.id)));
    expect(await attempt(world.actors.owner2.id, 99999)).toMatchObject({ ok: false, code: 'not_found' });
    await write((tx) => tx.update(evaluations).set({ status: 'finalized' }).where(eq(evaluations.projectId, id)));
    expect(await attempt(world.actors.owner2.id)).toMatchObject({
      ok: false,
      code: 'state',
      message: '“三防专项经费”的自评已定稿，不能再更换项目负责人',
    });
    expect((await project()).ownerId).toBe(await userId('owner3'));
  });
});
