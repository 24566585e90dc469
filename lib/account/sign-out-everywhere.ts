import 'server-only';
import { z } from 'zod';
import { transaction } from '@/db';
import { endSessionsOf } from '@/db/queries/users';
import { ROLES } from '@/db/schema';
import { defineOperation, ok } from '@/lib/operations';

/** 退出所有设备: every session of the caller ends, this one included (the page then signs out). */
export const signOutEverywhereOperation = defineOperation({
  name: 'signOutEverywhere',
  schema: z.object({}),
  roles: ROLES,
  // Someone who fears their account is in use elsewhere may end those sessions before anything else.
  allowWithTemporaryPassword: true,
  async run(_input, { user, db }) {
    await transaction(db, (tx) => endSessionsOf(tx, { userId: user.id }));
    return ok(null, '已退出所有设备，请重新登录');
  },
});
