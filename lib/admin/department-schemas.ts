import { z } from 'zod';
import { versionField } from '@/lib/versions';
import { idField } from './user-schemas';

/** Shared by the department forms in the browser and the server actions. */
export const departmentNameField = z
  .string({ error: '请输入部门名称' })
  .trim()
  .min(1, '请输入部门名称')
  .max(100, '部门名称不能超过 100 个字');

export const createDepartmentSchema = z.object({ name: departmentNameField });
export const renameDepartmentSchema = z.object({
  departmentId: idField('缺少部门'),
  version: versionField,
  name: departmentNameField,
});
export const departmentIdSchema = z.object({ departmentId: idField('缺少部门') });

export type CreateDepartmentInput = z.input<typeof createDepartmentSchema>;
export type RenameDepartmentInput = z.input<typeof renameDepartmentSchema>;
