'use client';

import Link from 'next/link';
import { createUserAction } from '@/app/(app)/admin/users/actions';
import { FormBanner, useActionForm } from '@/components/form-feedback';
import { createUserSchema, type CreateUserInput } from '@/lib/admin/user-schemas';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import styles from './admin.module.css';
import { FieldShell, fieldProps } from './field-shell';
import { RoleDepartmentFields, type DepartmentOption } from './role-department-fields';

const EMPTY: CreateUserInput = {
  username: '',
  displayName: '',
  role: 'owner',
  departmentId: '',
  temporaryPassword: '',
};

/** Creating one user after another is common (a new department's people), so the form empties itself after success. */
export function CreateUserForm({ departments }: { departments: DepartmentOption[] }) {
  const { form, banner, onSubmit } = useActionForm({
    schema: createUserSchema,
    defaultValues: EMPTY,
    action: createUserAction,
    // The next person is often of the same role and department.
    resetTo: ({ role, departmentId }) => ({
      ...EMPTY,
      role,
      departmentId: departmentId === null ? '' : String(departmentId),
    }),
  });
  const { formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className={`card form-stack ${styles.narrowForm}`} aria-label="新建用户">
      <div className={styles.grid}>
        <FieldShell
          name="username"
          label="用户名"
          hint="3–32 个字符：英文字母、数字、_ . -，用于登录"
          control={form.control}
        >
          <input autoComplete="off" {...fieldProps(form, 'username')} />
        </FieldShell>
        <FieldShell name="displayName" label="姓名" control={form.control}>
          <input autoComplete="off" {...fieldProps(form, 'displayName')} />
        </FieldShell>
        <RoleDepartmentFields form={form} departments={departments} />
        <FieldShell
          name="temporaryPassword"
          label="临时密码"
          hint={`至少 ${MIN_PASSWORD_LENGTH} 个字符；请告知本人，首次登录时须修改`}
          control={form.control}
        >
          <input type="text" autoComplete="new-password" {...fieldProps(form, 'temporaryPassword')} />
        </FieldShell>
      </div>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? '正在创建…' : '创建用户'}
        </button>
        <Link href="/admin/users" className="button">
          返回用户列表
        </Link>
      </div>
    </form>
  );
}
