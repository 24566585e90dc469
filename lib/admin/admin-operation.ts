import 'server-only';
import { transaction, type Db } from '@/db';
import { findDepartmentById } from '@/db/queries/departments';
import { findUserById } from '@/db/queries/users';
import type { Department, Role, User } from '@/db/schema';
import { defineOperation, fail, type ActionState, type OperationContext } from '@/lib/operations';
import type { z } from 'zod';

export const ADMIN_ONLY: readonly Role[] = ['admin'];

/**
 * An administrator's operation on one user: refused on oneself when `notOnSelf` says why, refused
 * for a user who does not exist, otherwise run with that user loaded.
 */
export function defineUserOperation<S extends z.ZodType<{ userId: number }>, T>(op: {
  name: string;
  schema: S;
  notOnSelf?: string;
  run(input: z.output<S>, ctx: OperationContext & { target: User }): Promise<ActionState<T>>;
}) {
  return defineOperation({
    name: op.name,
    schema: op.schema,
    roles: ADMIN_ONLY,
    async run(input, ctx) {
      if (op.notOnSelf && input.userId === ctx.user.id) return fail('state', op.notOnSelf);
      const target = await findUserById(ctx.db, { id: input.userId });
      if (!target) return fail('not_found', '用户不存在');
      return op.run(input, { ...ctx, target });
    },
  });
}

/** An administrator's change of one department: in one transaction, with the department loaded in it. */
export function defineDepartmentOperation<S extends z.ZodType<{ departmentId: number }>, T>(op: {
  name: string;
  schema: S;
  run(input: z.output<S>, ctx: OperationContext & { tx: Db; department: Department }): Promise<ActionState<T>>;
}) {
  return defineOperation({
    name: op.name,
    schema: op.schema,
    roles: ADMIN_ONLY,
    run: (input, ctx) =>
      transaction(ctx.db, async (tx) => {
        const department = await findDepartmentById(tx, { id: input.departmentId });
        if (!department) return fail('not_found', '部门不存在');
        return op.run(input, { ...ctx, tx, department });
      }),
  });
}
