'use client';

import { useEffect } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { Options } from '@/components/options';
import type { Role } from '@/db/schema';
import { needsDepartment, ROLE_VALUES } from '@/lib/admin/user-schemas';
import { ROLE_LABELS } from '@/lib/roles';
import { FieldShell, fieldProps } from './field-shell';

export interface DepartmentOption {
  id: number;
  name: string;
}

interface RoleDepartmentValues {
  role: Role;
  departmentId: string | number | null | undefined;
}

/** Role and department together: picking 财政局 or 系统管理员 empties the department, which they do not have. */
export function RoleDepartmentFields<T extends RoleDepartmentValues>({
  form,
  departments,
  roleLocked,
}: {
  form: UseFormReturn<T>;
  departments: DepartmentOption[];
  roleLocked?: string;
}) {
  const f = form as unknown as UseFormReturn<RoleDepartmentValues>;
  const role = useWatch({ control: f.control, name: 'role' });
  const { setValue, getValues } = f;
  useEffect(() => {
    if (role && !needsDepartment(role) && getValues('departmentId'))
      setValue('departmentId', '', { shouldDirty: true });
  }, [role, setValue, getValues]);

  return (
    <>
      {roleLocked ? (
        // Not a disabled <select>: react-hook-form would send no role at all; the stored role travels as the default value.
        <div className="field">
          <span>角色</span>
          <p className="muted">
            {ROLE_LABELS[role]}（{roleLocked}）
          </p>
        </div>
      ) : (
        <FieldShell name="role" label="角色" control={f.control}>
          <select {...fieldProps(f, 'role')}>
            <Options items={ROLE_VALUES} label={(r) => ROLE_LABELS[r]} />
          </select>
        </FieldShell>
      )}
      <FieldShell name="departmentId" label="部门" control={f.control}>
        <select {...fieldProps(f, 'departmentId')} disabled={Boolean(role) && !needsDepartment(role)}>
          <option value="">{role && !needsDepartment(role) ? '（不属于部门）' : '请选择部门'}</option>
          <Options items={departments} value={(d) => String(d.id)} label={(d) => d.name} />
        </select>
      </FieldShell>
    </>
  );
}
