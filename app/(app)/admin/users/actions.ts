'use server';

import { getDb } from '@/db';
import { assignProjectOwnerOperation } from '@/lib/admin/owners';
import { deactivateUserOperation, reactivateUserOperation, resetUserPasswordOperation } from '@/lib/admin/user-access';
import { createUserOperation, updateUserOperation } from '@/lib/admin/users';
import { getCurrentUser } from '@/lib/auth/session';
import { runOperation } from '@/lib/operations';

// Thin: the session, role and input checks live in runOperation, the rest in the operations.

export async function createUserAction(raw: unknown) {
  return runOperation(createUserOperation, await getCurrentUser(), raw, getDb());
}

export async function updateUserAction(raw: unknown) {
  return runOperation(updateUserOperation, await getCurrentUser(), raw, getDb());
}

export async function deactivateUserAction(raw: unknown) {
  return runOperation(deactivateUserOperation, await getCurrentUser(), raw, getDb());
}

export async function reactivateUserAction(raw: unknown) {
  return runOperation(reactivateUserOperation, await getCurrentUser(), raw, getDb());
}

export async function resetUserPasswordAction(raw: unknown) {
  return runOperation(resetUserPasswordOperation, await getCurrentUser(), raw, getDb());
}

export async function assignProjectOwnerAction(raw: unknown) {
  return runOperation(assignProjectOwnerOperation, await getCurrentUser(), raw, getDb());
}
