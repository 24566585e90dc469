'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { createUserAction } from '@/app/(app)/admin/users/actions';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import { createUserSchema, type CreateUserInput } from '@/lib/admin/user-schemas';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import styles from './admin.module.css';
import { FieldShell, fieldIds } from './field-shell';
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
  const router = useRouter();
  // Checked on submit, not on blur: a message appearing as the last field loses focus would move the button from under the click.
  const form = useForm<CreateUserInput, unknown, z.output<typeof createUserSchema>>({
    resolver: zodResolver(createUserSchema),
    defaultValues: EMPTY,
  });
  const { register, formState } = form;
  const { banner, show, invalid } = useServerFeedback(form);

  const onSubmit = form.handleSubmit(
    async (values) => {
      const state = await callAction(createUserAction, values);
      if (show(state)) {
        form.reset({
          ...EMPTY,
          role: values.role,
          departmentId: values.departmentId === null ? '' : String(values.departmentId),
        });
        router.refresh();
      }
    },
    () => invalid(),
  );

  return (
    <form onSubmit={onSubmit} noValidate className={`card form-stack ${styles.narrowForm}`} aria-label="新建用户">
      <div className={styles.grid}>
        <FieldShell
          name="username"
          label="用户名"
          hint="3–32 个字符：英文字母、数字、_ . -，用于登录"
          control={form.control}
        >
          <input
            autoComplete="off"
            {...register('username')}
            aria-invalid={Boolean(formState.errors.username)}
            aria-labelledby={fieldIds('username').labelledBy}
            aria-describedby={fieldIds('username').describedBy}
          />
        </FieldShell>
        <FieldShell name="displayName" label="姓名" control={form.control}>
          <input
            autoComplete="off"
            {...register('displayName')}
            aria-invalid={Boolean(formState.errors.displayName)}
            aria-labelledby={fieldIds('displayName').labelledBy}
            aria-describedby={fieldIds('displayName').describedBy}
          />
        </FieldShell>
        <RoleDepartmentFields form={form} departments={departments} />
        <FieldShell
          name="temporaryPassword"
          label="临时密码"
          hint={`至少 ${MIN_PASSWORD_LENGTH} 个字符；请告知本人，首次登录时须修改`}
          control={form.control}
        >
          <input
            type="text"
            autoComplete="new-password"
            {...register('temporaryPassword')}
            aria-invalid={Boolean(formState.errors.temporaryPassword)}
            aria-labelledby={fieldIds('temporaryPassword').labelledBy}
            aria-describedby={fieldIds('temporaryPassword').describedBy}
          />
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
