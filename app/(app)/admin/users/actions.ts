'use server';

import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { createUserOperation, updateUserOperation } from '@/lib/admin/users';
import { serverAction } from '@/lib/auth/server-action';

export const createUserAction = serverAction(createUserOperation);
export const updateUserAction = serverAction(updateUserOperation);
export const assignProjectOwnerAction = serverAction(assignProjectOwnerOperation);
