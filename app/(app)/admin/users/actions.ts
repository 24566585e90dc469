'use server';

import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { deactivateUserOperation, reactivateUserOperation, resetUserPasswordOperation } from '@/lib/admin/user-access';
import { createUserOperation, updateUserOperation } from '@/lib/admin/users';
import { serverAction } from '@/lib/auth/server-action';

export const createUserAction = serverAction(createUserOperation);
export const updateUserAction = serverAction(updateUserOperation);
export const deactivateUserAction = serverAction(deactivateUserOperation);
export const reactivateUserAction = serverAction(reactivateUserOperation);
export const resetUserPasswordAction = serverAction(resetUserPasswordOperation);
export const assignProjectOwnerAction = serverAction(assignProjectOwnerOperation);
