import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, departments, projects, users } from '@/db/schema';
import {
  createDepartmentOperation,
  deactivateDepartmentOperation,
  reactivateDepartmentOperation,
  renameDepartmentOperation,
} from '@/lib/admin/departments';
import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { deactivateUserOperation, reactivateUserOperation, resetUserPasswordOperation } from '@/lib/admin/user-access';
import { createUserOperation, updateUserOperation } from '@/lib/admin/users';
import type { SessionUser } from '@/lib/auth/scope';
import type { Operation } from '@/lib/operations';
import { createWorld, type World } from './world';
import type { z } from 'zod';

/**
 * Every administration operation × every caller who is not an active admin with a real password.
 * Each input is one the admin may run, so a refusal can only come from who is asking; the code is
 * asserted and the tables an admin operation writes are compared before and after.
 */
let world: World;
beforeAll(() => {
  world = createWorld();
});
afterAll(() => world.cleanup());

const snapshot = () =>
  JSON.stringify([users, departments, projects, auditLog].map((table) => world.db.select().from(table).all()));
const id = {
  user: (username: string) => world.db.select().from(users).where(eq(users.username, username)).get()!.id,
  department: (name: string) => world.db.select().from(departments).where(eq(departments.name, name)).get()!.id,
  project: (name: string) => world.db.select().from(projects).where(eq(projects.name, name)).get()!.id,
};

type AnyOperation = Operation<z.ZodType, unknown>;
interface Row {
  op: AnyOperation;
  input: () => unknown;
  /** Brings the data to where the admin's call makes sense (e.g. a deactivated user to reactivate). */
  prepare?: () => void;
}

const ROWS: Row[] = [
  {
    op: createUserOperation as AnyOperation,
    input: () => ({
      username: 'intruder',
      displayName: '新人',
      role: 'admin',
      departmentId: '',
      temporaryPassword: 'Temp-1234',
    }),
  },
  {
    op: updateUserOperation as AnyOperation,
    input: () => ({
      userId: id.user('otherhead'),
      displayName: '改名',
      role: 'dept_head',
      departmentId: id.department('白云区水务局'),
    }),
  },
  { op: deactivateUserOperation as AnyOperation, input: () => ({ userId: id.user('owner2') }) },
  {
    op: reactivateUserOperation as AnyOperation,
    input: () => ({ userId: id.user('otherowner') }),
    prepare: () => world.db.update(users).set({ active: false }).where(eq(users.username, 'otherowner')).run(),
  },
  {
    op: resetUserPasswordOperation as AnyOperation,
    input: () => ({ userId: id.user('head'), temporaryPassword: 'Temp-1234' }),
  },
  { op: createDepartmentOperation as AnyOperation, input: () => ({ name: '白云区民政局' }) },
  {
    op: renameDepartmentOperation as AnyOperation,
    input: () => ({ departmentId: id.department('白云区水务局'), name: '白云区水务和海洋局' }),
  },
  {
    op: deactivateDepartmentOperation as AnyOperation,
    input: () => ({ departmentId: id.department('空部门') }),
    prepare: () => void world.db.insert(departments).values({ name: '空部门' }).run(),
  },
  {
    op: reactivateDepartmentOperation as AnyOperation,
    input: () => ({ departmentId: id.department('已停用部门') }),
    prepare: () => void world.db.insert(departments).values({ name: '已停用部门', active: false }).run(),
  },
  {
    op: assignProjectOwnerOperation as AnyOperation,
    input: () => ({ projectId: id.project('三防专项经费'), ownerId: id.user('owner2') }),
    prepare: () => world.db.update(users).set({ active: true }).where(eq(users.username, 'owner2')).run(),
  },
];

const CALLERS = [
  'anonymous',
  'owner1',
  'owner2',
  'otherowner',
  'head',
  'otherhead',
  'finance',
  'admin with a temporary password',
] as const;

function caller(name: (typeof CALLERS)[number]): SessionUser | null {
  if (name === 'anonymous') return null;
  if (name === 'admin with a temporary password') return { ...world.actors.admin, mustChangePassword: true };
  return world.actors[name];
}

const EXPECTED: Record<(typeof CALLERS)[number], { code: string; message: string }> = {
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
      beforeAll(() => row.prepare?.());

      for (const name of CALLERS) {
        it(`is refused for ${name}, changing nothing`, async () => {
          const before = snapshot();
          const result = await world.run(row.op, caller(name), row.input());
          expect(result).toMatchObject({ ok: false, ...EXPECTED[name] });
          expect(snapshot()).toBe(before);
        });
      }

      it('is allowed for admin', async () => {
        const before = snapshot();
        const result = await world.run(row.op, world.actors.admin, row.input());
        expect(result).toMatchObject({ ok: true });
        expect(snapshot()).not.toBe(before);
      });
    });
  }
});
