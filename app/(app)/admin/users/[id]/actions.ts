'use server';

import { deactivateUserOperation, reactivateUserOperation, resetUserPasswordOperation } from '@/lib/admin/user-access';
import { serverAction } from '@/lib/auth/server-action';

/** Switching an account off or on and resetting its password: the user page's access panel. */
export const deactivateUserAction = serverAction(deactivateUserOperation);
export const reactivateUserAction = serverAction(reactivateUserOperation);
export const resetUserPasswordAction = serverAction(resetUserPasswordOperation);
