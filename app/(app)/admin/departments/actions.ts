'use server';

import { getDb } from '@/db';
import {
  createDepartmentOperation,
  deactivateDepartmentOperation,
  reactivateDepartmentOperation,
  renameDepartmentOperation,
} from '@/lib/admin/departments';
import { getCurrentUser } from '@/lib/auth/session';
import { runOperation } from '@/lib/operations';

export async function createDepartmentAction(raw: unknown) {
  return runOperation(createDepartmentOperation, await getCurrentUser(), raw, getDb());
}

export async function renameDepartmentAction(raw: unknown) {
  return runOperation(renameDepartmentOperation, await getCurrentUser(), raw, getDb());
}

export async function deactivateDepartmentAction(raw: unknown) {
  return runOperation(deactivateDepartmentOperation, await getCurrentUser(), raw, getDb());
}

export async function reactivateDepartmentAction(raw: unknown) {
  return runOperation(reactivateDepartmentOperation, await getCurrentUser(), raw, getDb());
}
