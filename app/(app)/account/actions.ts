'use server';

import { getDb } from '@/db';
import { changePasswordOperation } from '@/lib/account/change-password';
import { getCurrentUser } from '@/lib/auth/session';
import { runOperation } from '@/lib/operations';

/** Also used by /account/password, the forced change after a reset. */
export async function changePasswordAction(raw: unknown) {
  return runOperation(changePasswordOperation, await getCurrentUser(), raw, getDb());
}
