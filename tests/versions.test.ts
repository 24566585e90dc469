import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { transaction } from '@/db';
import { listIndicators } from '@/db/queries/projects';
import { replaceTargets } from '@/db/queries/targets';
import { findVersion, type VersionedRecord } from '@/db/queries/versions';
import { auditLog, departments, evaluationYears, indicators, projects, users } from '@/db/schema';
import { renameDepartmentOperation } from '@/lib/admin/departments';
import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { updateUserOperation } from '@/lib/admin/users';
import type { Operation } from '@/lib/operations';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import { targetFormRows } from '@/lib/targets/targets-form';
import { updateYearOperation } from '@/lib/years/operations';
import { PRESET_FORMS } from '@/lib/years/scheme-form';
import { rowOf, snapshotOf } from './helpers';
import { testWorld } from './world';
import type { z } from 'zod';

/**
 * No lost updates: two administrators open the same form; the first saves; the second's save, sent
 * with the version its form was opened at, is a conflict that writes nothing (the browser keeps what
 * was typed: useActionForm resets a form only after a success).
 */
const world = testWorld({ each: true });

type AnyOperation = Operation<z.ZodType, unknown>;
interface Form {
  name: string;
  record: VersionedRecord;
  op: AnyOperation;
  id: () => Promise<number>;
  /** Two different edits of the same record, as two people would type them. */
  first: (id: number) => Promise<Record<string, unknown>>;
  second: (id: number) => Promise<Record<string, unknown>>;
  message: RegExp;
}

const projectId = async () => (await rowOf(world.db, projects, eq(projects.name, '三防专项经费'))).id;
const targets = async (id: number, goal: string) => ({
  projectId: id,
  goal,
  indicators: targetFormRows(await listIndicators(world.db, { projectId: id })),
});
const yearSettings = (status: 'open' | 'closed', deadline: string) => async () => ({
  year: 2024,
  status,
  deadline,
  scheme: PRESET_FORMS.national,
});

const FORMS: Form[] = [
  {
    name: 'year settings',
    record: 'year',
    op: updateYearOperation as AnyOperation,
    id: async () => 2024,
    first: yearSettings('open', '2025-01-31'),
    second: yearSettings('closed', '2025-02-28'),
    message: /2024 年度设置已被他人修改/,
  },
  {
    name: 'the targets editor',
    record: 'project',
    op: updateProjectTargetsOperation as AnyOperation,
    id: projectId,
    first: (id) => targets(id, '第一位管理员的目标'),
    second: (id) => targets(id, '第二位管理员的目标'),
    message: /的绩效目标已被他人修改/,
  },
  {
    name: 'a user edit',
    record: 'user',
    op: updateUserOperation as AnyOperation,
    id: async () => world.actors.owner2.id,
    first: async (id) => ({
      userId: id,
      displayName: '李娜（一）',
      role: 'owner',
      departmentId: world.actors.owner2.departmentId,
    }),
    second: async (id) => ({
      userId: id,
      displayName: '李娜（二）',
      role: 'owner',
      departmentId: world.actors.owner2.departmentId,
    }),
    message: /用户“李娜（一）”已被他人修改/,
  },
  {
    name: 'a department rename',
    record: 'department',
    op: renameDepartmentOperation as AnyOperation,
    id: async () => world.actors.owner1.departmentId!,
    first: async (id) => ({ departmentId: id, name: '应急管理局（一）' }),
    second: async (id) => ({ departmentId: id, name: '应急管理局（二）' }),
    message: /部门“应急管理局（一）”已被他人修改/,
  },
  {
    name: 'owner assignment',
    record: 'project',
    op: assignProjectOwnerOperation as AnyOperation,
    id: projectId,
    first: async (id) => ({ projectId: id, ownerId: world.actors.owner2.id }),
    second: async (id) => ({ projectId: id, ownerId: world.actors.owner1.id }),
    message: /“三防专项经费”已被他人修改/,
  },
];

describe('a stale form is a conflict, not an overwrite', () => {
  for (const form of FORMS) {
    it(form.name, async () => {
      const id = await form.id();
      const openedAt = (await findVersion(world.db, { record: form.record, id }))!;
      const firstInput = { ...(await form.first(id)), version: openedAt };
      const secondInput = { ...(await form.second(id)), version: openedAt };

      expect(await world.run(form.op, world.actors.admin, firstInput)).toMatchObject({ ok: true });
      expect(await findVersion(world.db, { record: form.record, id })).toBe(openedAt + 1);
      const tables = [users, departments, projects, indicators, evaluationYears, auditLog];
      const afterFirst = await snapshotOf(world.db, tables);

      const stale = await world.run(form.op, world.actors.admin, secondInput);
      expect(stale).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(form.message) });
      expect(await snapshotOf(world.db, tables)).toBe(afterFirst);

      // Reopened at the new version, the second person's edit goes through.
      const reopened = { ...secondInput, version: openedAt + 1 };
      expect(await world.run(form.op, world.actors.admin, reopened)).toMatchObject({ ok: true });
    });
  }

  it('a target import moves the project’s version too, so an editor opened before it is stale', async () => {
    const id = await projectId();
    const before = (await findVersion(world.db, { record: 'project', id }))!;
    await transaction(world.db, async (tx) => {
      await replaceTargets(tx, { projectId: id, project: {}, indicators: [] });
    });
    expect(await findVersion(world.db, { record: 'project', id })).toBe(before + 1);
  });
});
