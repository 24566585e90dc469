'use client';

import { updateUserAction } from '@/app/(app)/admin/users/actions';
import { FormBanner, useActionForm } from '@/components/form-feedback';
import { updateUserSchema, type UpdateUserInput } from '@/lib/admin/user-schemas';
import styles from './admin.module.css';
import { FieldShell, fieldProps } from './field-shell';
import { RoleDepartmentFields, type DepartmentOption } from './role-department-fields';

export function EditUserForm({
  initial,
  departments,
  isSelf,
}: {
  initial: UpdateUserInput;
  departments: DepartmentOption[];
  isSelf: boolean;
}) {
  const { form, banner, onSubmit } = useActionForm({
    schema: updateUserSchema,
    defaultValues: initial,
    action: updateUserAction,
  });
  const { formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className={`card form-stack ${styles.narrowForm}`} aria-label="基本信息">
      <h2>基本信息</h2>
      <div className={styles.grid}>
        <FieldShell name="displayName" label="姓名" control={form.control}>
          <input {...fieldProps(form, 'displayName')} />
        </FieldShell>
        <RoleDepartmentFields
          form={form}
          departments={departments}
          roleLocked={isSelf ? '不能修改自己的角色' : undefined}
        />
      </div>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          保存修改
        </button>
      </div>
    </form>
  );
}
