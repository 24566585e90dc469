'use server';

import { changePasswordOperation } from '@/lib/account/change-password';
import { signOutEverywhereOperation } from '@/lib/account/sign-out-everywhere';
import { serverAction } from '@/lib/auth/server-action';

/** Also used by /account/password, the forced change after a reset. */
export const changePasswordAction = serverAction(changePasswordOperation);

export const signOutEverywhereAction = serverAction(signOutEverywhereOperation);
