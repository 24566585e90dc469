'use server';

import {
  createDepartmentOperation,
  deactivateDepartmentOperation,
  reactivateDepartmentOperation,
  renameDepartmentOperation,
} from '@/lib/admin/departments';
import { serverAction } from '@/lib/auth/server-action';

export const createDepartmentAction = serverAction(createDepartmentOperation);
export const renameDepartmentAction = serverAction(renameDepartmentOperation);
export const deactivateDepartmentAction = serverAction(deactivateDepartmentOperation);
export const reactivateDepartmentAction = serverAction(reactivateDepartmentOperation);
