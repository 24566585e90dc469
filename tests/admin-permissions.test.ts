import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, departments, projects, users } from '@/db/schema';
import * as department from '@/lib/admin/departments';
import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { deactivateUserOperation, reactivateUserOperation, resetUserPasswordOperation } from '@/lib/admin/user-access';
import { createUserOperation, updateUserOperation } from '@/lib/admin/users';
import type { SessionUser } from '@/lib/auth/scope';
import type { Operation } from '@/lib/operations';
import { arrange, atCurrentVersion, rowOf, snapshotOf } from './helpers';
import { type Caller, CALLERS, sessionOf, testWorld } from './world';
import type { z } from 'zod';

/**
 * Every administration operation × every caller who is not an active admin with a real password.
 * Each input is one the admin may run, so a refusal can only come from who is asking; the code is
 * asserted and the tables an admin operation writes are compared before and after.
 */
const world = testWorld();

const snapshot = () => snapshotOf(world.db, [users, departments, projects, auditLog]);
const id = {
  user: async (username: string) => (await rowOf(world.db, users, eq(users.username, username))).id,
  department: async (name: string) => (await rowOf(world.db, departments, eq(departments.name, name))).id,
  project: async (name: string) => (await rowOf(world.db, projects, eq(projects.name, name))).id,
};

type AnyOperation = Operation<z.ZodType, unknown>;
interface Row {
  op: AnyOperation;
  input: () => Promise<unknown>;
  /** Brings the data to where the admin's call makes sense (e.g. a deactivated user to reactivate). */
  prepare?: () => Promise<unknown>;
}

const ROWS: Row[] = [
  {
    op: createUserOperation as AnyOperation,
    input: async () => ({
      username: 'intruder',
      displayName: '新人',
      role: 'admin',
      departmentId: '',
      temporaryPassword: 'Temp-1234',
    }),
  },
  {
    op: updateUserOperation as AnyOperation,
    input: async () =>
      atCurrentVersion(world.db, 'user', await id.user('otherhead'), {
        userId: await id.user('otherhead'),
        displayName: '改名',
        role: 'dept_head',
        departmentId: await id.department('白云区水务局'),
      }),
  },
  { op: deactivateUserOperation as AnyOperation, input: async () => ({ userId: await id.user('owner2') }) },
  {
    op: reactivateUserOperation as AnyOperation,
    input: async () => ({ userId: await id.user('otherowner') }),
    prepare: () =>
      arrange(world.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.username, 'otherowner'))),
  },
  {
    op: resetUserPasswordOperation as AnyOperation,
    input: async () => ({ userId: await id.user('head'), temporaryPassword: 'Temp-1234' }),
  },
  { op: department.createDepartmentOperation as AnyOperation, input: async () => ({ name: '白云区民政局' }) },
  {
    op: department.renameDepartmentOperation as AnyOperation,
    input: async () =>
      atCurrentVersion(world.db, 'department', await id.department('白云区水务局'), {
        departmentId: await id.department('白云区水务局'),
        name: '白云区水务和海洋局',
      }),
  },
  {
    op: department.deactivateDepartmentOperation as AnyOperation,
    input: async () => ({ departmentId: await id.department('空部门') }),
    prepare: () => arrange(world.db, (tx) => tx.insert(departments).values({ name: '空部门' })),
  },
  {
    op: department.reactivateDepartmentOperation as AnyOperation,
    input: async () => ({ departmentId: await id.department('已停用部门') }),
    prepare: () => arrange(world.db, (tx) => tx.insert(departments).values({ name: '已停用部门', active: false })),
  },
  {
    op: assignProjectOwnerOperation as AnyOperation,
    input: async () =>
      atCurrentVersion(world.db, 'project', await id.project('三防专项经费'), {
        projectId: await id.project('三防专项经费'),
        ownerId: await id.user('owner2'),
      }),
    prepare: () =>
      arrange(world.db, (tx) => tx.update(users).set({ active: true }).where(eq(users.username, 'owner2'))),
  },
];

const TEMPORARY = 'admin with a temporary password';
const REFUSED = [...CALLERS.filter((c) => c !== 'admin'), TEMPORARY] as const;

function caller(name: (typeof REFUSED)[number]): SessionUser | null {
  return name === TEMPORARY ? { ...world.actors.admin, mustChangePassword: true } : sessionOf(world, name as Caller);
}

const EXPECTED: Record<(typeof REFUSED)[number], { code: string; message: string }> = {
  anonymous: { code: 'unauthenticated', message: '登录已失效，请重新登录' },
  owner1: { code: 'forbidden', message: '您的角色无权执行此操作' },
  owner2: { code: 'forbidden', message: '您的角色无权执行此操作' },
  otherowner: { code: 'forbidden', message: '您的角色无权执行此操作' },
  head: { code: 'forbidden', message: '您的角色无权执行此操作' },
  otherhead: { code: 'forbidden', message: '您的角色无权执行此操作' },
  finance: { code: 'forbidden', message: '您的角色无权执行此操作' },
  'admin with a temporary password': { code: 'forbidden', message: '请先修改初始密码' },
};

describe('administration permission matrix', () => {
  for (const row of ROWS) {
    describe(row.op.name, () => {
      beforeAll(async () => {
        await row.prepare?.();
      });

      for (const name of REFUSED) {
        it(`is refused for ${name}, changing nothing`, async () => {
          const before = await snapshot();
          const result = await world.run(row.op, caller(name), await row.input());
          expect(result).toMatchObject({ ok: false, ...EXPECTED[name] });
          expect(await snapshot()).toBe(before);
        });
      }

      it('is allowed for admin', async () => {
        const before = await snapshot();
        const result = await world.run(row.op, world.actors.admin, await row.input());
        expect(result).toMatchObject({ ok: true });
        expect(await snapshot()).not.toBe(before);
      });
    });
  }
});
