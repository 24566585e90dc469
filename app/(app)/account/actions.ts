'use server';

import { changePasswordOperation } from '@/lib/account/change-password';
import { serverAction } from '@/lib/auth/server-action';

/** Also used by /account/password, the forced change after a reset. */
export const changePasswordAction = serverAction(changePasswordOperation);
